"""The balance in words: amounts with units, one plain sentence per stage, scenario and province names."""

from __future__ import annotations

import flet as ft

from models.balance import ChainBalance, Scenario, Stage, StageBalance
from views.balance.state import BalanceState
from views.shell import i18n, units
from views.shell.context import use_app
from views.shell.i18n import Lang

#: Whose requirement each stage meets (the concentrate and ore stages feed the same two consumers).
CONSUMER: dict[Stage, str] = {
    Stage.IRON_ORE: "consumer_iron_ore",
    Stage.CONCENTRATE: "consumer_concentrate",
    Stage.PELLET: "consumer_pellet",
    Stage.DRI: "consumer_dri",
    Stage.BF: "consumer_bf",
}
#: Below half a kilotonne a gap is rounding, not a finding.
EVEN_KTPA = 0.5


def use_balance() -> BalanceState:
    """The session's balance state; the calling component redraws when it changes (a hook: call it early)."""
    balance = use_app().part(BalanceState)
    ft.use_state(balance)  # subscribes: a what-if or a ratio change redraws the bars at once
    return balance


def amount(value_kt: float, lang: Lang, scale: units.Scale | None = None) -> str:
    """A tonnage per year with its unit, in the view's ``scale`` (its own when None): «۱۲٫۰ میلیون تن در سال»."""
    return units.amount(value_kt, scale, lang)


def figure(value_kt: float, lang: Lang, scale: units.Scale) -> str:
    """The bare number in the view's ``scale``, where the unit is said once nearby (a bar beside its sentence)."""
    return units.figure(value_kt, scale, lang)


def chain_scale(chain: ChainBalance) -> units.Scale:
    """One unit for the whole chain on screen: every stage's supply and need are compared with each other."""
    values = [v for f in chain.stages.values() for v in (f.supply_ktpa, f.requirement_ktpa)]
    return units.scale_for(values)


def stage_name(stage: Stage, lang: Lang) -> str:
    return i18n.t(f"stage_{stage.value}", lang)


def stage_title(stage: Stage, lang: Lang) -> str:
    return i18n.t(f"stage_title_{stage.value}", lang)


def scenario_name(scenario: Scenario, lang: Lang) -> str:
    return i18n.t(f"scenario_{scenario.value}", lang)


def scenario_about(scenario: Scenario, lang: Lang) -> str:
    return i18n.t(f"scenario_about_{scenario.value}", lang)


def feed(stage: Stage, scenario: Scenario, lang: Lang) -> str:
    """ "operating DRI" / «آهن اسفنجی فعال»: who needs this stage's output, in the scenario's words."""
    consumer = i18n.t(CONSUMER[stage], lang)
    return i18n.t(f"feed_{scenario.value}", lang, consumer=consumer)


def stage_line(figures: StageBalance, scenario: Scenario, lang: Lang, scale: units.Scale | None = None) -> str:
    """One plain sentence: «گندله: ۱۲٫۰ میلیون تن در سال کمبود برای آهن اسفنجی فعال» / "Pellet: 12.0 Mt/y
    short for operating DRI"."""
    text = _stage_line(figures, scenario, lang, scale)
    return text[:1].upper() + text[1:]  # a sentence starts with a capital (Persian has none: unchanged)


def _stage_line(figures: StageBalance, scenario: Scenario, lang: Lang, scale: units.Scale | None) -> str:
    stage = figures.stage
    name = stage_name(stage, lang)
    supply, need, gap = figures.supply_ktpa, figures.requirement_ktpa, figures.balance_ktpa
    if supply is None and need is not None:
        return i18n.t(
            "line_no_supply", lang, stage=name, feed=feed(stage, scenario, lang), amount=amount(need, lang, scale)
        )
    if need is None:
        if supply is None:
            return i18n.t("line_nothing", lang, stage=name)
        return i18n.t("line_no_requirement", lang, stage=name, amount=amount(supply, lang, scale))
    assert gap is not None
    if not (supply or need):
        return i18n.t("line_nothing", lang, stage=name)
    words = feed(stage, scenario, lang)
    if abs(gap) < EVEN_KTPA:
        return i18n.t("line_even", lang, stage=name, feed=words)
    key = "line_deficit" if gap < 0 else "line_surplus"
    return i18n.t(key, lang, stage=name, amount=amount(abs(gap), lang, scale), feed=words)


def gap_text(gap: float | None, lang: Lang, scale: units.Scale) -> str:
    """ "short 12.0" / «کمبود ۱۲٫۰»: the bare figure in the view's ``scale``, whose unit is said nearby."""
    if gap is None:
        return i18n.t("no_data", lang)
    if abs(gap) < EVEN_KTPA:
        return i18n.t("gap_even", lang)
    return i18n.t("gap_deficit" if gap < 0 else "gap_surplus", lang, amount=figure(abs(gap), lang, scale))
