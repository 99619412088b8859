"""The words every screen shares (Persian and English side by side), the lookup with plural forms, numbers and dates.

Persian is the first language: right-to-left, Persian digits, Jalali dates (with the Gregorian date
beside it where precision matters). No flet here, so the command line uses the same catalogue.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Literal, NamedTuple

import jdatetime

from models.atlas import PartialDate
from models.plural import plural_category
from sync.errors import RowIssue, ZanjirehError
from views.shell.directory_words import MESSAGES as _DIRECTORY_WORDS
from views.shell.export_words import MESSAGES as _EXPORT_WORDS
from views.shell.import_issues import MESSAGES as _IMPORT_ISSUES

Lang = Literal["fa", "en"]
LANGS: tuple[Lang, ...] = ("fa", "en")

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# key: (Persian, English). Placeholders use str.format names. Each feature's own words are in its
# views/<feature>/messages.py and join this catalogue through register().
CATALOGUE: dict[str, tuple[str, str]] = {
    # ---- errors (codes from sync/errors.py) ----
    "error": ("خطایی رخ داد: {detail}", "Something went wrong: {detail}"),
    "store_error": ("ذخیره‌سازی داده ممکن نشد: {detail}", "Could not store the data: {detail}"),
    "store_locked": (
        "پوشهٔ داده در دست برنامهٔ دیگری است ({detail}). آیا زنجیره جای دیگری باز است؟",
        "The data folder is in use ({detail}). Is Zanjireh already running?",
    ),
    "store_corrupt": ("فایل داده خراب است: {detail}", "A data file is damaged: {detail}"),
    "store_write_failed": (
        "ذخیره نشد و داده‌های قبلی سالم ماند: {detail}",
        "Not saved; the previous data is intact: {detail}",
    ),
    "store_schema_too_new": (
        "این داده‌ها را نسخهٔ تازه‌تری از زنجیره نوشته است. برنامه را به‌روز کنید.",
        "This data was written by a newer Zanjireh. Please update the app.",
    ),
    "bad_argument": ("ورودی نادرست: {detail}", "Invalid input: {detail}"),
    "no_atlas_data": (
        "در این پوشه هنوز داده‌ای از کارخانه‌ها و معادن نیست: نخست یک انتشار GEM را وارد یا همگام‌سازی کنید.",
        "This data folder holds no plants or mines yet: import a GEM release or sync first.",
    ),
    "import_failed": ("هیچ داده‌ای وارد نشد: {detail}", "Nothing was imported: {detail}"),
    "api_error": ("پاسخ سرور قابل استفاده نبود: {detail}", "The server's answer could not be used: {detail}"),
    "offline": (
        "به سرور دسترسی نیست؛ از داده‌های ذخیره‌شده استفاده می‌شود.",
        "The server cannot be reached; using saved data.",
    ),
    "transient": (
        "سرور موقتاً پاسخ نداد؛ دوباره تلاش می‌شود.",
        "The server is not answering for now; the app will try again.",
    ),
    "auth_required": ("لطفاً دوباره وارد شوید.", "Please sign in again."),
    "bad_credentials": ("نام کاربری یا گذرواژه درست نیست.", "Wrong user name or password."),
    "forbidden": ("اجازهٔ این کار را ندارید.", "You are not allowed to do this."),
    "upgrade_required": (
        "این نسخه از برنامه دیگر با سرور همگام نمی‌شود. لطفاً برنامه را به‌روز کنید.",
        "This version of the app can no longer sync. Please update the app.",
    ),
    "resync_required": ("داده‌ها از نو دریافت می‌شوند.", "The data is being downloaded again."),
    "protocol_error": ("سرور پاسخ نامعتبری داد: {detail}", "The server sent an invalid answer: {detail}"),
    "write_not_allowed": ("این کار برای حساب شما مجاز نیست: {detail}", "Your account may not do this: {detail}"),
    "invalid_input": ("مقادیر فرم درست نیست: {detail}", "The form's values are not valid: {detail}"),
    "insecure_api_address": (
        "نشانی سرور باید با https:// شروع شود (مگر روی همین رایانه).",
        "The server address must start with https:// (unless it is on this computer).",
    ),
    "internal_error": ("خطای پیش‌بینی‌نشده‌ای رخ داد: {detail}", "Something unexpected went wrong: {detail}"),
    "answer_too_large": (
        "پاسخ سرور بیش از اندازه بزرگ بود و کنار گذاشته شد.",
        "The server's answer was too large and was set aside.",
    ),
    # the same errors when their technical detail is in another language: said without it (it is in the log,
    # and "copy the details" gives it to support); a Persian screen never shows raw English exception text
    "error#brief": ("خطایی رخ داد.", "Something went wrong."),
    "store_error#brief": ("ذخیره‌سازی داده ممکن نشد.", "Could not store the data."),
    "store_locked#brief": (
        "پوشهٔ داده در دست برنامهٔ دیگری است. آیا زنجیره جای دیگری باز است؟",
        "The data folder is in use. Is Zanjireh already running?",
    ),
    "store_corrupt#brief": ("یکی از فایل‌های داده خراب است.", "A data file is damaged."),
    "store_write_failed#brief": ("ذخیره نشد و داده‌های قبلی سالم ماند.", "Not saved; the previous data is intact."),
    "bad_argument#brief": ("ورودی نادرست است.", "Invalid input."),
    "write_not_allowed#brief": ("این کار برای حساب شما مجاز نیست.", "Your account may not do this."),
    "invalid_input#brief": ("مقادیر فرم درست نیست.", "The form's values are not valid."),
    "internal_error#brief": ("خطای پیش‌بینی‌نشده‌ای رخ داد.", "Something unexpected went wrong."),
    "import_failed#brief": (
        "هیچ داده‌ای وارد نشد؛ فایل‌ها خوانده نشدند.",
        "Nothing was imported; the files could not be read.",
    ),
    "api_error#brief": ("پاسخ سرور قابل استفاده نبود.", "The server's answer could not be used."),
    "protocol_error#brief": ("سرور پاسخ نامعتبری داد.", "The server sent an invalid answer."),
    "copy_details": ("رونوشت جزئیات فنی برای پشتیبانی", "Copy the technical details for support"),
    # ---- import row issues ----
    "row_issue": (
        "{file}، سطر {row}، ستون «{column}»، مقدار «{value}»: {message}",
        "{file}, row {row}, column '{column}', value '{value}': {message}",
    ),
    # ---- units ----
    "unit_ktpa": ("{value} هزار تن در سال", "{value} kt/y"),
    "unit_mtpa": ("{value} میلیون تن در سال", "{value} Mt/y"),
    "unit_kt": ("{value} هزار تن", "{value} kt"),
    "unit_mt": ("{value} میلیون تن", "{value} Mt"),
    "unit_name_ktpa": ("هزار تن در سال", "kt/y"),
    "unit_name_mtpa": ("میلیون تن در سال", "Mt/y"),
    "unit_name_kt": ("هزار تن", "kt"),
    "unit_name_mt": ("میلیون تن", "Mt"),
    "units_note": ("ارقام به {unit}", "Figures in {unit}"),
    "amount_positive_unknown": ("بیش از صفر، مقدار نامعلوم", "Above zero, amount unknown"),
    "amount_unknown": ("نامعلوم", "Unknown"),
    "date_unknown": ("نامعلوم", "Unknown"),
    # ---- what every screen shows ----
    "app_name": ("زنجیره", "Zanjireh"),
    "app_title": ("زنجیره — اطلس فولاد ایران", "Zanjireh — Iran's steel atlas"),
    "switch_language": ("English", "فارسی"),
    "switch_language_tooltip": ("Switch to English", "تغییر زبان به فارسی"),
    "theme_to_dark": ("پوستهٔ تیره", "Dark theme"),
    "theme_to_light": ("پوستهٔ روشن", "Light theme"),
    "dismiss": ("بستن", "Close"),
    "menu_open": ("نمایش گزینه‌ها", "Show options"),
    "menu_close": ("بستن گزینه‌ها", "Hide options"),
    "copy": ("رونوشت", "Copy"),
    "copied": ("رونوشت برداشته شد.", "Copied."),
    "done": ("تمام", "Done"),
    "remove": ("برداشتن", "Remove"),
    "back": ("بازگشت به فهرست", "Back to the list"),
    "not_given": ("منبع نگفته است", "Not given by the source"),
    "nav_home": ("خانه", "Home"),
    "nav_atlas": ("اطلس", "Atlas"),
    "nav_balance": ("توازن زنجیره", "Balance"),
    "balance_national": ("کل ایران", "All of Iran"),
    "nav_settings": ("تنظیمات", "Settings"),
    "nav_about": ("درباره", "About"),
    # notices
    "store_store_recovered": (
        "یک ذخیره‌سازی نیمه‌کاره از اجرای قبل کامل یا برگردانده شد.",
        "An unfinished save from the last run was completed or rolled back.",
    ),
    "store_atlas_cache_reset": (
        "فایل اطلس خراب بود و کنار گذاشته شد؛ داده‌ها را دوباره وارد کنید.",
        "The atlas file was damaged and set aside; please import the data again.",
    ),
    "store_user_data_restored": (
        "فایل داده‌های شما خراب بود؛ آخرین نسخهٔ سالم بازگردانده شد.",
        "Your data file was damaged; the last good copy was restored.",
    ),
    "store_user_data_quarantined": (
        "فایل داده‌های شما خراب بود و کنار گذاشته شد (پاک نشده است).",
        "Your data file was damaged and set aside (not deleted).",
    ),
    "store_device_data_reset": (
        "تنظیمات این دستگاه خراب بود و به حالت اول برگشت.",
        "This device's settings were damaged and have been reset.",
    ),
    # kinds, processes, statuses
    "kind_plant": ("کارخانه", "Plant"),
    "kind_mine": ("معدن سنگ آهن", "Iron-ore mine"),
    "process_iron_ore": ("سنگ آهن", "Iron ore"),
    "process_concentrate": ("کنسانتره", "Concentrate"),
    "process_pellet": ("گندله", "Pellet"),
    "process_sinter": ("آگلومره", "Sinter"),
    "process_coke": ("کک", "Coke"),
    "process_dri": ("آهن اسفنجی (DRI)", "DRI"),
    "process_bf": ("کورهٔ بلند", "Blast furnace"),
    "process_iron_other": ("سایر روش‌های آهن‌سازی", "Other ironmaking"),
    "process_iron": ("آهن (جمع)", "Iron (total)"),
    "process_eaf": ("کورهٔ قوس الکتریکی", "EAF"),
    "process_bof": ("کنورتور اکسیژنی", "BOF"),
    "process_ohf": ("کورهٔ زیمنس-مارتین", "Open hearth"),
    "process_steel_other": ("سایر روش‌های فولادسازی", "Other steelmaking"),
    "process_crude_steel": ("فولاد خام (جمع)", "Crude steel (total)"),
    "process_ferronickel": ("فرونیکل", "Ferronickel"),
    "process_rolling": ("نورد", "Rolling"),
    "status_operating": ("در حال بهره‌برداری", "Operating"),
    "status_operating_pre_retirement": ("در حال بهره‌برداری، رو به بازنشستگی", "Operating, pre-retirement"),
    "status_construction": ("در دست ساخت", "Under construction"),
    "status_announced": ("اعلام‌شده", "Announced"),
    "status_proposed": ("پیشنهادی", "Proposed"),
    "status_mothballed": ("متوقف", "Mothballed"),
    "status_shelved": ("کنار گذاشته‌شده", "Shelved"),
    "status_retired": ("بازنشسته", "Retired"),
    "status_cancelled": ("لغوشده", "Cancelled"),
    "status_unknown": ("وضعیت نامعلوم", "Status unknown"),
    # figures
    "headline_capacity": ("{process}: {amount}", "{process}: {amount}"),
    "no_operating_capacity": ("ظرفیت فعالی گزارش نشده", "No operating capacity reported"),
    "percent": ("{value}٪", "{value}%"),
    "share_unknown": ("نامعلوم", "unknown"),
    "coordinates_value": ("عرض {lat}، طول {lon}", "lat {lat}, lon {lon}"),
    "source_line": (
        "منبع: {attribution} · {licence} · داده‌ها تا {as_of}",
        "Source: {attribution} · {licence} · as of {as_of}",
    ),
    "source_meta": ("منبع · {licence} · داده‌ها تا {as_of}:", "Source · {licence} · as of {as_of}:"),
    "source_missing": ("منبع این رقم ({id}) در داده‌ها نیست.", "The source of this figure ({id}) is not in the data."),
    "demo_data": ("دادهٔ نمایشی", "Demo data"),
    # counts that Home and Settings both show
    "home_plants": ("کارخانه‌ها", "Plants"),
    "home_mines": ("معادن سنگ آهن", "Iron-ore mines"),
    "province": ("استان", "Province"),
    # the store's collections (an import's report, sync's news)
    "collection_plants": ("کارخانه‌ها", "Plants"),
    "collection_mines": ("معادن", "Mines"),
    "collection_sources": ("منابع", "Sources"),
    "collection_needs": ("نیازهای ساخت داخل", "Localisation needs"),
    "collection_answers": ("پاسخ‌های تأمین‌کنندگان", "Suppliers' answers"),
    # every other pulled collection (sync/store.py COLLECTION_DIRS): Home's news and the sync history name them
    "collection_categories": ("گروه‌های کالا", "Categories of goods"),
    "collection_suppliers": ("تأمین‌کنندگان", "Suppliers"),
    "collection_fund_programmes": ("برنامه‌های صندوق", "Fund programmes"),
    "collection_fund_calls": ("فراخوان‌های صندوق", "Fund calls"),
    "collection_fund_applications": ("درخواست‌های صندوق", "Fund applications"),
    "collection_fund_reviews": ("داوری‌های صندوق", "Fund reviews"),
    "collection_fund_ledger": ("دفتر عمومی صندوق", "The Fund's public ledger"),
    "collection_checklists": ("چک‌لیست‌های بازدید", "Visit checklists"),
    "collection_visits": ("بازدیدهای میدانی", "Field visits"),
    "collection_decisions": ("تصمیم‌های کارگروه صندوق", "Fund committee decisions"),
    "collection_corrections": ("اصلاحیه‌های پیشنهادی", "Proposed corrections"),
}


def register(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add one feature's words to the catalogue; each feature's package does, with its own messages.py, when it
    is first imported (views/<feature>/__init__.py), so the shell never imports a feature to find its words."""
    clash = {key for key in CATALOGUE.keys() & messages.keys() if CATALOGUE[key] != messages[key]}
    assert not clash, f"message keys defined twice: {sorted(clash)}"
    CATALOGUE.update(messages)


