"""The Fund's words in Persian and English: instruments, states and stages, and every reason code's sentence.

Pure and shared by the command line, the ledger export and the Fund's screens, so a refusal or an
eligibility reason reads the same everywhere (as ``models/match_words.py`` does for matches). Codes
come from ``models/fund_eligibility.py`` (eligibility), ``models/fund_applications.py`` (what stops a
seal) and ``models/fund_workflow.py`` (what the server refuses); ``reason_text`` words any of them
with its parameters. A code without words reads as itself, so a newer server's code is never lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

import jdatetime

from models.fund_documents import type_names
from models.fund_programmes import (
    RIALS_PER_TOMAN,
    CollateralKind,
    GuaranteeKind,
    GuaranteeSecurity,
    Instrument,
    tehran,
)
from models.fund_records import AppState, MilestoneState, Stage
from models.match_words import scheme_words

Lang = Literal["fa", "en"]
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

INSTRUMENT_NAMES: dict[Instrument, tuple[str, str]] = {
    Instrument.PREFERENTIAL_LOAN: ("تسهیلات با نرخ ترجیحی", "Preferential loan"),
    Instrument.INTEREST_FREE_LOAN: ("قرض‌الحسنه", "Interest-free loan"),
    Instrument.LEASING: ("لیزینگ", "Leasing"),
    Instrument.INSTALMENT_SALE: ("فروش اقساطی", "Instalment sale"),
    Instrument.GUARANTEE: ("ضمانت‌نامه", "Guarantee"),
    Instrument.VENTURE_INVESTMENT: ("سرمایه‌گذاری خطرپذیر", "Venture investment"),
    Instrument.GRANT: ("پژوهانه (کمک بلاعوض)", "Grant"),
    Instrument.INTEREST_SUBSIDY: ("یارانهٔ سود تسهیلات", "Interest subsidy"),
}

GUARANTEE_NAMES: dict[GuaranteeKind, tuple[str, str]] = {
    GuaranteeKind.BID: ("ضمانت‌نامهٔ شرکت در مناقصه", "Bid guarantee"),
    GuaranteeKind.ADVANCE_PAYMENT: ("ضمانت‌نامهٔ پیش‌پرداخت", "Advance-payment guarantee"),
    GuaranteeKind.GOOD_PERFORMANCE: ("ضمانت‌نامهٔ حسن انجام کار", "Good-performance guarantee"),
    GuaranteeKind.OBLIGATIONS: ("ضمانت‌نامهٔ انجام تعهدات", "Fulfilment-of-obligations guarantee"),
}

SECURITY_NAMES: dict[GuaranteeSecurity, tuple[str, str]] = {
    GuaranteeSecurity.CASH_DEPOSIT: ("با سپردهٔ نقدی", "against a cash deposit"),
    GuaranteeSecurity.NOTE: ("با چک یا سفته", "against a cheque or promissory note"),
}

COLLATERAL_NAMES: dict[CollateralKind, tuple[str, str]] = {
    CollateralKind.PROMISSORY_NOTE: ("سفته", "Promissory note"),
    CollateralKind.CHEQUE: ("چک", "Cheque"),
    CollateralKind.PROPERTY: ("وثیقهٔ ملکی", "Property"),
    CollateralKind.EQUIPMENT: ("وثیقهٔ ماشین‌آلات و تجهیزات", "Machinery and equipment"),
    CollateralKind.BANK_GUARANTEE: ("ضمانت‌نامهٔ بانکی", "Bank guarantee"),
    CollateralKind.CONTRACT_ASSIGNMENT: ("واگذاری مطالبات قرارداد", "Assignment of contract receivables"),
    CollateralKind.THIRD_PARTY_GUARANTOR: ("ضامن معتبر", "Third-party guarantor"),
    CollateralKind.SHARES: ("سهام", "Shares"),
    CollateralKind.CASH_DEPOSIT: ("سپردهٔ نقدی", "Cash deposit"),
}

#: What the applicant reads (Hypha: applicant-facing labels differ from the staff's).
STAGE_NAMES: dict[Stage, tuple[str, str]] = {
    Stage.RECEIVED: ("دریافت شد", "Application received"),
    Stage.RECEIVED_LATE: (
        "دریافت پس از مهلت — در دست بررسی صندوق",
        "Received after the deadline — the Fund will decide",
    ),
    Stage.MORE_INFO: ("نیاز به تکمیل", "More information needed"),
    Stage.NOT_ELIGIBLE: ("واجد شرایط نیست", "Not eligible"),
    Stage.IN_ASSESSMENT: ("در حال ارزیابی صندوق", "Under assessment by the Fund"),
    Stage.NOT_FUNDED: ("تصویب نشد", "Not funded"),
    Stage.APPROVED: ("تصویب شد", "Approved"),
    Stage.APPROVED_WITH_CONDITIONS: ("تصویب مشروط", "Approved with conditions"),
    Stage.RETURNED: ("بازگشت برای اصلاح", "Returned for revision"),
    Stage.UNDER_WAY: ("در حال اجرا", "Under way"),
    Stage.COMPLETED: ("به پایان رسید", "Completed"),
    Stage.TERMINATED: ("قرارداد فسخ شد", "Terminated"),
    Stage.WITHDRAWN: ("متقاضی انصراف داد", "Withdrawn"),
    Stage.LATE_NOT_ACCEPTED: ("پس از مهلت رسید و پذیرفته نشد", "Arrived late and not accepted"),
}

#: What the Fund's staff read.
STATE_NAMES: dict[AppState, tuple[str, str]] = {
    AppState.SUBMITTED: ("ارسال‌شده", "Submitted"),
    AppState.LATE: ("رسیده پس از مهلت", "Arrived late"),
    AppState.SCREENING: ("بررسی اولیه", "Screening"),
    AppState.MORE_INFO: ("نیاز به تکمیل", "More information requested"),
    AppState.INELIGIBLE: ("فاقد شرایط", "Ineligible"),
    AppState.ELIGIBLE: ("واجد شرایط — در انتظار تعیین داوران", "Eligible — awaiting reviewers"),
    AppState.UNDER_REVIEW: ("در داوری", "Under review"),
    AppState.BELOW_THRESHOLD: ("زیر آستانه", "Below the threshold"),
    AppState.COMMITTEE: ("در دستور کارگروه", "Before the committee"),
    AppState.APPROVED: ("مصوب", "Approved"),
    AppState.APPROVED_CONDITIONAL: ("مصوب مشروط", "Approved with conditions"),
    AppState.REJECTED: ("ردشده", "Rejected"),
    AppState.RETURNED: ("بازگشت برای اصلاح", "Returned for revision"),
    AppState.ACTIVE: ("قرارداد فعال", "Agreement active"),
    AppState.CLOSED: ("بسته‌شده", "Closed"),
    AppState.WITHDRAWN: ("انصراف", "Withdrawn"),
    AppState.REFUSED_LATE: ("دیررسیده، پذیرفته نشد", "Late, not accepted"),
}

MILESTONE_NAMES: dict[MilestoneState, tuple[str, str]] = {
    MilestoneState.PLANNED: ("برنامه‌ریزی‌شده", "Planned"),
    MilestoneState.SUBMITTED: ("مستندات ارسال شد", "Evidence sent"),
    MilestoneState.CHANGES_REQUESTED: ("نیاز به اصلاح", "Changes requested"),
    MilestoneState.ACCEPTED: ("پذیرفته شد", "Accepted"),
}

#: (Persian, English) sentence per reason code; ``{name}`` fields come from the reason's parameters,
#: formatted by ``reason_text`` (dates in the reader's calendar, amounts in tomans, lists joined).
REASONS: dict[str, tuple[str, str]] = {
    # eligibility (models/fund_eligibility.py)
    "programme_not_active": ("برنامه فعلاً درخواست نمی‌پذیرد", "The programme takes no applications now"),
    "call_upcoming": ("فراخوان از {opens_at} باز می‌شود", "The call opens on {opens_at}"),
    "call_closed": ("مهلت فراخوان {closes_at} به پایان رسید", "The call closed on {closes_at}"),
    "not_knowledge_based": ("ویژهٔ شرکت‌های دانش‌بنیان است", "Only for knowledge-based firms"),
    "company_type": ("برای این نوع شرکت نیست", "Not for this kind of company"),
    "category_outside": ("حوزهٔ کاری شما در حوزه‌های این برنامه نیست", "Your fields are not among this programme's"),
    "qualification_missing": (
        "در حوزه‌های این برنامه ارزیابی صلاحیت ندارید",
        "You have no qualification in the programme's fields",
    ),
    "qualification_too_low": (
        "سطح صلاحیت شما در {category} کافی نیست",
        "Your standing in {category} is not high enough",
    ),
    "qualification_expired": (
        "صلاحیت شما در {category} در {expired_on} منقضی شده است",
        "Your qualification in {category} expired on {expired_on}",
    ),
    "certificate_missing": ("گواهی معتبر {scheme} لازم است", "A valid {scheme} certificate is required"),
    "certificate_expired": (
        "گواهی {scheme} در {valid_to} منقضی شده است",
        "Your {scheme} certificate expired on {valid_to}",
    ),
    "application_limit": (
        "برای این فراخوان حداکثر {limit} درخواست مجاز است",
        "At most {limit} applications are allowed for this call",
    ),
    # sealing (models/fund_applications.py)
    "required": ("این بخش باید پر شود", "This must be filled in"),
    "wrong_call": ("این درخواست به فراخوان دیگری تعلق دارد", "The application belongs to another call"),
    "amount_out_of_range": ("مبلغ باید بین {min} و {max} باشد", "The amount must be between {min} and {max}"),
    "term_out_of_range": ("مدت باید بین {min} و {max} ماه باشد", "The term must be {min} to {max} months"),
    "grace_too_long": ("دوران تنفس حداکثر {max} ماه است", "The grace period is at most {max} months"),
    "guarantee_kind_not_offered": (
        "این نوع ضمانت‌نامه در این برنامه نیست",
        "This programme does not offer that guarantee",
    ),
    "guarantee_not_offered": ("این برنامه ضمانت‌نامه صادر نمی‌کند", "This programme issues no guarantees"),
    "budget_empty": ("بودجهٔ طرح را وارد کنید", "Enter the project's budget"),
    "budget_below_request": ("جمع بودجه ({budget}) از مبلغ درخواستی ({requested}) کمتر است",
                             "The budget ({budget}) is below the amount requested ({requested})"),
    "milestones_empty": (
        "دست‌کم یک مرحله با نتیجهٔ سنجش‌پذیر لازم است",
        "Add at least one milestone with a measurable result",
    ),
    "tranches_not_request": (
        "جمع مبالغ مراحل ({tranches}) باید برابر مبلغ درخواستی ({requested}) باشد",
        "The milestones' tranches ({tranches}) must add up to the amount requested ({requested})",
    ),
    "trl_target_not_above_now": (
        "سطح آمادگی فناوری هدف باید بالاتر از سطح کنونی ({now}) باشد",
        "The target technology readiness level must be above the current one ({now})",
    ),
    "no_targeted_need": ("دست‌کم یکی از نیازهای این فراخوان را انتخاب کنید", "Choose at least one of the call's needs"),
    "shares_over_100": ("جمع سهم همکاران از ۱۰۰٪ بیشتر است", "Co-applicants' shares add up to more than 100%"),
    "unknown_document": ("این مدرک در فهرست فراخوان نیست", "The call does not ask for this document"),
    "file_type": (
        "این فایل از نوع‌های پذیرفته ({allowed}) نیست",
        "This file type is not accepted (accepted: {allowed})",
    ),
    "file_too_large": ("حجم فایل بیش از {max_bytes} است", "The file is larger than {max_bytes}"),
    "document_missing": ("مدرک {document} پیوست نشده است", "The document {document} is missing"),
    "too_many_files": ("برای {document} حداکثر {max_files} فایل مجاز است", "At most {max_files} files for {document}"),
    "unknown_question": ("این پرسش در فرم فراخوان نیست", "Not a question of the call's form"),
    "answer_kind": ("پاسخ از نوع خواسته‌شده نیست", "The answer is not of the kind asked for"),
    "answer_choice": ("یکی از گزینه‌ها را انتخاب کنید", "Pick one of the choices"),
    "answer_too_long": ("پاسخ از {max_length} نویسه بیشتر است", "The answer is over {max_length} characters"),
    # the server's refusals (models/fund_workflow.py)
    "role_may_not_act": ("حساب شما اجازهٔ این اقدام را ندارد", "Your account may not do this"),
    "no_such_application": ("چنین درخواستی در حساب شما نیست", "There is no such application for your account"),
    "state_move_not_allowed": ("این اقدام در وضعیت کنونی درخواست ممکن نیست",
                               "This move is not possible in the application's current state"),
    "not_your_organisation": ("درخواست فقط به نام شرکت خودتان ثبت می‌شود", "You apply in your own company's name only"),
    "no_such_call": ("فراخوان پیدا نشد", "The call was not found"),
    "no_such_supplier": ("شرکت شما در فهرست تأمین‌کنندگان نیست", "Your company is not in the supplier directory"),
    "revision_mismatch": (
        "نسخهٔ درخواست با نسخهٔ مورد انتظار صندوق یکی نیست",
        "The revision is not the one the Fund expects",
    ),
    "hash_mismatch": ("محتوای ارسالی با مهر آن یکی نیست", "The content does not match its seal"),
    "call_not_open": ("فراخوان هنوز باز نشده است", "The call is not open yet"),
    "seal_problems": ("درخواست کامل نیست", "The application is not complete"),
    "not_eligible": ("شرایط برنامه را ندارید", "You do not meet the programme's conditions"),
    "fixed_field": ("فراخوان و متقاضیِ درخواست تغییر نمی‌کنند", "An application keeps its call and applicant"),
    "reasons_required": ("دلیل عدم احراز شرایط را بنویسید", "Give the reasons it is not eligible"),
    "note_required": ("یادداشتی برای متقاضی بنویسید", "Write a note to the applicant"),
    "unknown_reviewer": ("{username} حساب داور نیست", "{username} is not a reviewer's account"),
    "reviewer_recused": ("{username} تعارض منافع اعلام کرده است", "{username} declared a conflict of interest"),
    "too_few_reviewers": ("دست‌کم {min} داور لازم است", "At least {min} reviewers are needed"),
    "conflict_not_declared": (
        "ابتدا وضعیت تعارض منافع را اعلام کنید",
        "Declare whether you have a conflict of interest first",
    ),
    "unknown_criterion": ("معیار در فهرست فراخوان نیست", "Not a criterion of the call"),
    "scores_incomplete": ("به همهٔ معیارها امتیاز دهید", "Score every criterion"),
    "score_out_of_scale": ("امتیاز باید بین ۰ و ۵ باشد", "Scores run from 0 to 5"),
    "reviews_missing": ("داوری‌ها کامل نشده است", "Reviews are still missing"),
    "amount_required": ("مبلغ مصوب را وارد کنید", "Enter the amount approved"),
    "amount_over_request": (
        "مبلغ مصوب از مبلغ درخواستی ({requested}) بیشتر است",
        "The amount approved is more than the amount requested ({requested})",
    ),
    "conditions_required": ("شرایط تصویب را بنویسید", "List the conditions of the approval"),
    "amount_over_decision": (
        "مبلغ قرارداد از مبلغ مصوب ({approved}) بیشتر است",
        "The agreement's amount is more than the amount approved ({approved})",
    ),
    "rate_out_of_range": ("نرخ باید بین {min}٪ و {max}٪ باشد", "The rate must be between {min}% and {max}%"),
    "milestones_required": (
        "مراحل قرارداد و مبلغ هر مرحله را وارد کنید",
        "Enter the agreement's milestones and tranches",
    ),
    "tranches_not_amount": (
        "جمع مبالغ مراحل باید برابر مبلغ قرارداد باشد",
        "The tranches must add up to the agreement's amount",
    ),
    "guarantees_required": ("ضمانت‌نامه‌های صادرشده را وارد کنید", "List the guarantees issued"),
    "deposit_out_of_range": ("سپرده باید بین {min}٪ و {max}٪ باشد", "The deposit must be between {min}% and {max}%"),
    "over_agreement": ("بیش از مبلغ قرارداد", "More than the agreement's amount"),
    "no_such_milestone": ("مرحله پیدا نشد", "The milestone was not found"),
    "milestone_state": ("این اقدام در وضعیت کنونی مرحله ممکن نیست", "Not possible in the milestone's current state"),
    "evidence_missing": ("مستندات یا بازدید میدانی مرحله لازم است", "The milestone needs documents or a field visit"),
    "no_disbursement": ("ضمانت‌نامه پرداخت ندارد", "A guarantee is issued, not paid out"),
    "milestone_not_accepted": ("پرداخت فقط پس از پذیرش مرحله ممکن است", "Payment follows an accepted milestone"),
    "over_tranche": ("بیش از ماندهٔ مبلغ این مرحله ({remaining})", "More than is left of the tranche ({remaining})"),
    "not_a_loan": ("بازپرداخت فقط برای تسهیلات است", "Only a loan is repaid"),
    "milestones_open": ("هنوز همهٔ مراحل پذیرفته نشده‌اند", "Not every milestone is accepted yet"),
    "invalid_data": ("دادهٔ ارسالی معتبر نیست", "The data sent is not valid"),
}  # fmt: skip

_DATE_PARAMS = frozenset({"opens_at", "closes_at", "expired_on", "valid_to", "grace_ends_at", "server_time"})
_AMOUNT_PARAMS = frozenset({"min", "max", "budget", "requested", "tranches", "approved", "remaining"})
_SIZE_PARAMS = frozenset({"max_bytes", "bytes", "length"})
_TYPE_PARAMS = frozenset({"allowed"})


def name(table: Mapping[Any, tuple[str, str]], key: Any, lang: Lang) -> str:
    """The word for ``key`` in ``lang`` (the key itself when the table has none)."""
    pair = table.get(key)
    if pair is None:
        return str(getattr(key, "value", key))
    return pair[0] if lang == "fa" else pair[1]


def digits(text: str, lang: Lang) -> str:
    return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text


def date_text(value: dt.date | dt.datetime | str, lang: Lang) -> str:
    """A date (or a datetime, taken in Tehran's time) in the reader's calendar: ۱۴۰۵/۰۹/۱۱ or 2026-12-02."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    day = tehran(value).date() if isinstance(value, dt.datetime) else value
    if lang == "en":
        return day.isoformat()
    j = jdatetime.date.fromgregorian(date=day)
    return digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}", lang)


