"""Reads the bundled Persian names table (assets/names/*.csv) into models.names.PersianNames.

The table is reviewed data shipped with the app and the server (``assets/names/README.md`` says how
an editor checks and extends it). A table that does not read or does not hold together is a broken
build, not a user's mistake: it raises :class:`NamesTableInvalid` naming the file, row and problem.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models.names import (
    AssetName,
    Checked,
    NameSource,
    OwnerName,
    PersianNames,
    SourceKind,
    TownName,
)
from models.provinces import province_code_for_name
from sync.errors import ImportFailed

DEFAULT_NAMES_DIR = Path(__file__).resolve().parents[1] / "assets" / "names"
ASSETS_FILE, OWNERS_FILE, TOWNS_FILE = "assets.csv", "owners.csv", "towns.csv"
SOURCE_COLUMNS = ("source_kind", "source_ref", "checked", "checked_on", "note")
COLUMNS: dict[str, tuple[str, ...]] = {
    ASSETS_FILE: ("gem_id", "kind", "name_en", "name_fa", "aliases_fa", *SOURCE_COLUMNS),
    OWNERS_FILE: (
        "gem_id",
        "gem_name",
        "name_en",
        "name_fa",
        "aliases_fa",
        "aliases_en",
        "same_as",
        *SOURCE_COLUMNS,
    ),
    TOWNS_FILE: ("municipality", "province", "name_fa", "aliases_fa", *SOURCE_COLUMNS),
}


class NamesTableInvalid(ImportFailed):
    """The bundled names table is missing, unreadable or inconsistent (a broken build).

    An import cannot name what it reads, so nothing is imported: it is an ImportFailed, worded as one.
    """


class _BadRow(ValueError):
    pass


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of one CSV with the row number a spreadsheet shows (the header is row 1)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS[path.name] if c not in (reader.fieldnames or [])]
            if missing:
                raise NamesTableInvalid(f"{path}: missing columns {', '.join(missing)}", path=str(path))
            for number, row in enumerate(reader, start=2):
                yield number, {k: (v or "").strip() for k, v in row.items() if k is not None}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise NamesTableInvalid(f"{path}: {exc}", path=str(path)) from exc


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split(";") if a.strip())


def _source(row: dict[str, str]) -> NameSource:
    try:
        kind = SourceKind(row["source_kind"])
    except ValueError:
        raise _BadRow(f"source_kind {row['source_kind']!r} is not one of {', '.join(SourceKind)}") from None
    try:
        checked = Checked(row["checked"])
    except ValueError:
        raise _BadRow(f"checked {row['checked']!r} is not one of {', '.join(Checked)}") from None
    if not row["source_ref"]:
        raise _BadRow("no source_ref: say where the name can be checked")
    if checked is Checked.VERIFIED and not row["checked_on"]:
        raise _BadRow("verified without checked_on: give the date it was compared with the source")
    return NameSource(kind, row["source_ref"], checked, row["checked_on"] or None, row["note"])


def _asset(row: dict[str, str]) -> AssetName:
    if row["kind"] not in ("plant", "mine"):
        raise _BadRow(f"kind {row['kind']!r} is not plant or mine")
    kind: Any = row["kind"]
    return AssetName(row["gem_id"], kind, row["name_en"], row["name_fa"], _aliases(row["aliases_fa"]), _source(row))


def _owner(row: dict[str, str]) -> OwnerName:
    if not row["gem_id"].startswith("E") or not row["gem_name"]:
        raise _BadRow("an owner row needs GEM's entity id (E…) and GEM's spelling (gem_name)")
    return OwnerName(
        gem_id=row["gem_id"],
        gem_name=row["gem_name"],
        name_en=row["name_en"] or None,
        name_fa=row["name_fa"] or None,
        aliases_fa=_aliases(row["aliases_fa"]),
        aliases_en=_aliases(row["aliases_en"]),
        same_as=row["same_as"] or None,
        source=_source(row),
    )


def _town(row: dict[str, str]) -> TownName:
    province = province_code_for_name(row["province"])
    if province is None:
        raise _BadRow(f"province {row['province']!r} is not one of Iran's provinces")
    return TownName(row["municipality"], province, row["name_fa"], _aliases(row["aliases_fa"]), _source(row))


def load_names(folder: Path | None = None) -> PersianNames:
    """The names table in ``folder`` (default: the bundled ``assets/names``). Raises NamesTableInvalid."""
    folder = folder if folder is not None else DEFAULT_NAMES_DIR
    parsed: dict[str, list[Any]] = {}
    problems: list[str] = []
    for name, parse in ((ASSETS_FILE, _asset), (OWNERS_FILE, _owner), (TOWNS_FILE, _town)):
        path = folder / name
        if not path.is_file():
            raise NamesTableInvalid(f"{path} is missing", path=str(path))
        parsed[name] = []
        for number, row in _rows(path):
            try:
                parsed[name].append(parse(row))
            except _BadRow as exc:
                problems.append(f"{name}, row {number}: {exc}")
    table, consistency = PersianNames.build(parsed[ASSETS_FILE], parsed[OWNERS_FILE], parsed[TOWNS_FILE])
    problems += consistency
    if problems:
        raise NamesTableInvalid(f"the names table in {folder} has problems: " + "; ".join(problems), path=str(folder))
    return table


@functools.cache
def bundled_names() -> PersianNames:
    """The bundled table, read once per process."""
    return load_names()