register(_IMPORT_ISSUES)  # what can be wrong with an imported row: error words, the shell's own
register(_DIRECTORY_WORDS)  # roles, organisations, the demo mark: the header and every feature show them
register(_EXPORT_WORDS)  # every list's export (views/shell/export.py)


def t(key: str, lang: Lang, **params: object) -> str:
    """The message ``key`` in ``lang``; numbers in ``params`` should already be formatted.

    A message with a ``{count}`` may have plural forms, ``key#one``…: the CLDR category of the count as shown
    (models/plural.py) picks one, and ``key`` itself is the "other" form.
    """
    if "count" in params and f"{key}#one" in CATALOGUE:
        try:
            category = plural_category(lang, str(params["count"]))
        except ValueError:  # a count that is not a figure (a placeholder left as words): the general form
            category = "other"
        key = f"{key}#{category}" if f"{key}#{category}" in CATALOGUE else key
    fa, en = CATALOGUE.get(key, (key, key))
    text = fa if lang == "fa" else en
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def digits(text: str, lang: Lang) -> str:
    """Persian digits in Persian (ft.Text does not convert them)."""
    return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text


def number(value: float, lang: Lang, decimals: int = 0) -> str:
    """Grouped thousands (Persian uses the Arabic thousands separator ٬ and decimal separator ٫)."""
    text = f"{value:,.{decimals}f}"
    if lang == "fa":
        text = text.replace(",", "\u066c").replace(".", "\u066b")
    return digits(text, lang)


