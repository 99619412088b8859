"""The warning for issued guarantees that end soon (or have ended), for the supplier and the Fund's officers:
the end date in Jalali with the Gregorian beside, the days left in the reader's digits."""

from __future__ import annotations

import flet as ft

from models.fund_guarantees import ExpiringGuarantee
from models.fund_words import GUARANTEE_NAMES, digits, name
from views.fund.state import FundState
from views.fund.words import when
from views.shell import i18n
from views.shell.theme import Space, Tone, Type


def guarantee_warning(state: FundState, found: ExpiringGuarantee) -> str:
    app = state.app
    lang = app.lang
    key = "fund_guarantee_expired" if found.expired else "fund_guarantee_expiring"
    if found.days_left == 0:
        key = "fund_guarantee_last_day"
    return app.t(
        key,
        kind=name(GUARANTEE_NAMES, found.guarantee.kind, lang),
        tracking=i18n.ltr(digits(found.tracking_no, lang)),
        date=when(found.guarantee.expires_on, lang),
        count=digits(str(found.days_left), lang),
    )


def guarantees_card(state: FundState, application_id: str | None = None) -> ft.Control | None:
    """A card of the guarantees to renew (one application's, or all this reader follows); None when none."""
    found = [g for g in state.expiring_guarantees() if application_id is None or g.application_id == application_id]
    if not found:
        return None
    lines: list[ft.Control] = [
        ft.Row(
            [ft.Icon(ft.Icons.WARNING_AMBER, color=Tone.ON_ERROR_CONTAINER, size=20),
             ft.Text(state.app.t("fund_guarantees_title"), style=Type.BODY_STRONG, color=Tone.ON_ERROR_CONTAINER,
                     expand=True)],
            spacing=Space.S,
        )
    ]  # fmt: skip
    for g in found:
        lines.append(
            ft.Text(guarantee_warning(state, g), style=Type.BODY_STRONG if g.expired else Type.BODY,
                    color=Tone.ON_ERROR_CONTAINER, data=f"fund-guarantee-{g.application_id}")
        )  # fmt: skip
    return ft.Container(
        content=ft.Column(lines, spacing=Space.XS, tight=True),
        padding=Space.M,
        bgcolor=Tone.ERROR_CONTAINER,
        border_radius=8,
        data="fund-guarantees",
    )
