"""Importer for Global Energy Monitor's Iron and Steel Tracker and Iron Ore Mines Tracker (CSV or XLSX).

The input is a folder (any depth) of CSV sheet exports and/or XLSX workbooks, or one workbook.
Sheets are recognised by their columns, not their names. Every trap of GEM's files listed in
`../shared/data/README.md` is handled here: numbers written as text (``unknown``, ``>0``, ``N/A``),
``"lat, lon"`` strings, owner lists with ids and shares, years or timestamps, stray labels in
Persian names, provinces spelled several ways. A malformed row is reported with file, row, column
and value and left out; nothing is written here — the caller commits the whole result at once.

The curated Persian names table (``assets/names``, ``models/names.py``) is applied here, at the end
of the read, so the app's import and the server's ``import-gem`` (which calls this reader, see
docs/decisions.md §8) give every plant, mine, owner and town the same names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from models.atlas import (
    Capacity,
    CoordinateAccuracy,
    GeoPoint,
    Mine,
    OwnerShare,
    PartialDate,
    Place,
    Plant,
    Production,
    ProvinceMatch,
    Source,
)
from models.enums import Process, Status
from models.names import MissingName, PersianNames, apply_names
from models.provinces import province_code_for_name
from models.quantity import Quantity
from sync.errors import ImportFailed, RowIssue
from sync.names_table import bundled_names
from sync.tabular import Table, iter_input_files, read_csv, read_xlsx

COUNTRY = "Iran"

# ---- the sheets, recognised by the columns they must have -----------------------------------------
PLANT_DATA = ("Plant ID", "Plant name (English)", "Owner", "Coordinates")
PLANT_CAPACITY = ("Plant ID", "Status", "Nominal crude steel capacity (ttpa)")
PLANT_PRODUCTION = ("Plant ID", "Type of production")
MINES = ("GEM Asset ID", "Asset name (English)", "Design capacity (ttpa)")
SIGNATURE = {PLANT_DATA[0], MINES[0]}

CAPACITY_COLUMNS: dict[str, Process] = {
    "Nominal crude steel capacity (ttpa)": Process.CRUDE_STEEL,
    "Nominal BOF steel capacity (ttpa)": Process.BOF,
    "Nominal EAF steel capacity (ttpa)": Process.EAF,
    "Nominal OHF steel capacity (ttpa)": Process.OHF,
    "Other/unspecified steel capacity (ttpa)": Process.STEEL_OTHER,
    "Nominal iron capacity (ttpa)": Process.IRON,
    "Nominal BF capacity (ttpa)": Process.BF,
    "Nominal DRI capacity (ttpa)": Process.DRI,
    "Other/unspecified iron capacity (ttpa)": Process.IRON_OTHER,
}
#: Plant-level capacities that GEM gives without a status.
PLANT_LEVEL_CAPACITY_COLUMNS: dict[str, Process] = {
    "Pelletizing plant capacity (ttpa)": Process.PELLET,
    "Sinter plant capacity (ttpa)": Process.SINTER,
    "Coking plant capacity (ttpa)": Process.COKE,
    "Ferronickel capacity (ttpa)": Process.FERRONICKEL,
}
PRODUCTION_TYPES: dict[str, Process] = {
    "crude steel production": Process.CRUDE_STEEL,
    "bof steel production": Process.BOF,
    "eaf steel production": Process.EAF,
    "ohf steel production": Process.OHF,
    "other/unspecified steel production": Process.STEEL_OTHER,
    "iron production": Process.IRON,
    "bf iron production": Process.BF,
    "dri iron production": Process.DRI,
    "other/unspecified iron production": Process.IRON_OTHER,
}

_NO_VALUE = {"", "n/a", "na", "none", "-", "--", "unknown", "not found", "nan"}
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_PLANT_ID = re.compile(r"^P\d{6,}$")
_SHARE = re.compile(r"^(?P<name>.*?)\s*\[(?P<pct>[\d.]+)%\]\s*$")
_LATIN_PREFIX = re.compile(r"^(?P<latin>[A-Za-z][A-Za-z0-9 .&'-]*?)\s+(?P<rest>[\u0600-\u06ff].*)$")
_LANGUAGE_LABEL = re.compile(r"\(\s*[\u200e\u200f]?\s*(Persian|Farsi)\s*\)\s*$", re.IGNORECASE)


#: What can be wrong with a row, in English (the command line); the app translates each code.
ISSUES: dict[str, str] = {
    "not_a_number": "not a number",
    "not_a_quantity": "not a usable quantity",
    "not_a_real_date": "not a real date",
    "not_a_date": "not a year or a date",
    "not_coordinates": 'expected "latitude, longitude"',
    "coordinates_out_of_range": "latitude or longitude out of range",
    "owner_id_count": "{owners} owners but {ids} ids",
    "owner_without_name": "an owner without a name",
    "invalid_field": "{field}: {problem}",
    "unknown_province": "unknown province",
    "duplicate_plant": "duplicate_plant",
    "duplicate_mine": "duplicate_mine",
    "not_a_plant_id": "not_a_plant_id",
    "not_an_asset_id": "not_an_asset_id",
    "plant_without_name": "plant_without_name",
    "mine_without_name": "mine_without_name",
    "no_such_plant": "no_such_plant",
    "unknown_status": "unknown_status",
    "unknown_production_type": "unknown_production_type",
}


class BadValue(ValueError):
    """A cell that cannot be read; the caller turns it into a RowIssue."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(ISSUES[code].format(**params))
        self.code = code
        self.params = params


