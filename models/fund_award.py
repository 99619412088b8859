"""After an award: a loan's repayment schedule with its grace period, how far repayments cover it, and the limits
of a milestone's evidence files (pure; the screens and the device's client use them).

The Fund's repayment terms are not published yet, so the schedule follows what Iran's research and technology
funds describe (../shared/docs/fund-notes.md, F13–F16) and says so on screen as an estimate:

- the term counts from the agreement's start date and includes the grace months (دوران تنفس);
- during the grace months only the interest on the principal falls due, once a month (nothing at a 0 % rate);
- after the grace, equal monthly instalments (an annuity at the agreement's rate; equal principal parts at 0 %)
  repay the principal within the rest of the term;
- repayments recorded by the Fund are set against the instalments oldest first.

The principal is the agreement's amount: a schedule made before every tranche is paid out is the one the
agreement commits to, which is what the supplier plans with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from models.fund_programmes import LOAN_INSTRUMENTS, Instrument
from models.fund_records import Agreement, ApplicationRecord, Milestone, MilestoneState

#: What a milestone's evidence may be: scanned reports, test certificates, photos of the part.
EVIDENCE_MIME_TYPES: tuple[str, ...] = ("application/pdf", "image/jpeg", "image/png")
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_MAX_FILES = 10
#: The ``document`` code a milestone's evidence carries (AttachmentRef.document).
EVIDENCE_DOCUMENT = "milestone_evidence"


class InstalmentState(StrEnum):
    PAID = "paid"
    PART_PAID = "part_paid"
    OVERDUE = "overdue"
    DUE = "due"  # not yet due, or due today


@dataclass(frozen=True)
class Instalment:
    """One month's payment of the schedule."""

    number: int
    due_on: dt.date
    principal_irr: int
    interest_irr: int
    #: The principal still owed after this instalment.
    balance_irr: int
    in_grace: bool
    paid_irr: int = 0
    state: InstalmentState = InstalmentState.DUE

    @property
    def amount_irr(self) -> int:
        return self.principal_irr + self.interest_irr


@dataclass(frozen=True)
class Schedule:
    instalments: tuple[Instalment, ...]
    repaid_irr: int

    @property
    def total_irr(self) -> int:
        return sum(i.amount_irr for i in self.instalments)

    @property
    def interest_irr(self) -> int:
        return sum(i.interest_irr for i in self.instalments)

    @property
    def overdue_irr(self) -> int:
        return sum(i.amount_irr - i.paid_irr for i in self.instalments if i.state is InstalmentState.OVERDUE)

    @property
    def outstanding_irr(self) -> int:
        return max(0, self.total_irr - self.repaid_irr)

    def next_due(self) -> Instalment | None:
        return next((i for i in self.instalments if i.state is not InstalmentState.PAID), None)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day (31 Jan + 1 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError("unreachable")


def repays(instrument: Instrument) -> bool:
    """Whether an award of this instrument is repaid (loans, leasing, instalment sale)."""
    return instrument in LOAN_INSTRUMENTS


def schedule(agreement: Agreement, repaid_irr: int = 0, today: dt.date | None = None) -> Schedule | None:
    """The agreement's monthly schedule with ``repaid_irr`` set against it oldest first; None without a term."""
    term = agreement.term_months
    if term is None or term < 1:
        return None
    grace = min(max(agreement.grace_months or 0, 0), term - 1)
    months = term - grace
    principal = agreement.amount_irr
    monthly_rate = (agreement.rate_pct or 0.0) / 100 / 12
    rows: list[tuple[dt.date, int, int, int, bool]] = []
    for n in range(1, grace + 1):
        rows.append((add_months(agreement.start_date, n), 0, round(principal * monthly_rate), principal, True))
    balance = principal
    if monthly_rate > 0:
        payment = principal * monthly_rate / (1 - (1 + monthly_rate) ** -months)
    for n in range(1, months + 1):
        interest = round(balance * monthly_rate)
        if n == months:
            part = balance  # the last instalment takes what rounding left
        elif monthly_rate > 0:
            part = round(payment - balance * monthly_rate)
        else:
            part = principal // months
        balance -= part
        rows.append((add_months(agreement.start_date, grace + n), part, interest, balance, False))
    left = max(0, repaid_irr)
    out: list[Instalment] = []
    for number, (due_on, part, interest, after, in_grace) in enumerate(rows, start=1):
        amount = part + interest
        paid = min(left, amount)
        left -= paid
        if paid >= amount:
            state = InstalmentState.PAID
        elif today is not None and due_on < today:
            state = InstalmentState.OVERDUE
        elif paid > 0:
            state = InstalmentState.PART_PAID
        else:
            state = InstalmentState.DUE
        out.append(Instalment(number, due_on, part, interest, after, in_grace, paid, state))
    return Schedule(tuple(out), max(0, repaid_irr))


def record_schedule(record: ApplicationRecord, today: dt.date | None = None) -> Schedule | None:
    """The schedule of an application's agreement with the repayments the Fund recorded; None when it is not
    a loan or has no agreement yet."""
    if record.agreement is None or not repays(record.instrument):
        return None
    return schedule(record.agreement, record.repaid_irr, today)


def evidence_problem(mime: str, size: int, already: int) -> tuple[str, dict[str, object]] | None:
    """Whether a file may be taken as a milestone's evidence (checked before it is taken): a code and its
    parameters (the words are in models/fund_words.REASONS), or None."""
    if mime not in EVIDENCE_MIME_TYPES:
        return "file_type", {"allowed": list(EVIDENCE_MIME_TYPES)}
    if size > EVIDENCE_MAX_BYTES:
        return "file_too_large", {"max_bytes": EVIDENCE_MAX_BYTES}
    if already >= EVIDENCE_MAX_FILES:
        return "too_many_files", {"max_files": EVIDENCE_MAX_FILES}
    return None


def payable_irr(milestone: Milestone) -> int:
    """What is left to pay out of an accepted milestone's tranche (nothing before it is accepted)."""
    if milestone.state is not MilestoneState.ACCEPTED:
        return 0
    return max(0, milestone.tranche_irr - milestone.disbursed_irr)


def overdue_milestones(agreement: Agreement, today: dt.date) -> list[Milestone]:
    """Milestones past their due date whose evidence has not been accepted."""
    return [m for m in agreement.milestones if m.due_date < today and m.state is not MilestoneState.ACCEPTED]


_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def parse_day(text: str) -> dt.date | None:
    """A day typed as ``1405/10/25`` (Jalali: a year before 1700) or ``2027-01-15`` (Gregorian), in either
    script's digits; None when it is no day."""
    import jdatetime  # the models' calendar library (models/fund_words.py)

    cleaned = (text or "").translate(_DIGITS).strip().replace("/", "-")
    parts = cleaned.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    year, month, day = (int(p) for p in parts)
    try:
        if year < 1700:
            return jdatetime.date(year, month, day).togregorian()
        return dt.date(year, month, day)
    except ValueError:
        return None