_TYPED_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def parse_number(text: str) -> float | None:
    """A number as a member types it: Persian or Arabic digits, ``٫`` or ``.`` for decimals, ``٬`` or ``,`` for
    thousands, any minus sign; None when it is not one."""
    cleaned = re.sub(r"[\s\u200e\u200f\u2066-\u2069\u066c,]", "", text.translate(_TYPED_DIGITS)).replace("\u066b", ".")
    cleaned = cleaned.replace("\u2212", "-").replace("\u2013", "-")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def gregorian_to_jalali(day: dt.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day)


def date(day: dt.date, lang: Lang, with_gregorian: bool = False) -> str:
    """Jalali in Persian (``۱۴۰۴/۰۶/۱۰``), ISO in English; optionally the Gregorian date beside it."""
    if lang == "en":
        return day.strftime("%d %b %Y")
    jalali = gregorian_to_jalali(day)
    text = digits(f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}", lang)
    if with_gregorian:
        # isolated: in Persian, bidi treats the digits as Arabic numbers, which hyphens do not join, and the
        # Gregorian date's groups came out right to left (۰۶-۰۱-۲۰۲۸) beside a left-to-right Jalali date. The
        # left-to-right mark inside the isolate is what Flutter's web text obeys (the isolate alone it ignores:
        # seen on the Fund's screens, views/fund/words.py).
        text += " (" + ltr("\u200e" + digits(day.isoformat(), lang)) + ")"
    return text


