"""What an engineer would build instead of the app's own search: SQLite FTS5 over the same suppliers.

Built the way a competent engineer would: stdlib ``sqlite3``, one FTS5 table with prefix indexes
(``prefix='1 2 3 4'``) over the same text the app searches (names in one column, the rest in another), the
same normalisation as ``models/search.py`` applied to the text and to the query, every word typed as a
prefix query (``"word"*``) and all of them required; facets as indexed columns of a plain table and a table
of each supplier's categories with every category above them; ranked by BM25 with names weighted ten times
the rest, or by the name's collation key when no words are typed; the count and the first page of ids, which
is what a list screen needs. Loaded in one transaction, then ``optimize``d; WAL journal; on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.queries import Query
from models.categories import DEFAULT_TREE, CategoryTree, ancestor_codes
from models.match_words import PROCESS_NAMES
from models.provinces import PROVINCES_BY_CODE
from models.search import normalize, tokens

#: Certificates are judged on this day, as the app's index judges them on the day it was built for.
DAY = dt.date(2026, 11, 1)
_COLLATION = str.maketrans(
    {" ": "\x00"} | {letter: chr(1 + i) for i, letter in enumerate("ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")}
)


def collation_key(text: str) -> str:
    return normalize(text).translate(_COLLATION)


def searched_text(record: dict[str, Any], tree: CategoryTree) -> tuple[str, str]:
    """(names, the rest): the fields the app's directory search looks in, normalised."""
    names = normalize(" | ".join(n for n in (record.get("name_fa"), record.get("name_en")) if n))
    others: list[str] = [record["id"], record.get("city_fa") or "", record.get("city_en") or ""]
    province = PROVINCES_BY_CODE.get(record.get("province") or "")
    if province is not None:
        others += [province.name_fa, province.name_en]
    for code in record.get("categories", ()):
        others += tree.names(code)
    for product in record.get("products", ()):
        others += [product.get("name_fa") or "", product.get("name_en") or "", product.get("oem_part_number") or ""]
    capabilities = record.get("capabilities") or {}
    for process in capabilities.get("processes", ()):
        others += PROCESS_NAMES.get(process, (process, process))
    others += capabilities.get("materials", ())
    others += [c["scheme"] for c in record.get("certificates", ())]
    return names, normalize(" | ".join(o for o in others if o))


class FtsDirectory:
    """The suppliers in an on-disk SQLite database with an FTS5 index."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def build(cls, records: Iterable[dict[str, Any]], path: Path, tree: CategoryTree = DEFAULT_TREE) -> FtsDirectory:
        path.unlink(missing_ok=True)
        db = sqlite3.connect(path)
        db.executescript(
            """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE supplier (
                rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name_key TEXT NOT NULL,
                province TEXT, company_type TEXT, knowledge_based INTEGER, valid_certificate INTEGER);
            CREATE INDEX supplier_name ON supplier(name_key);
            CREATE INDEX supplier_province ON supplier(province);
            CREATE TABLE supplier_category (rowid INTEGER NOT NULL, code TEXT NOT NULL, PRIMARY KEY (code, rowid))
                WITHOUT ROWID;
            CREATE VIRTUAL TABLE supplier_text USING fts5(
                names, others, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4');
            """
        )
        day = DAY.isoformat()
        with db:
            for rowid, record in enumerate(records, 1):
                names, others = searched_text(record, tree)
                valid = any((c.get("valid_from") or "") <= day <= c["valid_to"] for c in record.get("certificates", ()))
                db.execute(
                    "INSERT INTO supplier VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (rowid, record["id"], collation_key(record["name_fa"]), record.get("province"),
                     record.get("company_type"), int(bool(record.get("knowledge_based"))), int(valid)),
                )  # fmt: skip
                closure = {a for code in record.get("categories", ()) for a in (code, *ancestor_codes(code))}
                db.executemany("INSERT INTO supplier_category VALUES (?, ?)", [(rowid, c) for c in closure])
                db.execute("INSERT INTO supplier_text(rowid, names, others) VALUES (?, ?, ?)", (rowid, names, others))
            db.execute("INSERT INTO supplier_text(supplier_text) VALUES ('optimize')")
        db.execute("ANALYZE")
        return cls(db)

    def search(self, query: Query, limit: int) -> tuple[int, list[str]]:
        """The number of suppliers the query finds and the ids of the first ``limit``, best first."""
        where: list[str] = []
        params: list[Any] = []
        words = tokens(query.text)
        if words:
            where.append("supplier_text MATCH ?")
            params.append(" ".join('"' + w.replace('"', '""') + '"*' for w in words))
        if query.provinces:
            where.append(f"s.province IN ({','.join('?' * len(query.provinces))})")
            params += sorted(query.provinces)
        if query.company_types:
            where.append(f"s.company_type IN ({','.join('?' * len(query.company_types))})")
            params += sorted(query.company_types)
        if query.knowledge_based:
            where.append("s.knowledge_based = 1")
        if query.valid_certificate:
            where.append("s.valid_certificate = 1")
        if query.categories:
            marks = ",".join("?" * len(query.categories))
            where.append(f"s.rowid IN (SELECT rowid FROM supplier_category WHERE code IN ({marks}))")
            params += sorted(query.categories)
        condition = " AND ".join(where) or "1"
        if words:
            source = "supplier_text JOIN supplier s ON s.rowid = supplier_text.rowid"
            order = "bm25(supplier_text, 10.0, 1.0)"
        else:
            source = "supplier s"
            order = "s.name_key"
        count = self.db.execute(f"SELECT count(*) FROM {source} WHERE {condition}", params).fetchone()[0]
        page = f"SELECT s.id FROM {source} WHERE {condition} ORDER BY {order} LIMIT ?"
        rows = self.db.execute(page, [*params, limit])
        return count, [r[0] for r in rows]

    def close(self) -> None:
        self.db.close()


def cached(records: Callable[[Any], Iterable[dict[str, Any]]], store: Any, path: Path) -> tuple[FtsDirectory, float]:
    """The FTS database at ``path``, built from ``records(store)`` when it is not there yet (the data set's
    folder keeps it: building it takes a minute at 65,000 records); with the seconds its build took."""
    timing = path.with_suffix(".build.json")
    if not path.exists() or not timing.exists():
        started = time.perf_counter()
        building = path.with_name(path.name + ".building")
        FtsDirectory.build(records(store), building).close()
        building.replace(path)
        timing.write_text(json.dumps({"build_s": time.perf_counter() - started}), encoding="utf-8")
    db = sqlite3.connect(path)
    db.execute("SELECT count(*) FROM supplier_text").fetchone()  # warm: the engineer's app is running too
    return FtsDirectory(db), json.loads(timing.read_text(encoding="utf-8"))["build_s"]
