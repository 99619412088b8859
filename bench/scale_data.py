"""The benchmark's scale data set: the real GEM plants and mines, the category tree, and demo suppliers and
needs from ``seed-demo``, sized so that the server holds a given number of live records in all.

Built through the server's own command line (``import-gem``, ``seed-demo``) into a SQLite file, which is
kept in ``.data/bench/`` keyed by the size and by the code and data that decide its content: a second run
copies it instead of building it again (building 65,000 records takes a minute or two).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
CACHE = ROOT / ".data" / "bench"
#: What decides the records' content: a change to any of these builds the data set again.
CONTENT_SOURCES = (
    "models/demo.py",
    "models/demo_catalogue.py",
    "models/demo_places.py",
    "models/suppliers.py",
    "models/needs.py",
    "models/categories.py",
    "models/atlas.py",
    "models/names.py",
    "sync/gem_import.py",
    "server/migrations",
    "server/registers.py",
    "server/importing.py",
    "assets/names",
)


@dataclass(frozen=True)
class ScaleData:
    """A built data set: the server database and what it holds."""

    database: Path
    suppliers: int
    records: int  # live records in every collection (plants, mines, sources, categories, suppliers, needs)
    by_collection: dict[str, int]


def server_env(db_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZANJIREH_")}
    env.update({"ZANJIREH_DB": f"sqlite:///{db_path}", "PYTHONUNBUFFERED": "1"})
    return env


def run_server_cli(db_path: Path, *args: str, timeout: float = 1800) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=ROOT, env=server_env(db_path), capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"python -m server {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def live_counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT collection, count(*) FROM records WHERE owner = '' AND deleted = 0 GROUP BY 1")
        return dict(rows.fetchall())


def suppliers_for(total: int, fixed: int) -> int:
    """The number of demo suppliers N for which N + need_count(N) + ``fixed`` is ``total`` (or just under)."""
    from models.demo import need_count

    n = max(0, (total - fixed) * 10 // 11)
    while n + 1 + need_count(n + 1) + fixed <= total:
        n += 1
    while n > 0 and n + need_count(n) + fixed > total:
        n -= 1
    return n


def _content_key(total: int) -> str:
    digest = hashlib.sha256(str(total).encode())
    for name in CONTENT_SOURCES:
        path = ROOT / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(ROOT).as_posix().encode())
                digest.update(file.read_bytes())
    for file in sorted(SHARED_DATA.rglob("*.csv")):
        digest.update(file.name.encode())
        digest.update(str(file.stat().st_size).encode())
    return digest.hexdigest()[:16]


def build(total: int, log: callable = print) -> ScaleData:  # type: ignore[valid-type]
    """The data set of ``total`` records, from the cache or built now."""
    key = _content_key(total)
    folder = CACHE / f"{total}-{key}"
    database = folder / "server.sqlite3"
    if not database.exists():
        if CACHE.exists():
            for stale in CACHE.glob(f"{total}-*"):
                shutil.rmtree(stale, ignore_errors=True)
        work = CACHE / f".building-{total}-{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        db = work / "server.sqlite3"
        log(f"building the data set of {total:,} records (cached in {folder.relative_to(ROOT)}) …")
        run_server_cli(db, "import-gem", str(SHARED_DATA))
        run_server_cli(db, "seed-demo", "0")  # the category tree, to count what is fixed
        fixed = sum(live_counts(db).values())
        n = suppliers_for(total, fixed)
        run_server_cli(db, "seed-demo", str(n))
        with sqlite3.connect(db) as con:
            con.execute("VACUUM")
        work.rename(folder)
    counts = live_counts(database)
    return ScaleData(database, counts.get("suppliers", 0), sum(counts.values()), counts)
