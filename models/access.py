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


def check_need_author(
    viewer: Viewer,
    *,
    stored: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    plant_orgs: Collection[str],
) -> None:
    """Raise ``WriteRefused`` unless ``viewer`` may write ``incoming`` over ``stored`` (None: a new need),
    leaving the status move aside (the server checks it after the version, ``check_move``).

    ``plant_orgs`` are the organisations that own the need's plant: its GEM owner and parent entity
    ids, and the ids the names table merged into them. A member raises needs only for plants their
    organisation owns and only in their organisation's name, and edits only their organisation's
    needs (``producer_org`` is fixed when the need is raised, so a later atlas release that changes the
    plant's owners does not take the need from them); an admin writes any need; nobody else writes needs.
    """
    if viewer.role not in (Role.MEMBER, Role.ADMIN):
        raise WriteRefused("role_may_not_write", f"a {viewer.role.value} account does not write needs")
    if viewer.role is Role.MEMBER:
        if viewer.org_id is None:
            raise WriteRefused("no_organisation", "this account belongs to no producer")
        for record in (stored, incoming):
            if record is not None and record.get("producer_org") != viewer.org_id:
                raise WriteRefused("not_your_organisation", "the need belongs to another organisation")
        if stored is None and viewer.org_id not in plant_orgs:
            raise WriteRefused("plant_not_owned", f"the plant {incoming.get('plant_id')} is not your organisation's")
    if stored is not None and stored.get("plant_id") != incoming.get("plant_id"):
        raise WriteRefused("plant_changed", "a need stays with the plant it was raised for")


def check_need_write(
    viewer: Viewer,
    *,
    stored: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    plant_orgs: Collection[str],
) -> None:
    """``check_need_author`` and the status move: the whole rule for writing a need (the app checks a
    form with it before queueing; the server checks the move after the versions, see
    docs/sync-protocol.md)."""
    check_need_author(viewer, stored=stored, incoming=incoming, plant_orgs=plant_orgs)
    check_need_status(stored, incoming)


def check_need_status(stored: Mapping[str, Any] | None, incoming: Mapping[str, Any]) -> None:
    """Raise ``WriteRefused`` (``status_move_not_allowed``) unless the status moves as the workflow allows."""
    current = NeedStatus(stored["status"]) if stored is not None else None
    try:
        check_move(current, NeedStatus(incoming["status"]))
    except ValueError as error:
        raise WriteRefused("status_move_not_allowed", str(error)) from None


def check_delete(viewer: Viewer, collection: str) -> None:
    """Only the association's admins delete shared records: a need is closed and an answer withdrawn
    instead, so their history stays."""
    if viewer.role is Role.ADMIN:
        return
    if collection == "needs" and viewer.role is Role.MEMBER:
        raise WriteRefused("delete_not_allowed", "a need is closed, not deleted (its history stays)")
    if collection == "answers" and viewer.role is Role.SUPPLIER:
        raise WriteRefused("delete_not_allowed", "an answer is withdrawn (offer: withdrawn), not deleted")
    raise WriteRefused("role_may_not_write", f"a {viewer.role.value} account does not delete {collection}")


def check_answer_write(
    viewer: Viewer,
    *,
    need: Mapping[str, Any] | None,
    stored: Mapping[str, Any] | None,
    side: str,
    supplier_id: str | None = None,
) -> None:
    """Raise ``WriteRefused`` unless ``viewer`` may write its ``side`` of an answer ("offer": the
    supplier's offer and note; "reply": the producer's reply) to an answer of ``need``.

    ``supplier_id`` is the supplier the answer is from (the second half of its id): a supplier answers
    only in its own name."""
    if need is None or not need_visible(viewer, need):
        raise WriteRefused("no_such_need", "the need does not exist or is not visible to you")
    if side == "offer":
        if viewer.role is not Role.SUPPLIER or viewer.org_id is None:
            raise WriteRefused("role_may_not_write", "only a supplier answers a need")
        for owner in (supplier_id, stored.get("supplier_id") if stored is not None else None):
            if owner is not None and owner != viewer.org_id:
                raise WriteRefused("not_your_organisation", "the answer belongs to another supplier")
        if need.get("status") not in _PUBLIC or need.get("status") == NeedStatus.CLOSED.value:
            raise WriteRefused("need_not_open_for_answers", "the need is not published or is closed")
        return
    if side == "reply":
        if viewer.role not in (Role.MEMBER, Role.ADMIN):
            raise WriteRefused("role_may_not_write", f"a {viewer.role.value} account does not reply to answers")
        if viewer.role is Role.MEMBER and need.get("producer_org") != viewer.org_id:
            raise WriteRefused("not_your_organisation", "only the need's producer replies to its answers")
        if stored is None:
            raise WriteRefused("no_such_answer", "there is no answer to reply to")
        return
    raise ValueError(f"unknown side {side!r}")


#: Every reason code a refused write of a shared record carries (the push answer's ``rejected`` reason
#: starts with one); the app has words for each (docs/sync-protocol.md, shared collections).
REFUSAL_CODES: tuple[str, ...] = (
    "role_may_not_write",
    "no_organisation",
    "not_your_organisation",
    "plant_not_owned",
    "no_such_plant",
    "plant_changed",
    "fixed_field",
    "status_move_not_allowed",
    "delete_not_allowed",
    "no_such_need",
    "need_not_open_for_answers",
    "no_such_answer",
)