def date_to_edit(day: dt.date, lang: Lang) -> str:
    """A day as a field shows it for editing: Jalali on Persian screens (``۱۴۰۵/۰۹/۱۱``), ISO on English ones
    (``2026-12-02``); the visit and Fund forms read either back (``sync/registers.parse_date``)."""
    return date(day, lang) if lang == "fa" else day.isoformat()


def joined(items: Iterable[str], lang: Lang) -> str:
    """Items in a line, with the reader's comma: «الف، ب» / "a, b"."""
    return ("، " if lang == "fa" else ", ").join(items)


def month_year(day: dt.date, lang: Lang) -> str:
    """A release month: «شهریور ۱۴۰۴ (سپتامبر ۲۰۲۵)» / "September 2025"."""
    if lang == "en":
        return day.strftime("%B %Y")
    jalali = gregorian_to_jalali(day)
    return digits(f"{jalali.j_months_fa[jalali.month - 1]} {jalali.year}", lang) + (
        " (" + digits(f"{_GREGORIAN_MONTHS_FA[day.month - 1]} {day.year}", lang) + ")"
    )


_GREGORIAN_MONTHS_FA = (
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)  # fmt: skip


def partial_date(value: PartialDate | None, lang: Lang) -> str:
    """A date known to the year, month or day. A Gregorian year spans two Jalali years: show both."""
    if value is None:
        return t("date_unknown", lang)
    full = value.as_date()
    if full is not None:
        return date(full, lang, with_gregorian=lang == "fa")
    if value.month is not None:
        return month_year(dt.date(value.year, value.month, 1), lang)
    if lang == "en":
        return str(value.year)
    # Jalali first, the Gregorian beside it, as every date is written: one Gregorian year spans two Jalali ones
    first = gregorian_to_jalali(dt.date(value.year, 1, 1)).year
    return digits(f"{first}–{first + 1} ({value.year})", lang)


