"""Readers for the association's registers of suppliers and needs (CSV or XLSX, docs/registers.md).

Every cell is checked; every problem becomes a ``RowIssue`` naming the file, the row (as a
spreadsheet numbers it), the column and the value, with a code whose words exist in Persian and
English (``ISSUES``). Reading never writes: the caller imports the file whole or, when any row has a
problem, not at all (a register is the association's word on its members; half of it is wrong).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jdatetime
from pydantic import ValidationError

from models.categories import DEFAULT_TREE, CategoryTree
from models.countries import country_code
from models.needs import UNIT_ALIASES, Criticality, Need, NeedStatus
from models.orgs import NOT_AN_ORGANISATION_NAMES
from models.provinces import PROVINCES_BY_CODE, province_code_for_name
from models.search import normalize
from models.suppliers import (
    CompanyType,
    MakingProcess,
    Origin,
    Provenance,
    QualificationState,
    SizeBand,
    Supplier,
)
from sync.errors import ImportFailed, RowIssue
from sync.tabular import Table, read_csv, read_xlsx

Lang = Literal["fa", "en"]

SUPPLIER_COLUMNS = (
    "id", "name_fa", "name_en", "type", "province", "city", "lat", "lon", "categories",
    "certificates", "qualification", "phone", "email", "website",
)  # fmt: skip
SUPPLIER_OPTIONAL_COLUMNS = (
    "city_en", "knowledge_based", "size_band", "founded_year", "processes", "materials", "largest_part_kg",
)  # fmt: skip
NEED_COLUMNS = (
    "id", "plant_id", "item_fa", "item_en", "category", "oem", "part_number", "annual_qty", "unit",
    "annual_fx_eur", "origin_country", "criticality", "status", "deadline",
)  # fmt: skip
NEED_OPTIONAL_COLUMNS = ("producer_org", "summary_fa", "summary_en", "processes", "part_weight_kg")

REGISTER_SUPPLIER_ID = re.compile(r"^S[0-9A-Z]{1,20}$")
REGISTER_NEED_ID = re.compile(r"^N[0-9A-Z]{1,20}$")
LIST_SEPARATOR = ";"

#: What can be wrong with a cell: code → (Persian, English), with {named} parameters.
ISSUES: dict[str, tuple[str, str]] = {
    "required": ("این ستون نباید خالی باشد", "this column must not be empty"),
    "duplicate_id": ("این شناسه پیش‌تر در ردیف {first_row} آمده است", "this id already appears in row {first_row}"),
    "not_a_supplier_id": (
        "شناسهٔ تأمین‌کننده S و پس از آن حروف بزرگ لاتین یا رقم است (S1042)",
        "a supplier id is S followed by capital letters or digits (S1042)",
    ),
    "not_a_need_id": (
        "شناسهٔ نیاز N و پس از آن حروف بزرگ لاتین یا رقم است (N2031)",
        "a need id is N followed by capital letters or digits (N2031)",
    ),
    "unknown_company_type": ("نوع شرکت ناشناخته است؛ یکی از: {allowed}", "unknown company type; one of: {allowed}"),
    "unknown_province": ("استان ناشناخته است", "unknown province"),
    "not_a_number": ("عدد نیست", "not a number"),
    "not_positive": ("باید بزرگ‌تر از صفر باشد", "must be more than zero"),
    "coordinates_out_of_range": ("عرض یا طول جغرافیایی خارج از محدوده است", "latitude or longitude out of range"),
    "lat_lon_together": ("عرض و طول جغرافیایی با هم می‌آیند", "latitude and longitude go together"),
    "point_outside_province": (
        "این نقطه {km} کیلومتر بیرون از استان {province} است",
        "this point lies {km} km outside the province {province}",
    ),
    "unknown_category": ("دستهٔ ناشناخته: {category}", "unknown category: {category}"),
    "category_too_broad": (
        "«{category}» یک گروه اصلی است؛ دسته‌ای زیر آن را بنویسید",
        "{category} is a whole supply group; write a category beneath it",
    ),
    "not_a_certificate": (
        "گواهی باید به شکل «نام:تاریخ انقضا» باشد: {item}",
        'a certificate is "SCHEME:valid_to": {item}',
    ),
    "not_a_qualification": (
        "وضعیت ارزیابی باید به شکل «دسته=وضعیت@انقضا» باشد: {item}",
        'a qualification is "category=state@expiry": {item}',
    ),
    "unknown_qualification_state": (
        "وضعیت ارزیابی ناشناخته: {state}؛ یکی از: {allowed}",
        "unknown qualification state: {state}; one of: {allowed}",
    ),
    "duplicate_qualification": ("دستهٔ {category} دو وضعیت دارد", "the category {category} has two states"),
    "not_a_date": (
        "تاریخ نیست: {item} (۲۰۲۷-۰۴-۲۱ یا ۱۴۰۶/۰۲/۰۱)",
        "not a date: {item} (2027-04-21, or Jalali 1406/02/01)",
    ),
    "not_a_phone": ("شمارهٔ تلفن نیست", "not a phone number"),
    "not_an_email": ("نشانی ایمیل نیست", "not an e-mail address"),
    "not_a_website": ("نشانی وب‌سایت نیست", "not a website address"),
    "not_yes_no": ("باید بله یا خیر باشد", "must be yes or no"),
    "unknown_size_band": ("ردهٔ اندازه ناشناخته است؛ یکی از: {allowed}", "unknown size band; one of: {allowed}"),
    "not_a_year": ("سال نیست", "not a year"),
    "unknown_process": ("فرایند ناشناخته: {item}؛ یکی از: {allowed}", "unknown process: {item}; one of: {allowed}"),
    "not_a_plant_id": ("شناسهٔ کارخانهٔ GEM نیست (P و پس از آن رقم)", "not a GEM plant id (P followed by digits)"),
    "no_such_plant": ("این کارخانه در اطلس نیست", "no such plant in the atlas"),
    "not_an_owner": (
        "این سازمان مالک یا سهام‌دار این کارخانه در اطلس نیست؛ یکی از: {allowed}",
        "this organisation is not an owner or parent of the plant in the atlas; one of: {allowed}",
    ),
    "plant_without_owner": ("مالک این کارخانه در اطلس شناسه ندارد", "the plant's owner has no id in the atlas"),
    "unit_required": ("مقدار سالانه بدون واحد است", "an annual quantity needs its unit"),
    "unknown_unit": ("واحد ناشناخته است؛ یکی از: {allowed}", "unknown unit; one of: {allowed}"),
    "unknown_country": (
        "کشور ناشناخته است (کد دوحرفی ISO مانند DE)",
        "unknown country (an ISO two-letter code such as DE)",
    ),
    "unknown_criticality": ("اهمیت باید A یا B یا C باشد", "criticality must be A, B or C"),
    "unknown_status": ("وضعیت ناشناخته است؛ یکی از: {allowed}", "unknown status; one of: {allowed}"),
    "invalid_field": ("{field}: {problem}", "{field}: {problem}"),
}

_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,38}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(/\S*)?$", re.IGNORECASE)
_TRUE = {"yes", "y", "true", "1", "بله", "بلی", "آری", "دارد"}
_FALSE = {"no", "n", "false", "0", "خیر", "نه", "ندارد"}
_TYPE_ALIASES = {
    "تولیدکننده": CompanyType.MANUFACTURER,
    "سازنده": CompanyType.MANUFACTURER,
    "توزیع کننده": CompanyType.DISTRIBUTOR,
    "توزیعکننده": CompanyType.DISTRIBUTOR,
    "سازنده سفارشی": CompanyType.CUSTOM_MANUFACTURER,
    "خدماتی": CompanyType.SERVICE,
    "خدمات": CompanyType.SERVICE,
    "مهندسی": CompanyType.ENGINEERING,
    "custom manufacturer": CompanyType.CUSTOM_MANUFACTURER,
}
_CRITICALITY_ALIASES = {"الف": Criticality.A, "ب": Criticality.B, "ج": Criticality.C}
#: How far outside the named province's drawn outline a point may lie (the outlines are coarse).
PROVINCE_TOLERANCE_KM = 25.0


def issue_text(issue: RowIssue, lang: Lang) -> str:
    """One problem in words: where (file, row, column, value) and what, in Persian or English."""
    fa, en = ISSUES.get(issue.code, (issue.message, issue.message))
    message = (fa if lang == "fa" else en).format(**issue.params)
    if lang == "fa":
        row = str(issue.row).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        return f"{issue.file}، ردیف {row}، ستون «{issue.column}»، مقدار «{issue.value}»: {message}"
    return f"{issue.file}, row {issue.row}, column {issue.column!r}, value {issue.value!r}: {message}"


class _Bad(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class RegisterResult:
    """What a register file holds: the records of its good rows and every problem of its bad ones."""

    file: str
    rows: int
    records: list[Any] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues


# ---- cells -----------------------------------------------------------------------------------------
def _text(value: str) -> str:
    return value.translate(_PERSIAN_DIGITS).strip()


def parse_number(value: str) -> float:
    text = _text(value).replace("٬", "").replace(",", "").replace("٫", ".").replace(" ", "")
    try:
        number = float(text)
    except ValueError:
        raise _Bad("not_a_number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _Bad("not_a_number")
    return number


def parse_date(value: str) -> dt.date:
    """ISO 8601 (2027-04-21, or the 00:00:00 a spreadsheet adds) or a Jalali date (1406/02/01)."""
    text = _text(value).split(" ")[0].replace("/", "-")
    parts = text.split("-")
    try:
        if len(parts) != 3:
            raise ValueError
        year, month, day = (int(p) for p in parts)
        if year < 1700:  # a Jalali year
            return jdatetime.date(year, month, day).togregorian()
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        raise _Bad("not_a_date", item=value) from None


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def _category(code: str, tree: CategoryTree) -> str:
    key = code.strip().lower()
    if key not in tree:
        raise _Bad("unknown_category", category=code.strip())
    if "." not in key:  # a root matches nothing (models/matching.py)
        raise _Bad("category_too_broad", category=key)
    return key


def _choice(value: str, options: type[Any], code: str, aliases: Mapping[str, Any] | None = None) -> Any:
    key = normalize(value).replace(" ", "_")
    for option in options:
        if key == option.value.lower():
            return option
    alias = (aliases or {}).get(normalize(value)) or (aliases or {}).get(value.strip())
    if alias is not None:
        return alias
    raise _Bad(code, allowed=", ".join(o.value for o in options))


def _yes_no(value: str) -> bool:
    key = normalize(value)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise _Bad("not_yes_no")


def _year(value: str) -> int:
    try:
        year = int(parse_number(value))
    except _Bad:
        raise _Bad("not_a_year") from None
    if 1300 <= year <= 1500:  # a Jalali year: 1377 → 1998
        year += 621
    if not 1850 <= year <= 2100:
        raise _Bad("not_a_year")
    return year


def _processes(value: str) -> tuple[MakingProcess, ...]:
    out: list[MakingProcess] = []
    for item in _items(value):
        key = normalize(item).replace(" ", "_")
        try:
            out.append(MakingProcess(key))
        except ValueError:
            raise _Bad("unknown_process", item=item, allowed=", ".join(p.value for p in MakingProcess)) from None
    return tuple(dict.fromkeys(out))


# ---- reading a file ----------------------------------------------------------------------------------
def read_register_table(path: Path, columns: tuple[str, ...], signature: str) -> Table:
    """The register's sheet (the first with its columns); ImportFailed when the file is not one."""
    if not path.is_file():
        raise ImportFailed(f"no such file: {path}", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        tables = [t for t in [read_csv(path, {signature})] if t is not None]
    elif suffix == ".xlsx":
        tables = read_xlsx(path, {signature})
    else:
        raise ImportFailed(f"{path.name}: a register is a .csv or .xlsx file", path=str(path))
    for table in tables:
        table.header = [h.strip().lower() for h in table.header]
        table.rows = [(n, {k.strip().lower(): v for k, v in row.items()}) for n, row in table.rows]
        missing = [c for c in columns if c not in table.header]
        if not missing:
            return table
    found = tables[0].header if tables else []
    missing = [c for c in columns if c not in found]
    raise ImportFailed(
        f"{path.name} is not a register of this kind: it lacks the columns {', '.join(missing)} "
        f"(docs/registers.md lists them)",
        path=str(path),
        missing=missing,
    )


class _Row:
    """One row being read: collects each bad cell as an issue instead of stopping at the first."""

    def __init__(self, file: str, number: int, cells: dict[str, str], issues: list[RowIssue]) -> None:
        self.file, self.number, self.cells, self.issues = file, number, cells, issues
        self.bad = False

    def raw(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def get(self, column: str, parse: Callable[[str], Any], *, required: bool = False, default: Any = None) -> Any:
        value = self.raw(column)
        if not value:
            if required:
                self.report(column, value, "required")
            return default
        try:
            return parse(value)
        except _Bad as bad:
            self.report(column, value, bad.code, **bad.params)
            return default

    def report(self, column: str, value: str, code: str, **params: object) -> None:
        self.bad = True
        _fa, en = ISSUES[code]
        self.issues.append(
            RowIssue(self.file, self.number, column, value, en.format(**params), code=code, params=dict(params))
        )


def _check_model(row: _Row, build: Callable[[], Any]) -> Any:
    try:
        return build()
    except ValidationError as error:
        for e in error.errors(include_url=False):
            name = str(e["loc"][0]) if e["loc"] else "id"
            row.report(name, row.raw(name), "invalid_field", field=name, problem=e["msg"])
        return None


# ---- suppliers -----------------------------------------------------------------------------------------
PointCheck = Callable[[float, float, str], float]


def read_supplier_register(
    path: Path, *, tree: CategoryTree = DEFAULT_TREE, outside_km: PointCheck | None = None
) -> RegisterResult:
    """Read a suppliers register. ``outside_km(lat, lon, province)`` says how far a point lies outside
    a province's outline (``sync.geometry``); without it, points are not checked against provinces."""
    table = read_register_table(path, SUPPLIER_COLUMNS, "name_fa")
    result = RegisterResult(file=path.name, rows=len(table.rows))
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        row = _Row(path.name, number, cells, result.issues)
        record_id = row.raw("id")
        if not record_id:
            row.report("id", record_id, "required")
        elif not REGISTER_SUPPLIER_ID.fullmatch(record_id):
            row.report("id", record_id, "not_a_supplier_id")
        elif record_id in first_row:
            row.report("id", record_id, "duplicate_id", first_row=first_row[record_id])
        else:
            first_row[record_id] = number
        supplier = _supplier_row(row, record_id, tree, outside_km)
        if supplier is not None and not row.bad:
            result.records.append(supplier)
    return result


def _province(value: str) -> str:
    text = value.strip().upper()
    if text in PROVINCES_BY_CODE:
        return text
    code = province_code_for_name(value)
    if code is None:
        raise _Bad("unknown_province")
    return code


def _website(value: str) -> str:
    text = value.strip()
    bare = re.sub(r"^https?://", "", text, flags=re.IGNORECASE)
    if not _DOMAIN.fullmatch(bare):
        raise _Bad("not_a_website")
    return text if text.lower().startswith(("http://", "https://")) else f"https://{text}"


def _checked(pattern: re.Pattern[str], code: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        text = _text(value)
        if not pattern.fullmatch(text):
            raise _Bad(code)
        return text

    return check


def _supplier_row(row: _Row, record_id: str, tree: CategoryTree, outside_km: PointCheck | None) -> Supplier | None:
    name_fa = row.get("name_fa", str.strip, required=True)
    company_type = row.get(
        "type",
        lambda v: _choice(v, CompanyType, "unknown_company_type", _TYPE_ALIASES),
        default=CompanyType.MANUFACTURER,
    )
    province = row.get("province", _province, required=True)
    lat = row.get("lat", parse_number)
    lon = row.get("lon", parse_number)
    if lat is not None and not -90 <= lat <= 90:
        row.report("lat", row.raw("lat"), "coordinates_out_of_range")
        lat = None
    if lon is not None and not -180 <= lon <= 180:
        row.report("lon", row.raw("lon"), "coordinates_out_of_range")
        lon = None
    if (lat is None) != (lon is None) and not row.bad:
        column = "lon" if lat is not None else "lat"
        row.report(column, row.raw(column), "lat_lon_together")
    if lat is not None and lon is not None and province and outside_km is not None:
        km = outside_km(lat, lon, province)
        if km > PROVINCE_TOLERANCE_KM:
            row.report("lat", f"{row.raw('lat')}, {row.raw('lon')}", "point_outside_province", km=round(km),
                       province=PROVINCES_BY_CODE[province].name_en)  # fmt: skip
    categories = row.get("categories", lambda v: tuple(dict.fromkeys(_category(c, tree) for c in _items(v))),
                         required=True, default=())  # fmt: skip
    certificates = row.get("certificates", _certificates, default=())
    qualifications = row.get("qualification", lambda v: _qualifications(v, tree), default=())
    city = row.raw("city")
    city_en = row.raw("city_en") or None
    latin_city = bool(city) and all(ord(ch) < 0x600 for ch in city)
    if latin_city and city_en is None:
        city_fa, city_en = None, city
    else:
        city_fa = city or None
    capabilities = {
        "processes": row.get("processes", _processes, default=()),
        "materials": tuple(_items(row.raw("materials"))),
        "largest_part_kg": row.get("largest_part_kg", _positive),
    }
    fields = {
        "id": record_id,
        "name_fa": name_fa,
        "name_en": row.raw("name_en") or None,
        "company_type": company_type,
        "knowledge_based": row.get("knowledge_based", _yes_no, default=False),
        "province": province,
        "city_fa": city_fa,
        "city_en": city_en,
        "lat": lat,
        "lon": lon,
        "size_band": row.get("size_band", lambda v: _choice(v, SizeBand, "unknown_size_band")),
        "founded_year": row.get("founded_year", _year),
        "categories": categories,
        "capabilities": capabilities,
        "certificates": certificates,
        "qualifications": qualifications,
        "phone": row.get("phone", _checked(_PHONE, "not_a_phone")),
        "email": row.get("email", _checked(_EMAIL, "not_an_email")),
        "website": row.get("website", _website),
        "origin": Origin.REGISTER,
        "demo": False,
    }
    if row.bad:
        return None
    return _check_model(row, lambda: Supplier.model_validate(fields))


def _positive(value: str) -> float:
    number = parse_number(value)
    if number <= 0:
        raise _Bad("not_positive")
    return number


def _certificates(value: str) -> tuple[dict[str, Any], ...]:
    out: list[dict[str, Any]] = []
    for item in _items(value):
        scheme, colon, valid_to = item.rpartition(":")
        if not colon or not scheme.strip() or not valid_to.strip():
            raise _Bad("not_a_certificate", item=item)
        out.append({"scheme": scheme.strip(), "valid_to": parse_date(valid_to), "source": Provenance.REGISTER})
    return tuple(out)


def _qualifications(value: str, tree: CategoryTree) -> tuple[dict[str, Any], ...]:
    out: dict[str, dict[str, Any]] = {}
    for item in _items(value):
        category, equals, rest = item.partition("=")
        if not equals or not category.strip() or not rest.strip():
            raise _Bad("not_a_qualification", item=item)
        code = _category(category, tree)
        state_text, _at, expiry = rest.partition("@")
        try:
            state = QualificationState(normalize(state_text).replace(" ", "_"))
        except ValueError:
            raise _Bad(
                "unknown_qualification_state", state=state_text.strip(),
                allowed=", ".join(s.value for s in QualificationState),
            ) from None  # fmt: skip
        if code in out:
            raise _Bad("duplicate_qualification", category=code)
        out[code] = {
            "category": code,
            "state": state,
            "expires": parse_date(expiry) if expiry.strip() else None,
            "decided_by": "register",
            "source": Provenance.REGISTER,
        }
    return tuple(out[k] for k in sorted(out))


# ---- needs ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlantOwners:
    """A plant of the atlas and the organisations that own it (GEM owner and parent entity ids, in
    the atlas's order, owners first). ``merged`` maps an id GEM used for a company the names table
    merged into another (``assets/names``, ``same_as``) to the id the atlas now uses."""

    plant_id: str
    orgs: tuple[str, ...]
    merged: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, org_id: str) -> str | None:
        """The organisation id as the atlas knows it, or None when it does not own this plant."""
        org = self.merged.get(org_id, org_id)
        return org if org in self.orgs else None


def plant_owners(asset: Mapping[str, Any]) -> PlantOwners:
    """From a plant's (or mine's) JSON: its owner and parent entity ids, GEM's "small shareholder(s)"
    left out (it is no organisation)."""
    orgs: list[str] = []
    merged: dict[str, str] = {}
    for share in [*asset.get("owners", ()), *asset.get("parents", ())]:
        gem_id = share.get("gem_id")
        name = str(share.get("source_name") or share.get("name", "")).strip().lower()
        if gem_id and name not in NOT_AN_ORGANISATION_NAMES:
            orgs.append(gem_id)
            source_id = share.get("source_gem_id")
            if source_id and source_id != gem_id:
                merged[source_id] = gem_id
    return PlantOwners(str(asset["id"]), tuple(dict.fromkeys(orgs)), merged)


def read_need_register(
    path: Path, *, plants: Mapping[str, PlantOwners], tree: CategoryTree = DEFAULT_TREE
) -> RegisterResult:
    """Read a needs register against the atlas's plants (``plants``: plant id → its owners)."""
    table = read_register_table(path, NEED_COLUMNS, "plant_id")
    if not plants:
        raise ImportFailed(
            "the atlas has no plants yet: import the GEM release first (python -m server import-gem DIR), "
            "because every need is raised against one of its plants",
            path=str(path),
        )
    result = RegisterResult(file=path.name, rows=len(table.rows))
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        row = _Row(path.name, number, cells, result.issues)
        record_id = row.raw("id")
        if not record_id:
            row.report("id", record_id, "required")
        elif not REGISTER_NEED_ID.fullmatch(record_id):
            row.report("id", record_id, "not_a_need_id")
        elif record_id in first_row:
            row.report("id", record_id, "duplicate_id", first_row=first_row[record_id])
        else:
            first_row[record_id] = number
        need = _need_row(row, record_id, plants, tree)
        if need is not None and not row.bad:
            result.records.append(need)
    return result


def _plant(value: str, plants: Mapping[str, PlantOwners]) -> PlantOwners:
    text = value.strip().upper()
    if not re.fullmatch(r"P\d{6,}", text):
        raise _Bad("not_a_plant_id")
    if text not in plants:
        raise _Bad("no_such_plant")
    return plants[text]


def _need_row(row: _Row, record_id: str, plants: Mapping[str, PlantOwners], tree: CategoryTree) -> Need | None:
    plant = row.get("plant_id", lambda v: _plant(v, plants), required=True)
    producer_org: str | None = None
    if plant is not None:
        chosen = row.raw("producer_org").upper()
        if chosen:
            producer_org = plant.resolve(chosen)
            if producer_org is None:
                row.report("producer_org", chosen, "not_an_owner", allowed=", ".join(plant.orgs) or "—")
        elif plant.orgs:
            producer_org = plant.orgs[0]
        else:
            row.report("plant_id", row.raw("plant_id"), "plant_without_owner")
    annual_qty = row.get("annual_qty", _positive)
    unit = row.get("unit", _unit)
    if annual_qty is not None and unit is None and not row.raw("unit"):
        row.report("unit", "", "unit_required")
    fields = {
        "id": record_id,
        "plant_id": plant.plant_id if plant else None,
        "producer_org": producer_org,
        "item_fa": row.get("item_fa", str.strip, required=True),
        "item_en": row.raw("item_en") or None,
        "category": row.get("category", lambda v: _category(v, tree), required=True),
        "oem": row.raw("oem") or None,
        "part_number": row.raw("part_number") or None,
        "summary_fa": row.raw("summary_fa") or None,
        "summary_en": row.raw("summary_en") or None,
        "annual_qty": annual_qty,
        "unit": unit,
        "annual_fx_eur": row.get("annual_fx_eur", _not_negative),
        "origin_country": row.get("origin_country", _country),
        "criticality": row.get(
            "criticality",
            lambda v: _choice(v, Criticality, "unknown_criticality", _CRITICALITY_ALIASES),
            default=Criticality.B,
        ),
        "deadline": row.get("deadline", parse_date),
        "status": row.get("status", lambda v: _choice(v, NeedStatus, "unknown_status"), default=NeedStatus.OPEN),
        "processes": row.get("processes", _processes, default=()),
        "part_weight_kg": row.get("part_weight_kg", _positive),
        "origin": Origin.REGISTER,
        "demo": False,
    }
    if row.bad:
        return None
    return _check_model(row, lambda: Need.model_validate(fields))


def _unit(value: str) -> Any:
    unit = UNIT_ALIASES.get(value.strip()) or UNIT_ALIASES.get(value.strip().lower())
    if unit is None:
        raise _Bad("unknown_unit", allowed=", ".join(sorted({u.value for u in UNIT_ALIASES.values()})))
    return unit


def _not_negative(value: str) -> float:
    number = parse_number(value)
    if number < 0:
        raise _Bad("not_a_number")
    return number


def _country(value: str) -> str:
    code = country_code(value)
    if code is None:
        raise _Bad("unknown_country")
    return code
