"""A need as it is being typed: every field as text (so nothing typed is ever refused or lost), what it will be
when saved, and what is wrong with it in the member's language."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from models.atlas import Asset
from models.needs import Need, NeedStatus, new_need_id
from sync.registers import parse_date, parse_number
from views.shell import i18n

if TYPE_CHECKING:
    from views.needs.state import NeedsState

NONE = "none"
#: The fields a member writes (the rest: id, producer, status, origin are set here or by the server).
TEXT_FIELDS = ("item_fa", "item_en", "oem", "part_number", "summary_fa", "summary_en")


@dataclass(frozen=True)
class NeedDraft:
    """The form's values, as typed."""

    plant_id: str = ""
    item_fa: str = ""
    item_en: str = ""
    category: str = ""
    oem: str = ""
    part_number: str = ""
    summary_fa: str = ""
    summary_en: str = ""
    annual_qty: str = ""
    unit: str = ""
    annual_fx_eur: str = ""
    origin_country: str = ""
    criticality: str = "B"
    deadline: str = ""
    publish: bool = True

    @classmethod
    def start(
        cls, stored: Need | None, plant_id: str | None, plants: Sequence[Asset], lang: i18n.Lang = "en"
    ) -> NeedDraft:
        """A new need (for ``plant_id`` when it is one of ``plants``; the only one when there is one), or ``stored``
        as a member of ``lang`` would have typed it: Persian digits and a Jalali deadline on a Persian form."""
        if stored is None:
            ids = [p.id for p in plants]
            chosen = plant_id if plant_id in ids else ids[0] if len(ids) == 1 else ""
            return cls(plant_id=chosen)

        def number(value: float | None) -> str:
            if value is None:
                return ""
            text = str(int(value)) if float(value).is_integer() else str(value)
            return i18n.digits(text.replace(".", "\u066b"), lang) if lang == "fa" else text

        return cls(
            plant_id=stored.plant_id,
            **{name: getattr(stored, name) or "" for name in TEXT_FIELDS},
            category=stored.category,
            annual_qty=number(stored.annual_qty),
            unit=stored.unit.value if stored.unit else "",
            annual_fx_eur=number(stored.annual_fx_eur),
            origin_country=stored.origin_country or "",
            criticality=stored.criticality.value,
            deadline=(i18n.date(stored.deadline, "fa") if lang == "fa" else stored.deadline.isoformat())
            if stored.deadline
            else "",
            publish=stored.status is not NeedStatus.OPEN,
        )

    def with_value(self, name: str, value: Any) -> NeedDraft:
        if name in ("unit", "origin_country", "category", "plant_id") and value == NONE:
            value = ""
        return dataclasses.replace(self, **{name: value})

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, raw: Any) -> NeedDraft | None:
        if not isinstance(raw, dict):
            return None
        known = {f.name for f in dataclasses.fields(cls)}
        try:
            return cls(**{k: v for k, v in raw.items() if k in known})
        except TypeError:
            return None

    def deadline_date(self) -> dt.date | None:
        """The deadline typed, Jalali (۱۴۰۶/۰۲/۰۱) or Gregorian (2027-04-21), in either digits; None if none or bad."""
        if not self.deadline.strip():
            return None
        try:
            return parse_date(self.deadline)
        except ValueError:
            return None

    def deadline_words(self, lang: str) -> str:
        """What the typed deadline was read as, in both calendars, so the member sees it before saving."""
        day = self.deadline_date()
        if day is None:
            return ""
        return i18n.t("need_form_deadline_read", lang, date=i18n.date(day, lang, with_gregorian=True))  # type: ignore[arg-type]

    def data(self, *, need_id: str, producer_org: str, stored: Need | None) -> dict[str, Any]:
        """The need as it will be queued (the JSON ``Need`` takes); raises ValueError for an unreadable number or
        date (``draft_problems`` says which first)."""
        qty = parse_number(self.annual_qty) if self.annual_qty.strip() else None
        spend = parse_number(self.annual_fx_eur) if self.annual_fx_eur.strip() else None
        base = stored.model_dump(mode="json") if stored is not None else {"origin": "app", "demo": False}
        status = (
            stored.status.value
            if stored is not None
            else (NeedStatus.PUBLISHED.value if self.publish else NeedStatus.OPEN.value)
        )
        return {
            **base,
            "id": need_id,
            "plant_id": self.plant_id,
            "producer_org": stored.producer_org if stored is not None else producer_org,
            **{name: (getattr(self, name).strip() or None) for name in TEXT_FIELDS},
            "category": self.category,
            "annual_qty": qty,
            "unit": self.unit or None,
            "annual_fx_eur": spend,
            "origin_country": self.origin_country or None,
            "criticality": self.criticality,
            "deadline": self.deadline_date().isoformat() if self.deadline_date() else None,
            "status": status,
        }


def draft_problems(draft: NeedDraft, state: NeedsState, stored: Need | None) -> dict[str, str]:
    """Field → what is wrong with it, in the member's language (empty when the need can be queued)."""
    app = state.app
    t = app.t
    found: dict[str, str] = {}
    if not draft.plant_id:
        found["plant_id"] = t("need_form_need_plant")
    if not draft.item_fa.strip():
        found["item_fa"] = t("need_form_need_item")
    if not draft.category:
        found["category"] = t("need_form_need_category")
    for name in ("annual_qty", "annual_fx_eur"):
        text = getattr(draft, name).strip()
        if text:
            try:
                number = parse_number(text)
            except ValueError:
                found[name] = t("need_form_not_a_number")
                continue
            if number < 0 or (name == "annual_qty" and number == 0):
                found[name] = t("need_form_positive")
    if draft.annual_qty.strip() and not draft.unit:
        found["unit"] = t("need_form_need_unit")
    if draft.deadline.strip() and draft.deadline_date() is None:
        found["deadline"] = t("need_form_not_a_date")
    if found:
        return found
    who = app.who
    producer = (who.org_id if who is not None else None) or ""
    data = draft.data(need_id=stored.id if stored else new_need_id(), producer_org=producer, stored=stored)
    try:
        Need.model_validate(data)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            name = str(problem["loc"][0]) if problem["loc"] else "form"
            # pydantic says what is wrong in English: a Persian form says it without that English sentence
            key = i18n.with_detail("need_form_invalid", str(problem["msg"]), app.lang)
            found[name if name in draft.to_json() else "form"] = t(key, detail=problem["msg"])
    if not found:
        refusal = state.write_refusal(data, stored)
        if refusal is not None:
            found["form"] = refusal
    return found
