"""Match reasons in words, Persian or English: «تأیید شده برای نسوز تا ۱۴۰۶/۰۲/۰۱ · ISO 9001 معتبر · ۳۸ کیلومتر».

Pure formatting (Persian digits, Jalali dates through jdatetime), shared by the command line and the
app's screens so a match reads the same everywhere. Category names come from the tree the caller has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import jdatetime

from models.categories import DEFAULT_TREE, CategoryTree
from models.matching import Reason

Lang = Literal["fa", "en"]
SEPARATOR = " · "
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

PROCESS_NAMES: dict[str, tuple[str, str]] = {
    "casting": ("ریخته‌گری", "casting"),
    "forging": ("آهنگری", "forging"),
    "machining": ("ماشین‌کاری", "machining"),
    "heat_treatment": ("عملیات حرارتی", "heat treatment"),
    "coating": ("پوشش‌دهی", "coating"),
    "welding": ("جوشکاری", "welding"),
    "fabrication": ("ساخت سازه", "fabrication"),
    "assembly": ("مونتاژ", "assembly"),
    "repair": ("تعمیر", "repair"),
    "reverse_engineering": ("مهندسی معکوس", "reverse engineering"),
    "design": ("طراحی", "design"),
    "software": ("نرم‌افزار", "software"),
}

#: Certificate schemes whose name is not the same in both languages (ISO's are written the same in Persian).
SCHEME_NAMES: dict[str, tuple[str, str]] = {
    "INSO standard mark": ("نشان استاندارد ملی ایران", "INSO standard mark"),
}


def scheme_words(scheme: str, lang: Lang) -> str:
    """A certificate scheme as the reader names it: «نشان استاندارد ملی ایران» for "INSO standard mark"."""
    names = SCHEME_NAMES.get(scheme)
    return scheme if names is None else names[0 if lang == "fa" else 1]


# (Persian, English) templates per reason code; {cat}, {until}, {date}, {scheme}, {km}, {processes}.
_TEMPLATES: dict[str, tuple[str, str]] = {
    "qualified.approved": ("تأیید شده برای {cat}", "approved for {cat}"),
    "qualified.conditional": ("تأیید مشروط برای {cat}", "conditionally approved for {cat}"),
    "qualified.visited": ("بازدید شده برای {cat}", "visited for {cat}"),
    "qualified.surveyed": ("پرسش‌نامه را برای {cat} تکمیل کرده", "survey completed for {cat}"),
    "until": (" تا {until}", " until {until}"),
    "qualification_expired": ("تأیید برای {cat} در {date} منقضی شده", "qualification for {cat} expired on {date}"),
    "disqualified.rejected": ("رد شده برای {cat}", "rejected for {cat}"),
    "disqualified.suspended": ("تعلیق شده برای {cat}", "suspended for {cat}"),
    "not_qualified": ("بدون ارزیابی انجمن", "not assessed by the association"),
    "certificate_valid": ("{scheme} معتبر", "{scheme} valid"),
    "certificate_expired": ("{scheme} در {date} منقضی شده", "{scheme} expired on {date}"),
    "no_valid_certificate": ("بدون گواهی معتبر", "no valid certificate"),
    "distance": ("{km} کیلومتر", "{km} km"),
    "distance_unknown": ("فاصله نامعلوم", "distance unknown"),
    "category_exact": ("سازندهٔ {cat}", "makes {cat}"),
    "category_narrower": ("سازندهٔ {cat}", "makes {cat}"),
    "category_broader": ("سازندهٔ {cat} (عمومی)", "makes {cat} in general"),
    "processes_fit": ("توانمندی در {processes}", "can do {processes}"),
    "processes_undeclared": ("توانمندی‌ها اعلام نشده", "capabilities not declared"),
}


def digits(text: str, lang: Lang) -> str:
    return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text


def date_words(iso: str | None, lang: Lang) -> str:
    """A Jalali date in Persian (۱۴۰۶/۰۲/۰۱); in English the Jalali date with the Gregorian beside it."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    j = jdatetime.date.fromgregorian(date=day)
    jalali = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    return digits(jalali, "fa") if lang == "fa" else f"{jalali} ({day.isoformat()})"


def _category(code: str, lang: Lang, tree: CategoryTree) -> str:
    fa, en = tree.names(code)
    if lang == "fa":
        return fa
    # "approved for refractories", but "UHP electrodes" keeps its capitals
    return en[:1].lower() + en[1:] if len(en) > 1 and en[1].islower() else en


def _template(key: str, lang: Lang) -> str:
    fa, en = _TEMPLATES[key]
    return fa if lang == "fa" else en


def reason_words(reason: Reason | Mapping[str, Any], lang: Lang, tree: CategoryTree = DEFAULT_TREE) -> str:
    """One reason in words; takes a ``Reason`` or its JSON form."""
    code = reason.code if isinstance(reason, Reason) else str(reason["code"])
    params: Mapping[str, Any] = reason.params if isinstance(reason, Reason) else reason.get("params", {})
    cat = _category(params["category"], lang, tree) if "category" in params else ""
    if code == "qualified":
        text = _template(f"qualified.{params['state']}", lang).format(cat=cat)
        if params.get("until"):
            text += _template("until", lang).format(until=date_words(params["until"], lang))
        return text
    if code == "disqualified":
        return _template(f"disqualified.{params['state']}", lang).format(cat=cat)
    if code not in _TEMPLATES:
        return code  # a reason from a newer app: its code beats nothing
    values = {
        "cat": cat,
        "date": date_words(params.get("expired_on"), lang),
        "scheme": scheme_words(str(params.get("scheme", "")), lang),
        "km": digits(f"{round(params['km']):,}", lang).replace(",", "٬" if lang == "fa" else ",")
        if "km" in params
        else "",
        "processes": ("، " if lang == "fa" else ", ").join(
            PROCESS_NAMES.get(p, (p, p))[0 if lang == "fa" else 1] for p in params.get("processes", ())
        ),
    }
    return _template(code, lang).format(**values)


#: The reasons a one-line summary shows, in this order (the rest are on the match's own screen).
SUMMARY_CODES = ("qualified", "qualification_expired", "disqualified", "not_qualified", "certificate_valid", "distance")


def summary_line(reasons: Iterable[Reason | Mapping[str, Any]], lang: Lang, tree: CategoryTree = DEFAULT_TREE) -> str:
    """ "approved for refractories until 1406/02/01 · ISO 9001 valid · 38 km"."""
    chosen = [r for r in reasons if (r.code if isinstance(r, Reason) else r["code"]) in SUMMARY_CODES]
    return SEPARATOR.join(reason_words(r, lang, tree) for r in chosen)
