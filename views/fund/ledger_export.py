"""The Fund's public ledger exported: one row per award under the 360Giving Data Standard's column titles,
or the standard's JSON package, from the device's copy of the ledger.

Columns the standard names carry its titles («Amount Awarded», «Recipient Org:Name» …) in both
languages, so a 360Giving tool reads the file as it is; the columns it has no title for follow them
(«Instrument», «Chain Stage», «FX Saving Planned (EUR)» …). Names and words in the rows are in the
reader's language; amounts stay in rials as numbers (the «Currency» column says IRR). The file is written
by the one export of every list (views/shell/export.py); the JSON package by models/fund_ledger.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from models.fund_ledger import LedgerEntry, concentration, package, totals
from models.fund_words import INSTRUMENT_NAMES, name
from views.shell import i18n, labels
from views.shell.export import About, Column, SourceLine, Table
from views.shell.i18n import Lang


def _join(values: Sequence[str], lang: Lang) -> str:
    return ("؛ " if lang == "fa" else "; ").join(v for v in values if v)


def _iso(day: object) -> str:
    return day.isoformat() if hasattr(day, "isoformat") else ""


def ledger_columns(lang: Lang) -> list[Column[LedgerEntry]]:
    fa = lang == "fa"

    def recipient(e: LedgerEntry) -> str:
        org = e.recipient
        return (org.nameFa or org.name) if fa else org.name

    def programme(e: LedgerEntry) -> str:
        p = e.grantProgramme[0]
        return (p.titleFa or p.title) if fa else p.title

    def planned(e: LedgerEntry, field: str) -> object:
        if not e.plannedDates:
            return None
        value = getattr(e.plannedDates[0], field)
        return value.isoformat() if hasattr(value, "isoformat") else value

    def needs(e: LedgerEntry) -> str:
        return _join([f"{n.id} {n.itemFa if fa else (n.item or n.itemFa)}" for n in e.needs], lang)

    def plants(e: LedgerEntry) -> str:
        return _join([f"{p.id} {(p.nameFa or p.name) if fa else (p.name or p.nameFa)}" for p in e.plants], lang)

    return [
        Column("Identifier", lambda e: e.id, 30),
        Column("Title", lambda e: (e.titleFa or e.title) if fa else e.title, 40),
        Column("Description", lambda e: e.description or "", 40),
        Column("Currency", lambda e: e.currency, 8),
        Column("Amount Applied For", lambda e: e.amountAppliedFor, 18),
        Column("Amount Awarded", lambda e: e.amountAwarded, 18),
        Column("Amount Disbursed", lambda e: e.amountDisbursed, 18),
        Column("Award Date", lambda e: e.awardDate.isoformat(), 12),
        Column("Award Date (Jalali)", lambda e: e.awardDateJalali, 12),
        Column("Planned Dates:Start Date", lambda e: planned(e, "startDate"), 12),
        Column("Planned Dates:End Date", lambda e: planned(e, "endDate"), 12),
        Column("Planned Dates:Duration (months)", lambda e: planned(e, "duration"), 10),
        Column("Recipient Org:Identifier", lambda e: e.recipient.id, 24),
        Column("Recipient Org:Name", recipient, 36),
        Column(
            "Recipient Org:Location:Geographic Code",
            lambda e: e.recipient.location[0].geoCode if e.recipient.location else "",
            12,
        ),
        Column("Funding Org:Identifier", lambda e: e.fundingOrganization[0].id, 20),
        Column("Funding Org:Name", lambda e: e.fundingOrganization[0].name, 40),
        Column("Grant Programme:Code", lambda e: e.grantProgramme[0].code, 16),
        Column("Grant Programme:Title", programme, 40),
        Column("From an open call?", lambda e: e.fromOpenCall, 8),
        Column("Last modified", lambda e: e.dateModified.isoformat(), 22),
        Column("Data Source", lambda e: e.dataSource, 30),
        Column("Tracking Number", lambda e: e.trackingNo, 16),
        Column("Call", lambda e: e.callId, 16),
        Column("Instrument", lambda e: name(INSTRUMENT_NAMES, e.instrument, lang), 20),
        Column("Status", lambda e: e.status, 12),
        Column("Province", lambda e: labels.province_name(e.province, lang) or "", 16),
        Column("Category", lambda e: e.category, 26),
        Column("Chain Stage", lambda e: e.chainStage, 14),
        Column("Needs", needs, 40),
        Column("Plants", plants, 40),
        Column("FX Saving Planned (EUR)", lambda e: e.fxSavingPlannedEUR, 16),
        Column("FX Saving Verified (EUR)", lambda e: e.fxSavingVerifiedEUR, 16),
        Column(
            "FX Saving Verified Date",
            lambda e: e.fxSavingVerifiedDate.isoformat() if e.fxSavingVerifiedDate else "",
            12,
        ),
        Column("Demo", lambda e: "yes" if e.demo else "no", 8),
    ]


def ordered(entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
    """The awards in the order they were made (then by id)."""
    return sorted(entries, key=lambda e: (e.awardDate, e.id))


def ledger_about(entries: Sequence[LedgerEntry], lang: Lang, as_of: str | None) -> About:
    whole = totals(entries)
    spread = concentration(entries)
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731 - a local shorthand
    notes = [
        t("fund_ledger_totals", count=whole.awards, applied=whole.applied_irr, awarded=whole.awarded_irr,
          disbursed=whole.disbursed_irr),
        t("fund_ledger_concentration", share=round(spread.top_share * 100, 1), count=len(spread.repeat)),
    ]  # fmt: skip
    demo = sum(1 for e in entries if e.demo)
    if demo:
        notes.append(t("fund_ledger_demo_rows", count=demo))
    source = SourceLine(t("fund_ledger_source"), t("fund_ledger_licence"), as_of or "")
    return About(summary=t("fund_ledger_summary"), sources=(source,), notes=notes)


def ledger_table(entries: Sequence[LedgerEntry], lang: Lang, as_of: str | None = None) -> Table[LedgerEntry]:
    rows = ordered(entries)
    return Table(
        title=i18n.t("fund_ledger_title", lang),
        columns=ledger_columns(lang),
        rows=rows,
        about=ledger_about(rows, lang, as_of),
        lang=lang,
    )


def ledger_json(entries: Sequence[LedgerEntry]) -> bytes:
    """The 360Giving JSON package of the awards (UTF-8, Persian as is)."""
    return json.dumps(package(ordered(entries)), ensure_ascii=False, indent=1).encode("utf-8")
