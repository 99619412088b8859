"""The Fund's public ledger: every award, its totals, and how concentrated the awards are.

An entry is shaped after the 360Giving Data Standard's grant (its JSON property names: ``id``,
``title``, ``amountAppliedFor``, ``amountAwarded``, ``amountDisbursed``, ``awardDate``,
``recipientOrganization``, ``grantProgramme``, ``fromOpenCall``, ``dateModified``, ``dataSource`` …),
with the fields the standard has no name for added beside them as it allows (``instrument``,
``province``, ``chainStage``, ``needs``, ``plants``, ``fxSavingPlannedEUR`` …). The server writes an
entry when the committee approves an application and keeps it up to date as the agreement is signed,
money is paid and the FX saving is verified (collection ``fund_ledger``, public to every signed-in
account); the device reads it offline like everything else.

Each award counts once in every breakdown, so the breakdowns add up to the totals: under its
recipient's province, under the category of the need it answers with the largest yearly FX spend
(at the category tree's second level), and under the chain stage of that need's plant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jdatetime
from pydantic import BaseModel, ConfigDict, Field

from models.atlas import Plant
from models.balance import STAGE_PROCESSES, STAGES, Stage
from models.fund_programmes import CURRENCY, Call, Instrument, Programme, tehran
from models.fund_records import ApplicationRecord, AppState, ClosureOutcome, DecisionOutcome

FUNDER_ID = "zanjireh-steel-fund"
FUNDER_NAME = "Steel Research & Technology Fund (صندوق پژوهش و فناوری زنجیره آهن و فولاد)"
DATA_SOURCE = "Zanjireh — the Steel Research & Technology Fund's public ledger"
#: Prefix of an entry's id (360Giving ids begin with the publisher's prefix).
ID_PREFIX = "360G-zanjireh-"
UNKNOWN = "unknown"


class _Ledger(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Location(_Ledger):
    name: str
    geoCode: str | None = None
    geoCodeType: str | None = None  # "ISO 3166-2"
    countryCode: str = "IR"


class Organisation(_Ledger):
    id: str
    name: str
    nameFa: str | None = None
    location: list[Location] = Field(default_factory=list)


class GrantProgramme(_Ledger):
    code: str
    title: str
    titleFa: str | None = None


class PlannedDates(_Ledger):
    startDate: dt.date
    endDate: dt.date | None = None
    duration: int | None = None  # months


class LedgerNeed(_Ledger):
    id: str
    item: str | None = None
    itemFa: str
    category: str
    plantId: str
    annualFxEUR: float | None = None


class LedgerPlant(_Ledger):
    id: str
    name: str | None = None
    nameFa: str | None = None
    province: str | None = None
    chainStage: str = UNKNOWN


class LedgerEntry(_Ledger):
    """One award (collection ``fund_ledger``, id = ``id``)."""

    id: str
    title: str
    titleFa: str | None = None
    description: str | None = None
    currency: str = CURRENCY
    amountAppliedFor: int
    amountAwarded: int
    amountDisbursed: int = 0
    awardDate: dt.date
    awardDateJalali: str  # "1405-09-11"
    plannedDates: list[PlannedDates] = Field(default_factory=list)
    recipientOrganization: list[Organisation]
    fundingOrganization: list[Organisation]
    grantProgramme: list[GrantProgramme]
    fromOpenCall: str = "Yes"
    dateModified: dt.datetime
    dataSource: str = DATA_SOURCE
    # ---- beyond 360Giving's fields ----
    trackingNo: str
    callId: str
    instrument: Instrument
    status: str  # approved | under_way | completed | terminated
    province: str | None = None
    category: str = UNKNOWN
    chainStage: str = UNKNOWN
    needs: list[LedgerNeed] = Field(default_factory=list)
    plants: list[LedgerPlant] = Field(default_factory=list)
    fxSavingPlannedEUR: float | None = None
    fxSavingVerifiedEUR: float | None = None
    fxSavingVerifiedDate: dt.date | None = None
    demo: bool = False

    @property
    def recipient(self) -> Organisation:
        return self.recipientOrganization[0]


@dataclass(frozen=True)
class PlantFacts:
    """What the ledger says about a plant: its names, province and chain stage (from the atlas)."""

    name_en: str | None
    name_fa: str | None
    province: str | None
    stage: str = UNKNOWN


def plant_stage(plant: Plant) -> str:
    """The chain stage a plant works at: the most downstream stage among its capacities' processes."""
    processes = {c.process for c in plant.capacities}
    stages = [s for s in STAGES if any(p in STAGE_PROCESSES[s] for p in processes)]
    return stages[-1].value if stages else UNKNOWN


