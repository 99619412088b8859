"""Who may see and write shared records (needs, answers): the pure rules the server enforces.

The rules read raw record data (the JSON dicts the server stores and the feed serves), so the
server can apply them to every row of a page without building models, and the app can apply the
same rules to its own cache. The authorisation table in docs/sync-protocol.md is these functions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from models.needs import PUBLIC_STATUSES, NeedStatus, check_move
from models.orgs import Role, Viewer

_PUBLIC = frozenset(s.value for s in PUBLIC_STATUSES)


def need_visible(viewer: Viewer, need: Mapping[str, Any]) -> bool:
    """Everyone signed in sees published needs (published or any later status); a producer's members
    also see their own organisation's open needs; the association's admins see every need."""
    if need.get("status") in _PUBLIC:
        return True
    if viewer.role is Role.ADMIN:
        return True
    return viewer.role is Role.MEMBER and viewer.org_id is not None and need.get("producer_org") == viewer.org_id


def answer_visible(viewer: Viewer, answer: Mapping[str, Any]) -> bool:
    """An answer is seen by the supplier that gave it, the producer whose need it answers, and admins —
    never by other suppliers (they compete) nor by other producers."""
    if viewer.role is Role.ADMIN:
        return True
    if viewer.org_id is None:
        return False
    if viewer.role is Role.SUPPLIER:
        return answer.get("supplier_id") == viewer.org_id
    if viewer.role is Role.MEMBER:
        return answer.get("producer_org") == viewer.org_id
    return False


#: Shared collections and the rule deciding who sees each record.
VISIBILITY = {"needs": need_visible, "answers": answer_visible}


class WriteRefused(Exception):
    """A write the rules do not allow; ``code`` is stable (the push answer's ``rejected`` reason)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def check_need_write(
    viewer: Viewer,
    *,
    stored: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    plant_orgs: Collection[str],
) -> None:
    """Raise ``WriteRefused`` unless ``viewer`` may store ``incoming`` over ``stored`` (None: a new need).

    ``plant_orgs`` are the GEM owner and parent entity ids of the need's plant. A member writes needs
    only for plants their organisation owns and only in their organisation's name; an admin writes
    any need; nobody else writes needs. The status moves as the workflow allows.
    """
    if viewer.role not in (Role.MEMBER, Role.ADMIN):
        raise WriteRefused("role_may_not_write", f"a {viewer.role.value} account does not write needs")
    if viewer.role is Role.MEMBER:
        if viewer.org_id is None:
            raise WriteRefused("no_organisation", "this account belongs to no producer")
        for record in (stored, incoming):
            if record is not None and record.get("producer_org") != viewer.org_id:
                raise WriteRefused("not_your_organisation", "the need belongs to another organisation")
        if viewer.org_id not in plant_orgs:
            raise WriteRefused("plant_not_owned", f"the plant {incoming.get('plant_id')} is not your organisation's")
    if stored is not None and stored.get("plant_id") != incoming.get("plant_id"):
        raise WriteRefused("plant_changed", "a need stays with the plant it was raised for")
    current = NeedStatus(stored["status"]) if stored is not None else None
    try:
        check_move(current, NeedStatus(incoming["status"]))
    except ValueError as error:
        raise WriteRefused("status_move_not_allowed", str(error)) from None


def check_answer_write(
    viewer: Viewer, *, need: Mapping[str, Any] | None, stored: Mapping[str, Any] | None, side: str
) -> None:
    """Raise ``WriteRefused`` unless ``viewer`` may write its ``side`` of an answer ("offer": the
    supplier's offer and note; "reply": the producer's reply) to an answer of ``need``."""
    if need is None or not need_visible(viewer, need):
        raise WriteRefused("no_such_need", "the need does not exist or is not visible to you")
    if side == "offer":
        if viewer.role is not Role.SUPPLIER or viewer.org_id is None:
            raise WriteRefused("role_may_not_write", "only a supplier answers a need")
        if need.get("status") not in _PUBLIC or need.get("status") == NeedStatus.CLOSED.value:
            raise WriteRefused("need_not_open_for_answers", "the need is not published or is closed")
        if stored is not None and stored.get("supplier_id") != viewer.org_id:
            raise WriteRefused("not_your_organisation", "the answer belongs to another supplier")
        return
    if side == "reply":
        if viewer.role is Role.ADMIN:
            return
        if viewer.role is not Role.MEMBER or need.get("producer_org") != viewer.org_id:
            raise WriteRefused("not_your_organisation", "only the need's producer replies to its answers")
        if stored is None:
            raise WriteRefused("no_such_answer", "there is no answer to reply to")
        return
    raise ValueError(f"unknown side {side!r}")
