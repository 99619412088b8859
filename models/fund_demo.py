"""Demo programmes and calls of the Steel Research & Technology Fund, labelled demo, deterministic.

The Fund's own programmes are not published yet, so these are modelled on how Iran's research and
technology funds lend and guarantee today (fund-notes: INIF's rates and caps, a fund's 2–10 % cash
deposit and 0.5 %/2 % fee, krrtf's "> 3.5 of 5", EU RFCS's "3 each and 10 of 15") and scaled to a
fund of 100 billion tomans. Every record says ``demo: true`` and ``origin: demo``.

Calls open and close around the day they are seeded (``today``, a Tehran date): two are open for
about three months from the start of the current Jalali month, one opens later and one has closed,
so the demo always shows each phase. The same ``today`` month and needs give byte-identical records,
so seeding again in the same month changes nothing; in a later month the windows move on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import jdatetime

from models.categories import is_within
from models.fund_programmes import (
    TEHRAN,
    AmountRange,
    Call,
    Choice,
    CollateralKind,
    CompanyType,
    Criterion,
    CriterionSet,
    Eligibility,
    FormQuestion,
    GuaranteeKind,
    GuaranteeTerms,
    Instrument,
    MonthRange,
    Programme,
    QuestionKind,
    RateRange,
    RequiredDocument,
    tehran_day_end,
)
from models.needs import Need, NeedStatus
from models.suppliers import Origin, QualificationState

BN_TOMAN = 10_000_000_000  # rials in a billion tomans
MN_TOMAN = 10_000_000  # rials in a million tomans
MB = 1024 * 1024
PDF = ("application/pdf",)
SCANS = ("application/pdf", "image/jpeg", "image/png")

_DEMO = {"origin": Origin.DEMO, "demo": True}

PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        id="FP-DEMO-LOAN",
        title_fa="تسهیلات ترجیحی ساخت داخل برای شرکت‌های دانش‌بنیان (نمایشی)",
        title_en="Preferential localization loans for knowledge-based firms (demo)",
        summary_fa="وام با نرخ ترجیحی برای ساخت نمونه و تولید قطعاتی که زنجیرهٔ فولاد امروز وارد می‌کند؛ "
        "پرداخت مرحله‌ای و زیر نظارت.",
        summary_en="Preferential-rate loans to make prototypes and produce parts the steel chain imports today; "
        "paid in stages, under supervision.",
        instrument=Instrument.PREFERENTIAL_LOAN,
        amount_irr=AmountRange(min=2 * BN_TOMAN, max=30 * BN_TOMAN),
        rate_pct=RateRange(min=12, max=18),
        term_months=MonthRange(min=12, max=36),
        grace_months_max=6,
        collateral_kinds=(CollateralKind.PROMISSORY_NOTE, CollateralKind.PROPERTY, CollateralKind.EQUIPMENT),
        eligibility=Eligibility(knowledge_based=True, qualification=QualificationState.SURVEYED),
        priority_categories=("mechanical", "electrical", "advanced_technology"),
        **_DEMO,
    ),
    Programme(
        id="FP-DEMO-QARD",
        title_fa="قرض‌الحسنهٔ نمونه‌سازی و مهندسی معکوس (نمایشی)",
        title_en="Interest-free loans for prototypes and reverse engineering (demo)",
        summary_fa="برای سازندگان کوچک که نمونهٔ آزمایشگاهی دارند و می‌خواهند آن را به نمونهٔ صنعتی برسانند.",
        summary_en="For small makers with a lab sample who want to turn it into an industrial prototype.",
        instrument=Instrument.INTEREST_FREE_LOAN,
        amount_irr=AmountRange(min=500 * MN_TOMAN, max=5 * BN_TOMAN),
        rate_pct=RateRange(min=0, max=4),
        term_months=MonthRange(min=12, max=24),
        grace_months_max=3,
        collateral_kinds=(CollateralKind.PROMISSORY_NOTE, CollateralKind.CHEQUE),
        eligibility=Eligibility(
            company_types=(CompanyType.MANUFACTURER, CompanyType.CUSTOM_MANUFACTURER, CompanyType.ENGINEERING),
        ),
        priority_categories=("consumables", "mechanical"),
        **_DEMO,
    ),
    Programme(
        id="FP-DEMO-GUAR",
        title_fa="ضمانت‌نامهٔ قراردادهای ساخت داخل (نمایشی)",
        title_en="Guarantees for localization contracts (demo)",
        summary_fa="ضمانت‌نامهٔ شرکت در مناقصه، پیش‌پرداخت، حسن انجام کار و انجام تعهدات برای قراردادهای ساخت "
        "داخل با فولادسازان؛ در حکم ضمانت‌نامهٔ بانکی.",
        summary_en="Bid, advance-payment, good-performance and obligations guarantees for localization contracts "
        "with steelmakers; they count as bank guarantees.",
        instrument=Instrument.GUARANTEE,
        amount_irr=AmountRange(min=1 * BN_TOMAN, max=50 * BN_TOMAN),
        collateral_kinds=(CollateralKind.CASH_DEPOSIT, CollateralKind.PROMISSORY_NOTE, CollateralKind.CHEQUE),
        guarantee=GuaranteeTerms(
            kinds=tuple(GuaranteeKind),
            deposit_pct_min=2,
            deposit_pct_max=10,
            fee_pct_with_deposit=0.5,
            fee_pct_with_note=2,
        ),
        eligibility=Eligibility(qualification=QualificationState.CONDITIONAL),
        **_DEMO,
    ),
    Programme(
        id="FP-DEMO-VC",
        title_fa="سرمایه‌گذاری خطرپذیر در فناوری‌های زنجیرهٔ فولاد (نمایشی)",
        title_en="Venture investment in steel-chain technologies (demo)",
        instrument=Instrument.VENTURE_INVESTMENT,
        amount_irr=AmountRange(min=10 * BN_TOMAN, max=80 * BN_TOMAN),
        equity_pct=RateRange(min=10, max=49),
        eligibility=Eligibility(knowledge_based=True),
        priority_categories=("advanced_technology",),
        **_DEMO,
    ),
    Programme(
        id="FP-DEMO-GRANT",
        title_fa="پژوهانهٔ طرح‌های مشترک با دانشگاه (نمایشی)",
        title_en="Research grants for projects with a university (demo)",
        instrument=Instrument.GRANT,
        amount_irr=AmountRange(min=200 * MN_TOMAN, max=3 * BN_TOMAN),
        eligibility=Eligibility(certificates=("ISO 9001",)),
        **_DEMO,
    ),
)

#: EU Funding & Tenders: excellence, impact, implementation; 3 each and 10 of 15.
EU_CRITERIA = CriterionSet(
    code="eu_three",
    criteria=(
        Criterion(code="excellence", name_fa="برتری فنی", name_en="Excellence", weight=1, threshold=3),
        Criterion(code="impact", name_fa="اثرگذاری", name_en="Impact", weight=1, threshold=3),
        Criterion(code="implementation", name_fa="اجراپذیری", name_en="Implementation", weight=1, threshold=3),
    ),
    overall_threshold=10 / 3,
)

#: krrtf-style: weighted criteria, the overall score above 3.5 of 5.
FUND_CRITERIA = CriterionSet(
    code="fund_five",
    criteria=(
        Criterion(code="technical", name_fa="توان فنی", name_en="Technical capability", weight=3, threshold=2.5),
        Criterion(code="market", name_fa="بازار و خریدار", name_en="Market and buyer", weight=2, threshold=2),
        Criterion(code="team", name_fa="تیم و سابقه", name_en="Team and track record", weight=1, threshold=2),
        Criterion(code="finance", name_fa="توان مالی و اعتبار", name_en="Finances and credit", weight=2, threshold=2),
        Criterion(
            code="fx_impact",
            name_fa="صرفه‌جویی ارزی",
            name_en="Foreign-currency saving",
            weight=2,
            threshold=2.5,
        ),
    ),
    overall_threshold=3.5,
    overall_strict=True,
)

_REGISTRATION = RequiredDocument(
    code="registration",
    name_fa="آگهی تأسیس و آخرین تغییرات",
    name_en="Registration notice and latest changes",
    max_bytes=10 * MB,
    mime_types=SCANS,
)
_STATEMENTS = RequiredDocument(
    code="financials",
    name_fa="صورت‌های مالی دو سال اخیر",
    name_en="Financial statements of the last two years",
    max_bytes=20 * MB,
    mime_types=PDF,
)
_PROPOSAL = RequiredDocument(
    code="proposal",
    name_fa="طرح فنی و اقتصادی",
    name_en="Technical and business plan",
    max_bytes=50 * MB,
    mime_types=PDF,
)
_SAMPLE = RequiredDocument(
    code="lab_sample",
    name_fa="تصاویر و گزارش آزمون نمونهٔ آزمایشگاهی",
    name_en="Photos and test report of the lab sample",
    required=False,
    max_bytes=10 * MB,
    mime_types=SCANS,
    max_files=5,
)
_TENDER = RequiredDocument(
    code="tender",
    name_fa="آگهی مناقصه یا قرارداد با خریدار",
    name_en="Tender notice or contract with the buyer",
    max_bytes=20 * MB,
    mime_types=SCANS,
)

_BUYER_QUESTION = FormQuestion(
    code="buyer_letter",
    label_fa="آیا فولادساز خریدار نامهٔ حمایت داده است؟",
    label_en="Has the buying steelmaker given a letter of support?",
    kind=QuestionKind.YES_NO,
    required=True,
)
_KB_QUESTION = FormQuestion(
    code="kb_tier",
    label_fa="ردهٔ دانش‌بنیان",
    label_en="Knowledge-based tier",
    kind=QuestionKind.CHOICE,
    required=False,
    choices=(
        Choice(code="nopa", label_fa="نوپا", label_en="Start-up"),
        Choice(code="noavar", label_fa="نوآور", label_en="Innovator"),
        Choice(code="fanavar", label_fa="فناور", label_en="Technology firm"),
    ),
)


def month_start(today: dt.date) -> dt.date:
    """The first day of ``today``'s Jalali month (a Gregorian date)."""
    j = jdatetime.date.fromgregorian(date=today)
    return jdatetime.date(j.year, j.month, 1).togregorian()