def size_text(n: int, lang: Lang) -> str:
    """A file's size with its unit: «۱۰ مگابایت», «۳۴۰ کیلوبایت» / "10 MB", "340 KB"."""
    mb = n / (1024 * 1024)
    if mb >= 1:
        text = f"{mb:.1f}".removesuffix(".0")
        unit = ("مگابایت", "MB")
    else:
        text = str(max(1, n // 1024))
        unit = ("کیلوبایت", "KB")
    if lang == "fa":
        return digits(text.replace(".", "٫"), lang) + " " + unit[0]
    return f"{text} {unit[1]}"


def toman_text(rials: int, lang: Lang) -> str:
    """An amount in tomans with its unit: «۲۵٬۰۰۰٬۰۰۰ تومان» / "25,000,000 tomans"."""
    tomans = rials // RIALS_PER_TOMAN
    if lang == "fa":
        return digits(f"{tomans:,}".replace(",", "٬"), lang) + " تومان"
    return f"{tomans:,} tomans"


def reason_text(code: str, params: Mapping[str, Any] | None, lang: Lang) -> str:
    """The sentence for a reason, problem or refusal code with its parameters filled in."""
    pair = REASONS.get(code)
    if pair is None:
        return code
    template = pair[0] if lang == "fa" else pair[1]
    values: dict[str, str] = {}
    for key, value in (params or {}).items():
        if value is None:
            values[key] = "—"
        elif key in _DATE_PARAMS:
            values[key] = date_text(value, lang)
        elif key in _AMOUNT_PARAMS and isinstance(value, int) and not isinstance(value, bool):
            values[key] = toman_text(value, lang)
        elif key in _SIZE_PARAMS and isinstance(value, int) and not isinstance(value, bool):
            values[key] = size_text(value, lang)
        elif key == "scheme":
            values[key] = digits(scheme_words(str(value), lang), lang)  # the Fund writes «ISO ۹۰۰۱»
        elif key in _TYPE_PARAMS and isinstance(value, list | tuple):
            values[key] = type_names([str(v) for v in value])
        elif isinstance(value, list | tuple):
            values[key] = ("، " if lang == "fa" else ", ").join(str(v) for v in value)
        else:
            values[key] = digits(str(getattr(value, "value", value)), lang)
    if (params or {}).get(f"document_{lang}"):  # a document by its name in the reader's language, not its code
        values["document"] = str((params or {})[f"document_{lang}"])
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template  # a parameter the words need is missing: the sentence without it