def error_message(error: ZanjirehError, lang: Lang) -> str:
    """The one place an error becomes words for the user."""
    return error_words(error.code, error.detail, lang, **error.params)


def error_words(code: str | None, detail: str | None, lang: Lang, **params: object) -> str:
    """An error by its code, in ``lang``. Its technical detail (an exception's English text, a path) is left out
    of a Persian message: the ``#brief`` form is used, and the detail stays in the log for support."""
    key = code or "error"
    if key not in CATALOGUE:  # a code with no words here (a newer server's): the general sentence, never the code
        key = "error"
    # A limit or a count an error carries (PhotoRefused's ``limit``) is shown in the reader's digits.
    params = {k: digits(str(v), lang) if type(v) is int else v for k, v in params.items()}
    return t(with_detail(key, detail, lang), lang, detail=detail or "", **params)


def with_detail(key: str, detail: str | None, lang: Lang) -> str:
    """The form of message ``key`` that carries ``detail``: its ``#brief`` form (no detail) where an English detail
    (a server's reason, pydantic's sentence) would reach a Persian screen and the catalogue has one."""
    if lang == "fa" and detail and not has_persian(detail) and f"{key}#brief" in CATALOGUE:
        return f"{key}#brief"
    return key


def has_persian(text: str) -> bool:
    """Whether ``text`` has a Persian (Arabic-script) letter: words a Persian reader can read."""
    return any("\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufeff" for char in text)


