"""What the correction screens say about a correction: the record it is for, the value now and the one proposed
in the reader's words and digits, where it stands; and the value as typed into the form, read back."""

from __future__ import annotations

from typing import Any

from models.atlas import Mine, Plant
from models.corrections import CorrectedField, TargetKind, check_value
from models.enums import Status
from models.suppliers import Supplier
from sync.fieldwork import CorrectionSummary
from sync.registers import parse_number
from views.shell import i18n, labels, paths
from views.shell.directory_labels import supplier_name
from views.shell.session import SessionState

Target = Plant | Mine | Supplier
#: The fields a form asks for, per corrected field (one text field unless named here).
PARTS: dict[CorrectedField, tuple[str, ...]] = {
    CorrectedField.LOCATION: ("lat", "lon"),
    CorrectedField.OWNER: ("name", "name_fa"),
}
LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
STATUS_TONES = {
    "waiting": "favourite",
    "deciding": "favourite",
    "proposed": "primary",
    "accepted": "primary",
    "declined": "error",
    "refused": "error",
    "withdrawn": "muted",
}


def target(app: SessionState, kind: TargetKind, target_id: str) -> Target | None:
    """The record a correction is for, from the device's cache (None when it is not there)."""
    if kind is TargetKind.SUPPLIER:
        return app.directory.suppliers.get(target_id)
    asset = app.asset(target_id)
    return asset if asset is not None and asset.kind == kind.value else None


def target_name(app: SessionState, kind: TargetKind, target_id: str) -> str:
    record = target(app, kind, target_id)
    if record is None:
        return target_id
    if isinstance(record, Supplier):
        return supplier_name(record, app.lang)
    return labels.display_name(record, app.lang)


def target_path(kind: TargetKind, target_id: str) -> str:
    if kind is TargetKind.SUPPLIER:
        return paths.supplier_path(target_id)
    return paths.mine_path(target_id) if kind is TargetKind.MINE else paths.plant_path(target_id)


def current_value(record: Target | None, field: CorrectedField) -> Any:
    """The record's value of ``field`` in the shape a correction gives it (None when it has none)."""
    if record is None:
        return None
    if field is CorrectedField.LOCATION:
        if isinstance(record, Supplier):
            return {"lat": record.lat, "lon": record.lon} if record.lat is not None else None
        point = record.place.point
        return {"lat": point.lat, "lon": point.lon} if point is not None else None
    if field is CorrectedField.STATUS:
        if isinstance(record, Mine):
            return record.status.value
        statuses = {c.status.value for c in getattr(record, "capacities", ())}
        return statuses.pop() if len(statuses) == 1 else None
    if field is CorrectedField.OWNER:
        owners = getattr(record, "owners", ())
        return {"name": owners[0].name, "name_fa": getattr(owners[0], "name_fa", None)} if owners else None
    if field is CorrectedField.ADDRESS_FA:
        return getattr(getattr(record, "place", None), "address_fa", None)
    return getattr(record, field.value, None)


def value_words(app: SessionState, field: CorrectedField, value: Any) -> str:
    """A value as the reader reads it (Persian digits in Persian); «not recorded» for none."""
    lang = app.lang
    if value is None or value == "":
        return app.t("correction_now_none")
    if field is CorrectedField.LOCATION:
        sep = "، " if lang == "fa" else ", "  # latitude first; Persian decimal separator and digits in Persian
        return i18n.number(value["lat"], lang, 5) + sep + i18n.number(value["lon"], lang, 5)
    if field is CorrectedField.STATUS:
        return app.t(f"status_{value}")
    if field is CorrectedField.OWNER:
        names = [value.get("name_fa"), value.get("name")] if lang == "fa" else [value.get("name"), value.get("name_fa")]
        return " / ".join(n for n in names if n)
    if field is CorrectedField.WORKFORCE:
        return app.t("correction_people", count=i18n.number(value, lang))
    if field in (CorrectedField.PHONE, CorrectedField.EMAIL, CorrectedField.WEBSITE):
        return i18n.ltr(i18n.digits(str(value), lang) if field is CorrectedField.PHONE else str(value))
    return str(value)


def form_parts(field: CorrectedField, value: Any, lang: str) -> dict[str, str]:
    """A value as the form shows it for editing (the current value, to start from)."""
    if value is None:
        return {}
    if field is CorrectedField.LOCATION:
        return {"lat": f"{value['lat']:.5f}", "lon": f"{value['lon']:.5f}"}
    if field is CorrectedField.OWNER:
        return {"name": value.get("name") or "", "name_fa": value.get("name_fa") or ""}
    if field is CorrectedField.WORKFORCE:
        return {"value": i18n.digits(str(value), lang)}  # type: ignore[arg-type]  # lang is a Lang
    return {"value": str(value)}


def parse_value(field: CorrectedField, parts: dict[str, str]) -> Any:
    """The value typed into the form, checked as the server checks it (``ValueError`` saying what is wrong)."""
    if field is CorrectedField.LOCATION:
        lat, lon = (parts.get(name, "").strip() for name in ("lat", "lon"))
        if not lat or not lon:
            raise ValueError("")
        value: Any = {"lat": parse_number(lat), "lon": parse_number(lon)}
    elif field is CorrectedField.OWNER:
        name, name_fa = parts.get("name", "").strip(), parts.get("name_fa", "").strip()
        if not name:
            raise ValueError("")
        value = {"name": name, "name_fa": name_fa or None}
    elif field is CorrectedField.WORKFORCE:
        text = parts.get("value", "").strip()
        if not text:
            raise ValueError("")
        number = parse_number(text)
        if not number.is_integer():
            raise ValueError("a whole number of people")
        value = int(number)
    elif field is CorrectedField.STATUS:
        value = Status(parts.get("value") or "unknown").value
    else:
        value = parts.get("value", "").strip()
        if not value:
            raise ValueError("")
        if field is CorrectedField.PHONE:
            value = value.translate(LATIN_DIGITS)
    return check_value(field, value)


def status_words(app: SessionState, row: CorrectionSummary) -> str:
    words = app.t(f"correction_status_{row.status}", reason=row.refused_reason or "")
    if row.status == "waiting" and row.correction.state.value == "withdrawn":
        words = app.t("correction_status_withdrawn") + " · " + words
    if row.photos_total and row.photos_sent < row.photos_total:
        sent, total = i18n.number(row.photos_sent, app.lang), i18n.number(row.photos_total, app.lang)
        words += " · " + app.t("correction_photos_sent", sent=sent, total=total)
    return words
