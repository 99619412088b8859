"""Small formatting helpers of the Fund's screens: amounts in tomans, Jalali dates, sizes, labels."""

from __future__ import annotations

import datetime as dt

from models.fund_programmes import tehran
from models.fund_words import date_text, digits, size_text, toman_text
from views.shell.i18n import Lang, ltr, t

LRM = "\u200e"


def money(rials: int | None, lang: Lang) -> str:
    return "—" if rials is None else toman_text(rials, lang)


def when(value: dt.date | dt.datetime | str | None, lang: Lang) -> str:
    """A date in Jalali on Persian screens, with the Gregorian beside it; ISO on English screens."""
    if value is None:
        return "—"
    text = date_text(value, lang)
    if lang == "fa":  # the Gregorian beside, where precision matters (deadlines, awards)
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
        day = tehran(value).date() if isinstance(value, dt.datetime) else value
        # left to right: between Persian words the hyphens would otherwise turn its parts around. The mark
        # (LRM) does it where the isolate alone does not — Flutter's web text lays «(۲۰۲۶-۱۲-۱۴)» out as
        # «(۱۴-۱۲-۲۰۲۶)» inside an isolate, but not after a left-to-right mark.
        return f"{text} ({ltr(LRM + digits(day.isoformat(), lang))})"
    return text


def size(n: int, lang: Lang) -> str:
    return size_text(n, lang)


def num(value: float | int | None, lang: Lang) -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if isinstance(value, int) or float(value).is_integer() else f"{value:,.1f}"
    return digits(text.replace(",", "٬") if lang == "fa" else text, lang)


def months(value: int | str | None, lang: Lang) -> str:
    """A number of months, or a range of them (``"12–36"``), with the unit in its plural form: «۱۲ ماه», "1 month"."""
    if value is None:
        return "—"
    return t("fund_months", lang, count=value if isinstance(value, str) else num(value, lang))


def stamp(iso: str, lang: Lang) -> str:
    """A moment (ISO 8601, UTC) as the day and the time in Tehran: «۱۴۰۵/۰۹/۱۱ ۰۸:۱۴»."""
    if not iso:
        return "—"
    moment = tehran(dt.datetime.fromisoformat(iso))
    return f"{date_text(moment, lang)} {digits(moment.strftime('%H:%M'), lang)}"