def row_issue(issue: RowIssue, lang: Lang) -> str:
    """One problem of an imported file: where (file, row, column, value) and what, in the user's language."""
    key = f"issue_{issue.code}"
    params = {k: digits(str(v), lang) if isinstance(v, int) else v for k, v in issue.params.items()}
    message = t(key, lang, **params) if key in CATALOGUE else issue.message
    return t(
        "row_issue",
        lang,
        file=issue.file,
        row=digits(str(issue.row), lang),
        column=issue.column,
        value=issue.value,
        message=message,
    )


# ---- bidirectional text ----
LRI, PDI = "\u2066", "\u2069"


def heading(text: str) -> str:
    """A word that heads a row, a column or a legend entry starts with a capital ("Operating", not as it reads
    mid-sentence); Persian has no case, so it is unchanged."""
    return text[:1].upper() + text[1:]


class Code(str):
    """An identifier in a message's parameters (a tracking number): a notice made later, in whatever language the
    member reads by then, shows it with that language's digits, kept left-to-right (see ``param_text``)."""

    __slots__ = ()


class Counted(NamedTuple):
    """A count said with its noun by the catalogue message ``key`` ("1 plant", "47 plants"): for a message that
    counts two things at once, whose plural forms cannot all follow its one ``count``."""

    key: str
    count: int


class Words(NamedTuple):
    """A name given in both languages by a table of the domain's words (an application's stage): a notice made
    later shows the one its reader reads by then."""

    fa: str
    en: str


def counted(key: str, count: int, lang: Lang) -> str:
    """``count`` with its noun, in the plural form its language wants for it (models/plural.py)."""
    return t(key, lang, count=number(count, lang))


def param_text(value: object, lang: Lang) -> object:
    """A notice's parameter as shown in ``lang``: counts grouped, identifiers in the reader's digits, a Counted
    with its noun, Words in the reader's language."""
    if isinstance(value, Counted):
        return counted(value.key, value.count, lang)
    if isinstance(value, Words):
        return value.fa if lang == "fa" else value.en
    if isinstance(value, Code):
        return ltr(digits(str(value), lang))
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, lang)
    return value


def ltr(text: str) -> str:
    """Isolate a left-to-right run (an English name, a licence, an id) so Persian punctuation around it
    stays where it belongs; harmless in English."""
    return f"{LRI}{text}{PDI}" if text else text