def _opening(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8, 0), tzinfo=TEHRAN)


def _targets(needs: Iterable[Need], categories: Sequence[str], limit: int = 6) -> tuple[str, ...]:
    """Published demo needs in ``categories`` (all when empty), by id: what a demo call is meant for."""
    chosen = sorted(
        n.id
        for n in needs
        if n.demo
        and n.status is not NeedStatus.OPEN
        and (not categories or any(is_within(n.category, c) for c in categories))
    )
    return tuple(chosen[:limit])


def demo_calls(today: dt.date, needs: Iterable[Need] = ()) -> tuple[Call, ...]:
    """The demo calls as seeded on ``today`` (a Tehran date), targeting demo needs of their categories."""
    needs = list(needs)
    start = month_start(today)
    days = dt.timedelta
    return (
        Call(
            id="FC-DEMO-LOAN-1",
            programme_id="FP-DEMO-LOAN",
            title_fa="فراخوان ساخت داخل قطعات مکانیکی و برقی نورد و فولادسازی (نمایشی)",
            title_en="Call for mechanical and electrical parts of rolling and steelmaking (demo)",
            summary_fa="برای قطعاتی که فولادسازان در سامانهٔ نیازها ثبت کرده‌اند.",
            summary_en="For parts steelmakers listed in the needs register.",
            opens_at=_opening(start - days(30)),
            closes_at=tehran_day_end(start + days(75)),
            grace_minutes=48 * 60,
            budget_irr=60 * BN_TOMAN,
            required_documents=(_REGISTRATION, _STATEMENTS, _PROPOSAL, _SAMPLE),
            form_questions=(_BUYER_QUESTION, _KB_QUESTION),
            target_need_ids=_targets(needs, ("mechanical", "electrical")),
            criteria=FUND_CRITERIA,
            **_DEMO,
        ),
        Call(
            id="FC-DEMO-QARD-1",
            programme_id="FP-DEMO-QARD",
            title_fa="فراخوان نمونه‌سازی مواد مصرفی و نسوز (نمایشی)",
            title_en="Call for prototypes of consumables and refractories (demo)",
            opens_at=_opening(start - days(10)),
            closes_at=tehran_day_end(start + days(90)),
            grace_minutes=24 * 60,
            budget_irr=15 * BN_TOMAN,
            required_documents=(_REGISTRATION, _PROPOSAL, _SAMPLE),
            form_questions=(_BUYER_QUESTION,),
            target_need_ids=_targets(needs, ("consumables",)),
            criteria=EU_CRITERIA,
            **_DEMO,
        ),
        Call(
            id="FC-DEMO-GUAR-1",
            programme_id="FP-DEMO-GUAR",
            title_fa="ضمانت‌نامهٔ قراردادهای ساخت داخل، دورهٔ بعد (نمایشی)",
            title_en="Guarantees for localization contracts, next round (demo)",
            opens_at=_opening(start + days(45)),
            closes_at=tehran_day_end(start + days(120)),
            budget_irr=100 * BN_TOMAN,
            required_documents=(_REGISTRATION, _TENDER),
            criteria=FUND_CRITERIA,
            **_DEMO,
        ),
        Call(
            id="FC-DEMO-GRANT-0",
            programme_id="FP-DEMO-GRANT",
            title_fa="پژوهانهٔ طرح‌های مشترک با دانشگاه، دورهٔ گذشته (نمایشی)",
            title_en="Research grants with a university, past round (demo)",
            opens_at=_opening(start - days(120)),
            closes_at=tehran_day_end(start - days(20)),
            budget_irr=5 * BN_TOMAN,
            required_documents=(_PROPOSAL,),
            criteria=EU_CRITERIA,
            **_DEMO,
        ),
    )