# ---- cell parsers ------------------------------------------------------------------------------------
def parse_quantity(raw: str) -> Quantity | None:
    """``1600`` → known, ``>0`` → positive-unknown, ``unknown`` → unknown, empty → None (not reported)."""
    text = raw.strip().replace(",", "")
    if text == "":
        return None
    if text.lower() in _NO_VALUE:
        return Quantity.unknown()
    if text.replace(" ", "") == ">0":
        return Quantity.positive_unknown()
    try:
        value = float(text)
    except ValueError as exc:
        raise BadValue("not_a_number") from exc
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        raise BadValue("not_a_quantity")
    return Quantity.known(value)


def parse_date(raw: str) -> PartialDate | None:
    """``2019``, ``2019.0``, ``2007-08-01 00:00:00``, ``2007-08`` or ``unknown``."""
    text = raw.strip()
    if text.lower() in _NO_VALUE:
        return None
    match = re.fullmatch(r"(\d{4})(?:\.0+)?", text)
    if match:
        return PartialDate(year=int(match.group(1)))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", text)
    if match:
        try:
            day = int(match.group(3)) if match.group(3) else None
            return PartialDate(year=int(match.group(1)), month=int(match.group(2)), day=day)
        except (ValidationError, ValueError) as exc:
            raise BadValue("not_a_real_date") from exc
    raise BadValue("not_a_date")


def parse_point(raw: str, accuracy: str) -> GeoPoint | None:
    text = raw.strip()
    if text.lower() in _NO_VALUE:
        return None
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2:
        raise BadValue("not_coordinates")
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError as exc:
        raise BadValue("not_coordinates") from exc
    try:
        acc = CoordinateAccuracy(accuracy.strip().lower() or "unknown")
    except ValueError:
        acc = CoordinateAccuracy.UNKNOWN
    try:
        return GeoPoint(lat=lat, lon=lon, accuracy=acc)
    except ValidationError as exc:
        raise BadValue("coordinates_out_of_range") from exc


def split_list(raw: str, separators: str = ";") -> list[str]:
    text = raw.strip()
    if text.lower() in _NO_VALUE:
        return []
    items = re.split("|".join(re.escape(s) for s in separators), text)
    return [i.strip() for i in items if i.strip() and i.strip().lower() not in _NO_VALUE]


def parse_owners(names_raw: str, ids_raw: str = "", names_fa_raw: str = "") -> tuple[OwnerShare, ...]:
    """``"A [60.0%]; B [40.0%]"`` with ids ``"E1 [60.0%]; E2 [40.0%]"`` in the same order."""
    names = split_list(names_raw)
    ids = split_list(ids_raw)
    fa_names = [clean_persian(n) for n in split_list(names_fa_raw)]
    if ids and len(ids) != len(names):
        raise BadValue("owner_id_count", owners=len(names), ids=len(ids))
    owners = []
    for i, entry in enumerate(names):
        share = None
        match = _SHARE.match(entry)
        if match:
            entry, share = match.group("name"), float(match.group("pct"))
        gem_id = None
        if ids:
            id_match = _SHARE.match(ids[i])
            candidate = id_match.group("name") if id_match else ids[i]
            gem_id = candidate if re.fullmatch(r"E\d+", candidate) else None
        name_fa = None
        if len(fa_names) == len(names):
            name_fa = fa_names[i] or None
        if not entry.strip():
            raise BadValue("owner_without_name")
        try:
            owners.append(OwnerShare(name=entry.strip(), name_fa=name_fa, gem_id=gem_id, share_pct=share))
        except ValidationError as exc:
            raise BadValue("invalid_field", **_first_error(exc)) from exc
    return tuple(owners)


