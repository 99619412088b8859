"""Where an asset is: province, municipality, coordinates with their accuracy, addresses."""

from __future__ import annotations

import flet as ft

from models.atlas import CoordinateAccuracy, Place, ProvinceMatch
from views.shell import i18n, labels
from views.shell.facts import caption, fact
from views.shell.i18n import Lang


def _municipality(place: Place, lang: Lang) -> ft.Control:
    """The town in the reader's language, with the other language's name beside it (GEM's English spelling
    on Persian screens, the Persian name on English ones)."""
    label = i18n.t("municipality", lang)
    town = labels.municipality_name(place, lang)
    if not town:
        return fact(label, i18n.t("not_given", lang))
    other = place.municipality if town == place.municipality_fa else place.municipality_fa
    if lang == "fa" and town == place.municipality:  # no Persian name: GEM's English, kept left-to-right
        return fact(label, town, ltr=True)
    if other and other != town:
        town = f"{town} ({i18n.ltr(other) if lang == 'fa' else other})"
    return fact(label, town)


def place_facts(place: Place, lang: Lang) -> list[ft.Control]:
    def t(key: str, **params: object) -> str:
        return i18n.t(key, lang, **params)

    province = labels.province_name(place.province, lang)
    if province and place.province:
        province = f"{province} ({place.province})"
    rows: list[ft.Control] = [
        fact(t("province"), province or place.source_province or t("not_given")),
        _municipality(place, lang),
    ]
    if place.point is not None:
        accuracy = place.point.accuracy if place.point.accuracy in CoordinateAccuracy else CoordinateAccuracy.UNKNOWN
        rows.append(fact(t("coordinates"), labels.coordinates_text(place.point.lat, place.point.lon, lang)))
        rows.append(fact(t("coordinate_accuracy"), t(f"accuracy_{accuracy.value}")))
    else:
        rows.append(fact(t("coordinates"), t("not_given")))
    if place.address:
        rows.append(fact(t("address"), place.address, ltr=lang == "fa"))
    if place.address_fa:
        rows.append(fact(t("address_fa"), place.address_fa))
    if place.province_match is ProvinceMatch.POINT_IN_POLYGON:
        rows.append(caption(t("province_by_point")))
    elif place.province_match is ProvinceMatch.SOURCE_NAME:
        rows.append(caption(t("province_by_name", name=place.source_province or "")))
    return rows
