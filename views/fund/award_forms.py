"""What the Fund's post-award screens share: the device's award desk, a form whose values are kept as typed
(sync/fund_award.py), numbers and days read from what was typed, and the paths of the award's screens."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flet as ft

from models.fund_award import parse_day
from models.fund_words import digits, reason_text
from sync.errors import FundMoveRefused, ZanjirehError
from sync.fund import FundClient
from sync.fund_award import AwardDesk
from views.fund.state import FundState
from views.shell import paths
from views.shell.facts import caption
from views.shell.i18n import Lang
from views.shell.theme import Tone, Type

_DESKS: weakref.WeakKeyDictionary[FundClient, AwardDesk] = weakref.WeakKeyDictionary()
_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٬٫", "01234567890123456789,.")


def award_desk(state: FundState) -> AwardDesk:
    desk = _DESKS.get(state.client)
    if desk is None:
        desk = _DESKS[state.client] = AwardDesk(state.client)
    return desk


def award_path(application_id: str) -> str:
    return f"{paths.FUND}/award/{application_id}"


def agreement_path(application_id: str) -> str:
    return f"{paths.FUND}/agreement/{application_id}"


def milestone_path(application_id: str, milestone_id: str) -> str:
    return f"{paths.FUND}/milestone/{application_id}?m={milestone_id}"


def to_int(text: str | None) -> int | None:
    cleaned = (text or "").translate(_LATIN).replace(",", "").strip()
    return int(cleaned) if cleaned.isdigit() else None


def to_float(text: str | None) -> float | None:
    cleaned = (text or "").translate(_LATIN).replace(",", "").strip()
    try:
        return float(cleaned) if cleaned else None
    except ValueError:
        return None


def number_text(value: float | int | None, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return digits(str(value), lang)


@dataclass
class KeptForm:
    """A form's values as typed, kept on the device when a field is left (``keep``) and dropped once sent."""

    values: dict[str, Any]
    put: Callable[[str, Any], None]
    keep: Callable[[], None]
    clear: Callable[[], None]

    def get(self, key: str, default: Any = "") -> Any:
        return self.values.get(key, default)


def use_kept_form(state: FundState, kind: str, application_id: str, initial: Callable[[], dict[str, Any]]) -> KeptForm:
    """A hook: the form's values (what was kept on the device, else ``initial()``) and how to change them."""
    desk = award_desk(state)
    values, set_values = ft.use_state(lambda: desk.form(kind, application_id) or initial())
    latest = ft.use_ref(values)
    latest.current = values

    def put(key: str, value: Any) -> None:
        latest.current = {**latest.current, key: value}
        set_values(latest.current)

    def keep() -> None:
        try:
            desk.keep_form(kind, application_id, latest.current)
        except ZanjirehError as error:
            state.app.report(error)

    def clear() -> None:
        desk.drop_form(kind, application_id)
        latest.current = initial()
        set_values(latest.current)

    return KeptForm(values, put, keep, clear)


def text_field(
    form: KeptForm,
    key: str,
    label: str,
    *,
    number: bool = False,
    multiline: bool = False,
    data: str | None = None,
    width: int | None = None,
    expand: bool | int | None = None,
) -> ft.TextField:
    """A field of a kept form: its value changes as typed and is kept on the device when the field is left."""
    return ft.TextField(
        label=label,
        value=str(form.get(key, "")),
        on_change=lambda e: form.put(key, e.control.value or ""),
        on_blur=lambda _e: form.keep(),
        on_submit=lambda _e: form.keep(),
        keyboard_type=ft.KeyboardType.NUMBER if number else None,
        multiline=multiline,
        min_lines=2 if multiline else None,
        dense=True,
        data=data,
        width=width,
        expand=expand,
    )


def refuse(state: FundState, key: str, **params: Any) -> None:
    """Report a value the form cannot read, in the reader's words (the form keeps what was typed)."""
    state.app.report(FundMoveRefused(state.app.t(key, **params), reason="invalid_data", params={}))


def read_day(state: FundState, text: str) -> dt.date | None:
    day = parse_day(text)
    if day is None:
        refuse(state, "fund_bad_day", text=text or "—")
    return day


def read_int(state: FundState, text: str, *, required: bool = True) -> int | None:
    value = to_int(text)
    if value is None and (required or (text or "").strip()):
        refuse(state, "fund_bad_number", text=text or "—")
    return value


def pending_lines(state: FundState, application_id: str) -> list[ft.Control]:
    """The moves of this application still in the outbox, and the Fund's refusal of any, in the reader's words."""
    app = state.app
    out: list[ft.Control] = []
    for pending in state.pending(application_id):
        line = app.t("fund_pending", what=pending["type"])
        if pending["reason"]:
            code = str(pending["reason"]).split(":", 1)[0]
            refused = app.t("fund_refused", reason=reason_text(code, {}, app.lang))
            out.append(ft.Text(f"{line} — {refused}", style=Type.CAPTION, color=Tone.ERROR))
        else:
            out.append(caption(line))
    return out