def plant_facts(plant: Plant) -> PlantFacts:
    return PlantFacts(plant.name_en, plant.name_fa, plant.place.province, plant_stage(plant))


def jalali_date(day: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


def entry_id(tracking_no: str) -> str:
    return f"{ID_PREFIX}{tracking_no}"


def category_level2(code: str) -> str:
    """``consumables.refractories.shaped`` → ``consumables.refractories`` (a root stays itself)."""
    return ".".join(code.split(".")[:2])


_STATUS = {
    AppState.APPROVED: "approved",
    AppState.APPROVED_CONDITIONAL: "approved",
    AppState.ACTIVE: "under_way",
}


def _status(record: ApplicationRecord) -> str | None:
    if record.state in _STATUS:
        return _STATUS[record.state]
    if record.state is AppState.CLOSED and record.agreement is not None:
        closed = record.closure.outcome if record.closure is not None else ClosureOutcome.COMPLETED
        return "completed" if closed is ClosureOutcome.COMPLETED else "terminated"
    return None


def ledger_entry(
    record: ApplicationRecord,
    *,
    call: Call,
    programme: Programme,
    plants: Mapping[str, PlantFacts],
) -> LedgerEntry | None:
    """The ledger entry of an application, or None when it is no award (not approved, or withdrawn before
    its agreement was signed)."""
    decision = record.decision
    status = _status(record)
    approved = decision is not None and decision.outcome in (
        DecisionOutcome.APPROVED,
        DecisionOutcome.APPROVED_WITH_CONDITIONS,
    )
    awarded = record.awarded_irr
    if status is None or not approved or awarded is None or decision is None:
        return None
    content = record.content
    needs = sorted(content.needs, key=lambda n: -(n.annual_fx_eur or 0.0))
    primary = needs[0] if needs else None
    plant_ids = content.plant_ids
    ledger_plants = []
    for plant_id in plant_ids:
        facts = plants.get(plant_id) or PlantFacts(None, None, None)
        ledger_plants.append(
            LedgerPlant(
                id=plant_id, name=facts.name_en, nameFa=facts.name_fa, province=facts.province, chainStage=facts.stage
            )
        )
    stage = UNKNOWN
    if primary is not None and primary.plant_id in plants:
        stage = plants[primary.plant_id].stage
    award_day = tehran(decision.decided_at).date()
    agreement = record.agreement
    planned: list[PlannedDates] = []
    if agreement is not None:
        end = max((m.due_date for m in agreement.milestones), default=None)
        planned.append(PlannedDates(startDate=agreement.start_date, endDate=end, duration=agreement.term_months))
    location = (
        [Location(name=record.province, geoCode=record.province, geoCodeType="ISO 3166-2")] if record.province else []
    )
    return LedgerEntry(
        id=entry_id(record.tracking_no),
        title=content.title_en or content.title_fa,
        titleFa=content.title_fa or None,
        description=content.summary or None,
        amountAppliedFor=content.requested_irr,
        amountAwarded=awarded,
        amountDisbursed=record.disbursed_irr,
        awardDate=award_day,
        awardDateJalali=jalali_date(award_day),
        plannedDates=planned,
        recipientOrganization=[
            Organisation(
                id=f"zanjireh-supplier-{record.supplier_id}",
                name=record.supplier_name_en or record.supplier_name_fa or record.supplier_id,
                nameFa=record.supplier_name_fa,
                location=location,
            )
        ],
        fundingOrganization=[Organisation(id=FUNDER_ID, name=FUNDER_NAME)],
        grantProgramme=[GrantProgramme(code=programme.id, title=programme.title_en, titleFa=programme.title_fa)],
        fromOpenCall="Yes",
        dateModified=record.updated_at,
        trackingNo=record.tracking_no,
        callId=call.id,
        instrument=record.instrument,
        status=status,
        province=record.province,
        category=category_level2(primary.category) if primary is not None else UNKNOWN,
        chainStage=stage,
        needs=[
            LedgerNeed(
                id=n.need_id,
                item=n.item_en,
                itemFa=n.item_fa,
                category=n.category,
                plantId=n.plant_id,
                annualFxEUR=n.annual_fx_eur,
            )
            for n in content.needs
        ],
        plants=ledger_plants,
        fxSavingPlannedEUR=record.fx.planned_eur,
        fxSavingVerifiedEUR=record.fx.verified_eur,
        fxSavingVerifiedDate=record.fx.verified_on,
        demo=record.demo,
    )


# ---- totals and concentration ---------------------------------------------------------------------
@dataclass
class Totals:
    """Sums over a set of awards (rials; euros for FX savings)."""

    awards: int = 0
    applied_irr: int = 0
    awarded_irr: int = 0
    disbursed_irr: int = 0
    fx_planned_eur: float = 0.0
    fx_verified_eur: float = 0.0

    def add(self, entry: LedgerEntry) -> None:
        self.awards += 1
        self.applied_irr += entry.amountAppliedFor
        self.awarded_irr += entry.amountAwarded
        self.disbursed_irr += entry.amountDisbursed
        self.fx_planned_eur += entry.fxSavingPlannedEUR or 0.0
        self.fx_verified_eur += entry.fxSavingVerifiedEUR or 0.0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def totals(entries: Iterable[LedgerEntry]) -> Totals:
    out = Totals()
    for entry in entries:
        out.add(entry)
    return out


def totals_by(entries: Iterable[LedgerEntry], key: Callable[[LedgerEntry], str | None]) -> dict[str, Totals]:
    """Totals per value of ``key`` (``UNKNOWN`` where an award has none), biggest award sum first."""
    out: dict[str, Totals] = {}
    for entry in entries:
        out.setdefault(key(entry) or UNKNOWN, Totals()).add(entry)
    return dict(sorted(out.items(), key=lambda kv: (-kv[1].awarded_irr, kv[0])))


def by_province(entries: Iterable[LedgerEntry]) -> dict[str, Totals]:
    return totals_by(entries, lambda e: e.province)


def by_category(entries: Iterable[LedgerEntry]) -> dict[str, Totals]:
    return totals_by(entries, lambda e: e.category)


def by_stage(entries: Iterable[LedgerEntry]) -> dict[str, Totals]:
    return totals_by(entries, lambda e: e.chainStage)


def by_instrument(entries: Iterable[LedgerEntry]) -> dict[str, Totals]:
    return totals_by(entries, lambda e: e.instrument.value)


@dataclass(frozen=True)
class Recipient:
    id: str
    name: str
    name_fa: str | None
    awards: int
    awarded_irr: int
    share: float  # of everything awarded


@dataclass(frozen=True)
class Concentration:
    """How concentrated the awards are (the INIF dispute: two firms took over 125 bank loans while 61 % of
    knowledge-based firms got none)."""

    recipients: int
    awards: int
    top: list[Recipient] = field(default_factory=list)  # the biggest recipients, biggest first
    top_share: float = 0.0  # share of everything awarded that went to ``top``
    repeat: list[Recipient] = field(default_factory=list)  # recipients of more than one award
    repeat_share: float = 0.0


def concentration(entries: Sequence[LedgerEntry], top_n: int = 10) -> Concentration:
    grouped: dict[str, list[LedgerEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.recipient.id, []).append(entry)
    total = sum(e.amountAwarded for e in entries)

    def recipient(rid: str, awards: list[LedgerEntry]) -> Recipient:
        amount = sum(e.amountAwarded for e in awards)
        org = awards[0].recipient
        return Recipient(rid, org.name, org.nameFa, len(awards), amount, amount / total if total else 0.0)

    everyone = sorted((recipient(k, v) for k, v in grouped.items()), key=lambda r: (-r.awarded_irr, r.id))
    top = everyone[:top_n]
    repeat = [r for r in everyone if r.awards > 1]
    return Concentration(
        recipients=len(everyone),
        awards=len(entries),
        top=top,
        top_share=sum(r.awarded_irr for r in top) / total if total else 0.0,
        repeat=repeat,
        repeat_share=sum(r.awarded_irr for r in repeat) / total if total else 0.0,
    )


def stage_order(stage: str) -> int:
    """Upstream first, unknown last (for charts that follow the chain)."""
    values = [s.value for s in Stage]
    return values.index(stage) if stage in values else len(values)


def package(entries: Iterable[LedgerEntry]) -> dict[str, Any]:
    """The entries as a 360Giving JSON package (``{"grants": [...]}``)."""
    return {"grants": [e.model_dump(mode="json", exclude_none=True) for e in entries]}