def clean_persian(raw: str) -> str:
    """Strip GEM's stray ``(‎Persian)`` labels, direction marks and trailing punctuation."""
    text = _LANGUAGE_LABEL.sub("", raw)
    text = text.replace("\u200e", "").replace("\u200f", "").strip()
    return text.strip(" ,،;:-")


def split_persian_name(raw: str) -> tuple[str | None, list[str]]:
    """A Persian name and any Latin-script alias glued in front of it (``FALCO شرکت …``)."""
    text = clean_persian(raw)
    if not text:
        return None, []
    match = _LATIN_PREFIX.match(text)
    if match:
        return match.group("rest").strip(), [match.group("latin").strip()]
    if not re.search("[\u0600-\u06ff]", text):
        return None, [text]  # no Persian at all: keep it as an alias, not as the Persian name
    return text, []


def _first_error(exc: ValidationError) -> dict[str, str]:
    """The first problem pydantic found, naming the field (``place.point.lat``) and what is wrong."""
    err = exc.errors()[0]
    return {"field": ".".join(str(p) for p in err.get("loc", ())) or "record", "problem": err["msg"]}


# ---- releases and sources ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Release:
    year: int
    month: int
    version: str | None

    @property
    def label(self) -> str:
        month = MONTH_NAMES[self.month - 1]  # not strftime: it follows the process's locale
        return f"{month} {self.year}" + (f" ({self.version})" if self.version else "")

    @property
    def as_of(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def detect_release(texts: list[str], tracker: str) -> Release | None:
    """The release of ``tracker`` named in an About sheet or readme, a file name or a folder name.

    Tried in that order of trust; ``tracker`` is the tracker's title ("Iron and Steel Tracker"), so a
    readme describing several trackers gives each its own release.
    """
    month_names = "|".join(_MONTHS)
    title = re.escape(tracker).replace(r"\ ", r"\s+")
    patterns = [
        rf"{title},?\s+({month_names})\s+(\d{{4}})(?:\s*\((V\d+)\))?",
        rf"({month_names})[-_ ](\d{{4}})(?:[-_ ]\(?(V\d+)\)?)?",
    ]
    for pattern in patterns:
        for text in texts:
            match = re.search(pattern, text, re.IGNORECASE)
            if match:
                return Release(int(match.group(2)), _MONTHS[match.group(1).lower()], match.group(3))
    for text in texts:
        match = re.search(r"(20\d\d)-(0[1-9]|1[0-2])(?!\d)", text)
        if match:
            return Release(int(match.group(1)), int(match.group(2)), None)
    return None


GEM_LICENCE = "CC BY 4.0"
GEM_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Tracker:
    slug: str  # GEM's own short name, used in source ids
    title: str
    url: str


STEEL_TRACKER = Tracker(
    "gist", "Global Iron and Steel Tracker", "https://globalenergymonitor.org/projects/global-iron-and-steel-tracker/"
)
MINES_TRACKER = Tracker(
    "giomt", "Global Iron Ore Mines Tracker", "https://globalenergymonitor.org/projects/global-iron-ore-mines-tracker/"
)


def gem_source(tracker: Tracker, release: Release) -> Source:
    """The source record of one release of a GEM tracker, with the attribution CC BY 4.0 asks for."""
    return Source(
        id=f"gem-{tracker.slug}-{release.year}-{release.month:02d}",
        publisher="Global Energy Monitor",
        title=tracker.title,
        release=release.label,
        licence=GEM_LICENCE,
        licence_url=GEM_LICENCE_URL,
        attribution=f"Global Energy Monitor, {tracker.title}, {release.label} release.",
        as_of=release.as_of,
        url=tracker.url,
    )


# ---- the import --------------------------------------------------------------------------------------------
#: (lat, lon, the province the source names or None) → (ISO code, how it was decided), or (None, None).
ProvinceLocator = Callable[[float, float, str | None], tuple[str | None, ProvinceMatch | None]]


@dataclass
class GemImport:
    """What a GEM folder or workbook holds for Iran, ready to be committed in one go."""

    plants: list[Plant] = field(default_factory=list)
    mines: list[Mine] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: plants, mines, owners and towns the Persian names table has no row for (they keep GEM's names)
    missing_names: list[MissingName] = field(default_factory=list)

    def summary(self) -> str:
        skipped = sum(1 for i in self.issues if i.skipped)
        return (
            f"{len(self.plants)} plants, {len(self.mines)} mines from {len(self.files)} sheets; "
            f"{skipped} rows skipped, {len(self.issues) - skipped} values ignored; "
            f"{len(self.missing_names)} names not in the Persian names table"
        )


class _Reader:
    def __init__(self, locate: ProvinceLocator | None, release: str | None) -> None:
        self.locate = locate
        self.forced_release = release
        self.issues: list[RowIssue] = []

    def issue(
        self, table: Table, row: int, column: str, value: str, code: str, skipped: bool = True, **params: object
    ) -> None:
        message = ISSUES[code].format(**params)
        self.issues.append(RowIssue(table.name, row, column, value, message, skipped, code, dict(params)))

    # -- shared pieces --
    def place(self, table: Table, row: int, cells: dict[str, str], province_col: str) -> Place:
        point = parse_point(cells.get("Coordinates", ""), cells.get("Coordinate accuracy", ""))
        source_province = cells.get(province_col, "").strip() or None
        named = province_code_for_name(source_province)
        if source_province and named is None:
            self.issue(table, row, province_col, source_province, "unknown_province", skipped=False)
        code, how = None, None
        if point is not None and self.locate is not None:
            code, how = self.locate(point.lat, point.lon, named)
        if code is None and named is not None:
            code, how = named, ProvinceMatch.SOURCE_NAME
        return Place(
            point=point,
            province=code,
            province_match=how,
            source_province=source_province,
            municipality=cells.get("Municipality", "").strip() or None,
            address=cells.get("Location address", "").strip() or None,
            address_fa=clean_persian(cells.get("Other language location address", "")) or None,
        )

    def release_for(self, tables: list[Table], kind: str) -> Release:
        texts: list[str] = []
        if self.forced_release:
            texts.append(self.forced_release)
        for table in tables:
            texts.append(table.notes)
            folder = table.path.parent
            notes = sorted(folder.glob("*about*.txt")) + sorted(folder.glob("README*"))
            notes += sorted(folder.parent.glob("README*"))
            for note in notes:
                texts.append(note.read_text(encoding="utf-8", errors="replace")[:100_000])
            texts += [table.path.name, folder.name]
        release = detect_release([t for t in texts if t], kind)
        if release is None:
            names = ", ".join(t.name for t in tables)
            raise ImportFailed(
                f"cannot tell which {kind} release {names} is: no About sheet, and no month and year in "
                'the file or folder name; give it with --release "September 2025 (V1)"'
            )
        return release

    # -- plants --
    def plants(self, data: Table, capacities: Table | None, production: Table | None, source: Source):
        by_id: dict[str, dict] = {}
        for row, cells in data.rows:
            if cells.get("Country/Area", COUNTRY).strip() != COUNTRY:
                continue
            try:
                by_id_entry = self._plant_fields(data, row, cells, source)
            except _RowSkipped:
                continue
            if by_id_entry["id"] in by_id:
                self.issue(data, row, "Plant ID", by_id_entry["id"], "duplicate_plant")
                continue
            by_id[by_id_entry["id"]] = by_id_entry
        caps: dict[str, list[Capacity]] = defaultdict(list)
        if capacities is not None:
            for row, cells in capacities.rows:
                if cells.get("Country/Area", COUNTRY).strip() != COUNTRY:
                    continue
                self._capacity_row(capacities, row, cells, by_id, caps, source)
        prod: dict[str, list[Production]] = defaultdict(list)
        if production is not None:
            for row, cells in production.rows:
                if cells.get("Country/Area", COUNTRY).strip() != COUNTRY:
                    continue
                self._production_row(production, row, cells, by_id, prod, source)
        plants = []
        for plant_id, fields in by_id.items():
            fields["capacities"] = tuple(fields.pop("plant_level")) + tuple(caps[plant_id])
            fields["production"] = tuple(prod[plant_id])
            try:
                plants.append(Plant(**fields))
            except ValidationError as exc:
                self.issue(data, fields.pop("_row"), "Plant ID", plant_id, "invalid_field", **_first_error(exc))
        return plants

    def _cell(self, table: Table, row: int, cells: dict[str, str], column: str, parse, *args):
        raw = cells.get(column, "")
        try:
            return parse(raw, *args)
        except BadValue as exc:
            self.issue(table, row, column, raw, exc.code, **exc.params)
            raise _RowSkipped from exc

    def _plant_fields(self, table: Table, row: int, cells: dict[str, str], source: Source) -> dict:
        plant_id = cells.get("Plant ID", "").strip()
        if not _PLANT_ID.match(plant_id):
            self.issue(table, row, "Plant ID", plant_id, "not_a_plant_id")
            raise _RowSkipped
        name_en = cells.get("Plant name (English)", "").strip()
        if not name_en:
            self.issue(table, row, "Plant name (English)", "", "plant_without_name")
            raise _RowSkipped
        name_fa, latin_aliases = split_persian_name(cells.get("Plant name (other language)", ""))
        aliases_fa = [
            n for n in (clean_persian(x) for x in split_list(cells.get("Other plant names (other language)", ""))) if n
        ]
        aliases_en = latin_aliases + split_list(cells.get("Other plant names (English)", ""), ";,")
        try:
            place = self.place(table, row, cells, "Subnational unit (province/state)")
        except BadValue as exc:
            self.issue(table, row, "Coordinates", cells.get("Coordinates", ""), exc.code, **exc.params)
            raise _RowSkipped from exc
        owners = self._cell(
            table,
            row,
            cells,
            "Owner",
            parse_owners,
            cells.get("Owner GEM ID", ""),
            cells.get("Owner (other language)", ""),
        )
        parents = self._cell(table, row, cells, "Parent", parse_owners, cells.get("Parent GEM ID", ""))
        plant_level = []
        for column, process in PLANT_LEVEL_CAPACITY_COLUMNS.items():
            quantity = self._cell(table, row, cells, column, parse_quantity)
            # GEM writes "unknown" when it does not know whether the plant has such a unit at all:
            # that is no capacity, not a capacity of unknown size. ">0" is a capacity.
            if quantity is not None and quantity.certainty.value != "unknown":
                plant_level.append(
                    Capacity(process=process, status=Status.UNKNOWN, amount_ktpa=quantity, source_id=source.id)
                )
        workforce_raw = cells.get("Workforce size", "").strip()
        workforce = int(float(workforce_raw)) if re.fullmatch(r"\d+(\.0+)?", workforce_raw) else None
        return {
            "_row": row,
            "id": plant_id,
            "name_en": name_en,
            "name_fa": name_fa,
            "aliases_en": tuple(dict.fromkeys(a for a in aliases_en if a != name_en)),
            "aliases_fa": tuple(dict.fromkeys(aliases_fa)),
            "owners": owners,
            "parents": parents,
            "state_owned": cells.get("SOE Status", "").strip() or None,
            "place": place,
            "announced": self._cell(table, row, cells, "Announced date", parse_date),
            "construction": self._cell(table, row, cells, "Construction date", parse_date),
            "started": self._cell(table, row, cells, "Start date", parse_date),
            "product_categories": tuple(split_list(cells.get("Category steel product", ""), ",;")),
            "products": tuple(split_list(cells.get("Steel products", ""), ",;")),
            "end_users": tuple(split_list(cells.get("Steel sector end users", ""), ",;")),
            "main_equipment": tuple(split_list(cells.get("Main production equipment", ""), ";,")),
            "workforce": workforce,
            "wiki_url": cells.get("GEM wiki page", "").strip() or None,
            "source_id": source.id,
            "plant_level": plant_level,
        }

    def _capacity_row(self, table, row, cells, by_id, caps, source) -> None:
        plant_id = cells.get("Plant ID", "").strip()
        if plant_id not in by_id:
            self.issue(table, row, "Plant ID", plant_id, "no_such_plant")
            return
        raw_status = cells.get("Status", "")
        try:
            status = Status.parse(raw_status)
        except ValueError:
            self.issue(table, row, "Status", raw_status, "unknown_status")
            return
        row_caps = []
        for column, process in CAPACITY_COLUMNS.items():
            try:
                quantity = self._cell(table, row, cells, column, parse_quantity)
            except _RowSkipped:
                return
            if quantity is not None:
                row_caps.append(Capacity(process=process, status=status, amount_ktpa=quantity, source_id=source.id))
        caps[plant_id].extend(row_caps)

    def _production_row(self, table, row, cells, by_id, prod, source) -> None:
        plant_id = cells.get("Plant ID", "").strip()
        if plant_id not in by_id:
            self.issue(table, row, "Plant ID", plant_id, "no_such_plant")
            return
        raw_type = cells.get("Type of production", "")
        process = PRODUCTION_TYPES.get(re.sub(r"\s*\(.*\)\s*$", "", raw_type).strip().lower())
        if process is None:
            self.issue(table, row, "Type of production", raw_type, "unknown_production_type")
            return
        row_prod = []
        for column in table.header:
            if not re.fullmatch(r"(19|20)\d\d", column):
                continue
            try:
                quantity = self._cell(table, row, cells, column, parse_quantity)
            except _RowSkipped:
                return
            if quantity is not None and quantity.certainty.value != "unknown":
                row_prod.append(Production(process=process, year=int(column), amount_kt=quantity, source_id=source.id))
        prod[plant_id].extend(row_prod)

    # -- mines --
    def mines(self, table: Table, source: Source) -> list[Mine]:
        mines: dict[str, Mine] = {}
        for row, cells in table.rows:
            if cells.get("Country/Area", COUNTRY).strip() != COUNTRY:
                continue
            try:
                mine = self._mine(table, row, cells, source)
            except _RowSkipped:
                continue
            if mine.id in mines:
                self.issue(table, row, "GEM Asset ID", mine.id, "duplicate_mine")
                continue
            mines[mine.id] = mine
        return list(mines.values())

    def _mine(self, table: Table, row: int, cells: dict[str, str], source: Source) -> Mine:
        mine_id = cells.get("GEM Asset ID", "").strip()
        if not _PLANT_ID.match(mine_id):
            self.issue(table, row, "GEM Asset ID", mine_id, "not_an_asset_id")
            raise _RowSkipped
        name_en = cells.get("Asset name (English)", "").strip()
        if not name_en:
            self.issue(table, row, "Asset name (English)", "", "mine_without_name")
            raise _RowSkipped
        raw_status = cells.get("Operating status", "")
        try:
            status = Status.parse(raw_status)
        except ValueError:
            self.issue(table, row, "Operating status", raw_status, "unknown_status")
            raise _RowSkipped from None
        try:
            place = self.place(table, row, cells, "Subnational unit")
        except BadValue as exc:
            self.issue(table, row, "Coordinates", cells.get("Coordinates", ""), exc.code, **exc.params)
            raise _RowSkipped from exc
        name_fa, latin_aliases = split_persian_name(cells.get("Asset name (other language)", ""))
        production = []
        for column in table.header:
            match = re.fullmatch(r"Production ((?:19|20)\d\d) \(ttpa\)", column)
            if match:
                quantity = self._cell(table, row, cells, column, parse_quantity)
                if quantity is not None and quantity.certainty.value != "unknown":
                    production.append(
                        Production(
                            process=Process.IRON_ORE,
                            year=int(match.group(1)),
                            amount_kt=quantity,
                            source_id=source.id,
                        )
                    )
        quantities = {}
        for key, column in {
            "design_capacity_ktpa": "Design capacity (ttpa)",
            "reserves_kt": "Total reserves (proven and probable, thousand metric tonnes)",
            "resources_kt": "Total resource (inferred, indicated and measured, thousand metric tonnes)",
        }.items():
            quantities[key] = self._cell(table, row, cells, column, parse_quantity) or Quantity.unknown()
        try:
            return Mine(
                id=mine_id,
                name_en=name_en,
                name_fa=name_fa,
                aliases_en=tuple(latin_aliases),
                owners=self._cell(
                    table,
                    row,
                    cells,
                    "Owner",
                    parse_owners,
                    cells.get("Owner GEM Entity ID", ""),
                    cells.get("Owner name in local language/script", ""),
                ),
                parents=self._cell(table, row, cells, "Parent", parse_owners, cells.get("Parent GEM Entity ID", "")),
                place=place,
                status=status,
                started=self._cell(table, row, cells, "Start date", parse_date),
                stopped=self._cell(table, row, cells, "Stop date", parse_date),
                production=tuple(production),
                wiki_url=(cells.get("GEM wiki page URL", "") or cells.get("GEM wiki page URL ", "")).strip() or None,
                source_id=source.id,
                **quantities,
            )
        except ValidationError as exc:
            self.issue(table, row, "GEM Asset ID", mine_id, "invalid_field", **_first_error(exc))
            raise _RowSkipped from exc


class _RowSkipped(Exception):
    """Internal: the row was reported and must be left out."""


def _pick(tables: list[Table], kind: str) -> Table | None:
    """One sheet per kind: a country extract (``iran_…``) beats the global sheet it was cut from."""
    if not tables:
        return None
    if len(tables) > 1:
        national = [t for t in tables if COUNTRY.lower() in t.name.lower()]
        tables = national or tables
    if len(tables) > 1:
        names = ", ".join(t.name for t in tables)
        raise ImportFailed(f"more than one {kind} sheet ({names}); import one release at a time")
    return tables[0]


def read_gem(
    path: Path,
    *,
    locate_province: ProvinceLocator | None = None,
    release: str | None = None,
    names: PersianNames | None = None,
) -> GemImport:
    """Read every GEM sheet under ``path`` (a folder or a workbook) into models, for Iran only.

    ``locate_province`` maps coordinates to an ISO province code (point in polygon); when it
    returns None the source's own spelling of the province is used. ``names`` is the Persian names
    table applied to the result: the bundled one when not given (``PersianNames.empty()`` for none).
    """
    if not path.exists():
        raise ImportFailed(f"{path} does not exist", path=str(path))
    tables: list[Table] = []
    for file in iter_input_files(path):
        suffix = file.suffix.lower()
        if suffix == ".csv":
            table = read_csv(file, SIGNATURE)
            if table is not None:
                tables.append(table)
        elif suffix == ".xlsx":
            tables.extend(read_xlsx(file, SIGNATURE))
    kinds: dict[str, list[Table]] = defaultdict(list)
    for table in tables:
        if table.has_columns(*PLANT_CAPACITY):
            kinds["capacities"].append(table)
        elif table.has_columns(*PLANT_PRODUCTION):
            kinds["production"].append(table)
        elif table.has_columns(*PLANT_DATA):
            kinds["plant data"].append(table)
        elif table.has_columns(*MINES):
            kinds["mines"].append(table)
    if not kinds["plant data"] and not kinds["mines"]:
        raise ImportFailed(
            f"no GEM Iron and Steel Tracker 'Plant data' sheet and no Iron Ore Mines Tracker sheet in {path}",
            path=str(path),
        )
    reader = _Reader(locate_province, release)
    result = GemImport()
    plant_data = _pick(kinds["plant data"], "plant data")
    if kinds["capacities"] and plant_data is None:
        raise ImportFailed("plant capacities without the 'Plant data' sheet they belong to")
    if plant_data is not None:
        capacities = _pick(kinds["capacities"], "plant capacities")
        production = _pick(kinds["production"], "plant production")
        steel_tables = [t for t in (plant_data, capacities, production) if t is not None]
        source = gem_source(STEEL_TRACKER, reader.release_for(steel_tables, "Iron and Steel Tracker"))
        result.plants = reader.plants(plant_data, capacities, production, source)
        result.sources.append(source)
        result.files += [t.name for t in steel_tables]
    mines_table = _pick(kinds["mines"], "iron ore mines")
    if mines_table is not None:
        source = gem_source(MINES_TRACKER, reader.release_for([mines_table], "Iron Ore Mines Tracker"))
        result.mines = reader.mines(mines_table, source)
        result.sources.append(source)
        result.files.append(mines_table.name)
    result.issues = reader.issues
    if not result.plants and not result.mines:
        raise ImportFailed(f"no usable Iranian plant or mine in {path}: " + "; ".join(map(str, reader.issues[:5])))
    named = apply_names(result.plants, result.mines, names if names is not None else bundled_names())
    result.plants, result.mines, result.missing_names = named.plants, named.mines, named.missing
    return result
