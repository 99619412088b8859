"""How suppliers, categories and needs are named on screen and in exports: names, kinds, standing, validity,
quantities, sources. Shared by the suppliers and needs features (and a plant's screen). No flet: the command
line's exports use it too."""

from __future__ import annotations

import datetime as dt

from models.categories import CategoryTree
from models.countries import COUNTRY_NAMES
from models.need_query import NeedPlace
from models.needs import Criticality, Need, NeedStatus
from models.suppliers import Certificate, CompanyType, Provenance, QualificationState, SizeBand, Supplier
from views.shell import i18n
from views.shell.export import SourceLine
from views.shell.i18n import Lang
from views.shell.labels import province_name

#: A certificate expiring within this many days is shown as "expiring" (time to ask for the renewal).
EXPIRING_DAYS = 90


def supplier_name(supplier: Supplier, lang: Lang) -> str:
    if lang == "en" and supplier.name_en:
        return supplier.name_en
    return supplier.name_fa


def supplier_other_name(supplier: Supplier, lang: Lang) -> str | None:
    other = supplier.name_fa if lang == "en" else supplier.name_en
    return other if other and other != supplier_name(supplier, lang) else None


def city_line(supplier: Supplier, lang: Lang) -> str:
    """ "نجف‌آباد، اصفهان" — the town and the province."""
    city = (supplier.city_fa or supplier.city_en) if lang == "fa" else (supplier.city_en or supplier.city_fa)
    parts = [city, province_name(supplier.province, lang)]
    return i18n.joined((p for p in parts if p), lang)


def category_name(code: str, lang: Lang, tree: CategoryTree) -> str:
    fa, en = tree.names(code)
    return fa if lang == "fa" else en


def categories_line(codes: tuple[str, ...], lang: Lang, tree: CategoryTree) -> str:
    return i18n.joined((category_name(c, lang, tree) for c in codes), lang)


def company_type_name(kind: CompanyType, lang: Lang) -> str:
    return i18n.t(f"company_{kind.value}", lang)


def size_name(size: SizeBand | None, lang: Lang) -> str:
    return i18n.t(f"size_{size.value}", lang) if size else i18n.t("not_given", lang)


def qualification_name(state: QualificationState, lang: Lang) -> str:
    return i18n.t(f"qualification_{state.value}", lang)


def provenance_name(source: Provenance, lang: Lang) -> str:
    return i18n.t(f"provenance_{source.value}", lang)


def fact_source(supplier: Supplier, field: str) -> Provenance:
    """Where one field of a supplier came from: its own entry in ``provenance``, else the record's origin."""
    named = supplier.provenance.get(field)
    if named is not None:
        return named
    return Provenance.DEMO if supplier.demo else Provenance.REGISTER


def certificate_validity(certificate: Certificate, day: dt.date) -> str:
    """``valid`` | ``expiring`` (within EXPIRING_DAYS) | ``expired`` | ``not_yet``."""
    if certificate.valid_to < day:
        return "expired"
    if certificate.valid_from is not None and certificate.valid_from > day:
        return "not_yet"
    if (certificate.valid_to - day).days <= EXPIRING_DAYS:
        return "expiring"
    return "valid"


def certificate_words(certificate: Certificate, day: dt.date, lang: Lang) -> str:
    """ "ISO 9001 — valid until ۱۴۰۶/۰۲/۰۱" with the Jalali date (the Gregorian beside it in Persian)."""
    validity = certificate_validity(certificate, day)
    shown = certificate.valid_from if validity == "not_yet" and certificate.valid_from else certificate.valid_to
    date = i18n.date(shown, lang, with_gregorian=lang == "fa")
    key = {
        "valid": "certificate_valid_until",
        "expiring": "certificate_expiring",
        "expired": "certificate_expired_on",
        "not_yet": "certificate_not_yet",
    }[validity]
    return i18n.t(key, lang, date=date)


def status_name(status: NeedStatus, lang: Lang) -> str:
    return i18n.t(f"need_status_{status.value}", lang)


def criticality_name(level: Criticality, lang: Lang) -> str:
    return i18n.t(f"criticality_{level.value}", lang)


def need_item(need: Need, lang: Lang) -> str:
    return (need.item_en or need.item_fa) if lang == "en" else need.item_fa


def need_other_item(need: Need, lang: Lang) -> str | None:
    other = need.item_fa if lang == "en" else need.item_en
    return other if other and other != need_item(need, lang) else None


def quantity_words(need: Need, lang: Lang) -> str:
    """ "۱۲۰ تن در سال" — the annual quantity with its unit; never a bare number."""
    if need.annual_qty is None or need.unit is None:
        return i18n.t("not_given", lang)
    value = need.annual_qty
    shown = i18n.number(value, lang, 0 if value.is_integer() else 1)
    # the count picks the plural form: "1 piece a year", "4 pieces a year" (CLDR's rules, models/plural.py)
    amount = i18n.t(f"unit_{need.unit.value}", lang, value=shown, count=shown)
    return i18n.t("per_year", lang, amount=amount)


def spend_words(need: Need, lang: Lang) -> str:
    if need.annual_fx_eur is None:
        return i18n.t("not_given", lang)
    return i18n.t("per_year", lang, amount=i18n.t("eur_amount", lang, value=i18n.number(need.annual_fx_eur, lang)))


def country_name(code: str | None, lang: Lang) -> str:
    if not code:
        return i18n.t("not_given", lang)
    names = COUNTRY_NAMES.get(code)
    return (names[0] if lang == "fa" else names[1]) if names else code


def km_words(km: float, lang: Lang) -> str:
    return i18n.t("km_amount", lang, value=i18n.number(round(km), lang))


def place_name(place: NeedPlace | None, plant_id: str, lang: Lang) -> str:
    """A need's plant by name (Persian when there is one), or its id when the atlas does not have it."""
    if place is None:
        return plant_id
    return (place.name_fa or place.name_en) if lang == "fa" else place.name_en


def directory_sources(
    demo: int, real: int, lang: Lang, as_of: str | None, what: str = "directory"
) -> tuple[list[SourceLine], list[str]]:
    """The source lines and notes of an export of ``demo`` made-up and ``real`` register records."""
    received = i18n.date(dt.datetime.fromisoformat(as_of).date(), lang) if as_of else i18n.t("as_of_never", lang)
    sources: list[SourceLine] = []
    if real:
        sources.append(SourceLine(i18n.t(f"{what}_register_source", lang), i18n.t("register_licence", lang), received))
    if demo:
        sources.append(SourceLine(i18n.t(f"{what}_demo_source", lang), i18n.t("demo_licence", lang), received))
    if demo:
        notes = [i18n.t("export_demo_rows", lang, count=i18n.number(demo, lang))]
    else:
        notes = [i18n.t("export_no_demo_rows", lang)]
    return sources, notes
