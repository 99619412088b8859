"""A Fund world on a real server: the directory, a plant, a need, programmes and calls, accounts of every role,
and a client that brings an application to any state by pushing the moves the people concerned make.

Calls are dated around the server's real clock (the server decides deadlines by its own clock, which a
test cannot move): ``FC-T1`` is open for a month, ``FC-T-LATE`` closed yesterday and its grace is over.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from models.atlas import GeoPoint, OwnerShare, Place
from models.fund_applications import content_json, seal
from models.fund_programmes import TEHRAN
from tests.fund_factories import (
    BN,
    LAB_PHOTOS,
    OTHER_SUPPLIER_ID,
    PLANT_ID,
    PRODUCER,
    PROPOSAL,
    SUPPLIER_ID,
    make_call,
    make_content,
    make_need,
    make_programme,
    make_supplier,
)
from tests.server.helpers import PASSWORD, Api, import_reference, make_plant
from tests.support.live_server import LiveServer

PLANT = make_plant(
    1,
    id=PLANT_ID,
    owners=(OwnerShare(name="Test Steel Co", gem_id=PRODUCER),),
    place=Place(point=GeoPoint(lat=32.6, lon=51.6)),
)

#: Every account of the world: the key the tables use → (username, role, organisation).
ACCOUNTS: dict[str, tuple[str, str, str | None]] = {
    "applicant": ("sepahan1", "supplier", SUPPLIER_ID),
    "other_supplier": ("rival1", "supplier", OTHER_SUPPLIER_ID),
    "member": ("msc1", "member", PRODUCER),
    "field_staff": ("auditor1", "field_staff", None),
    "officer": ("officer1", "fund_officer", None),
    "admin": ("admin1", "admin", None),
    "reviewer": ("rev_a", "reviewer", None),  # the reviewer assigned to the application
    "other_reviewer": ("rev_c", "reviewer", None),  # a reviewer the application was not given to
    "second_reviewer": ("rev_b", "reviewer", None),
}
ROLES_IN_TABLE = ("applicant", "other_supplier", "member", "field_staff", "officer", "admin", "reviewer",
                  "other_reviewer")  # fmt: skip


def now_tehran() -> dt.datetime:
    return dt.datetime.now(TEHRAN)


def seed_world(server: LiveServer) -> None:
    """Everything the Fund's moves read: the atlas plant, two suppliers, a need, programmes and calls, accounts."""
    from server.db import Database
    from server.fund_import import fund_datasets
    from server.importing import import_datasets

    now = now_tehran()
    import_reference(server.db_url, plants=[PLANT])
    programme = make_programme()
    open_call = make_call(
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=30),
        max_applications_per_supplier=100,
        required_documents=(PROPOSAL, LAB_PHOTOS),
    )
    late_call = make_call(
        id="FC-T-LATE",
        opens_at=now - dt.timedelta(days=40),
        closes_at=now - dt.timedelta(days=1),
        grace_minutes=60,
        max_applications_per_supplier=100,
    )
    need = make_need()
    database = Database(server.db_url)
    try:
        import_datasets(
            database,
            datasets={
                "suppliers": {
                    SUPPLIER_ID: make_supplier().model_dump(mode="json"),
                    OTHER_SUPPLIER_ID: make_supplier(OTHER_SUPPLIER_ID, name_fa="ریخته‌گری رقیب").model_dump(
                        mode="json"
                    ),
                },
                "needs": {need.id: need.model_dump(mode="json")},
                **fund_datasets([programme], [open_call, late_call]),
            },
            source="tests",
            imported_by="tests",
            retention_days=90,
        )
    finally:
        database.dispose()
    create_accounts(server.db_url, ACCOUNTS.values())


def create_accounts(db_url: str, accounts: Iterable[tuple[str, str, str | None]]) -> None:
    """The accounts, made as ``create-user`` makes them but in this process (one CLI start per account
    would cost seconds each; tests/server/test_server_cli.py covers the command itself)."""
    from server.accounts import create_user
    from server.config import Settings
    from server.db import Database

    database = Database(db_url)
    try:
        for username, role, org in accounts:
            create_user(
                database, username=username, role=role, password=PASSWORD, settings=Settings(db=db_url), org_id=org
            )
    finally:
        database.dispose()


class FundDesk:
    """Signed-in clients of every account, and the moves that bring an application to a state."""

    def __init__(self, server: LiveServer, make_api: Callable[[], Api]) -> None:
        self.server = server
        self.apis: dict[str, Api] = {}
        for key, (username, _role, _org) in ACCOUNTS.items():
            api = make_api()
            api.sign_in(username)
            self.apis[key] = api

    def move(self, who: str, event_type: str, application_id: str, **fields: Any) -> dict[str, Any]:
        """Push one event as ``who``; the op's result (``status``, ``version`` or ``reason``)."""
        api = self.apis[who]
        data = {"type": event_type, "application_id": application_id, **fields}
        answer = api.push(api.op("fund_events", str(uuid.uuid4()), data))
        return dict(answer["results"][0])

    def ok(self, who: str, event_type: str, application_id: str, **fields: Any) -> dict[str, Any]:
        result = self.move(who, event_type, application_id, **fields)
        assert result["status"] == "applied", (who, event_type, result)
        return result

    def submit(
        self,
        application_id: str | None = None,
        *,
        who: str = "applicant",
        call_id: str = "FC-T1",
        sealed_at: dt.datetime | None = None,
        revision: int = 1,
        **content: Any,
    ) -> tuple[str, dict[str, Any]]:
        application_id = application_id or str(uuid.uuid4())
        made = make_content(call_id=call_id, **content)
        fields = {
            "seal": seal(made, revision, sealed_at or now_tehran()).model_dump(mode="json"),
            "content": content_json(made),
        }
        return application_id, self.move(who, "submit", application_id, **fields)

    # ---- bringing an application to a state -------------------------------------------------------------
    def application_in(self, state: str) -> str:
        """A new application of ``applicant`` in ``state`` (one of ``STATES``)."""
        return STATES[state](self)

    def read(self, who: str, collection: str = "fund_applications") -> dict[str, dict[str, Any] | None]:
        """What ``who`` holds of ``collection`` after pulling it all: id → data (None for a tombstone)."""
        items, _cursor = self.apis[who].pull_all(collection)
        return {i["id"]: i["data"] for i in items}

    def close(self) -> None:
        for api in self.apis.values():
            api.close()


def _submitted(desk: FundDesk) -> str:
    app_id, result = desk.submit()
    assert result["status"] == "applied", result
    return app_id


def _late(desk: FundDesk) -> str:
    closes = now_tehran() - dt.timedelta(days=1)
    app_id, result = desk.submit(call_id="FC-T-LATE", sealed_at=closes - dt.timedelta(hours=2))
    assert result["status"] == "applied", result
    return app_id


def _screening(desk: FundDesk) -> str:
    app_id = _submitted(desk)
    desk.ok("officer", "start_screening", app_id)
    return app_id


def _eligible(desk: FundDesk) -> str:
    app_id = _screening(desk)
    desk.ok("officer", "screen", app_id, outcome="eligible")
    return app_id


def _under_review(desk: FundDesk) -> str:
    app_id = _eligible(desk)
    desk.ok("officer", "assign_reviewers", app_id, reviewers=["rev_a", "rev_b"])
    return app_id


def _declared(desk: FundDesk) -> str:
    app_id = _under_review(desk)
    desk.ok("reviewer", "declare_conflict", app_id, conflict=False)
    desk.ok("second_reviewer", "declare_conflict", app_id, conflict=False)
    return app_id


SCORES = {"technical": 4, "market": 4, "fx_impact": 4}


def _reviewed(desk: FundDesk) -> str:
    app_id = _declared(desk)
    for who, note in (("reviewer", "روش آزمون روشن است"), ("second_reviewer", "بازار قوی است")):
        desk.ok(who, "review", app_id, scores=SCORES, note_to_applicant=note, private_note=f"private of {who}")
    return app_id


def _committee(desk: FundDesk) -> str:
    app_id = _reviewed(desk)
    desk.ok("officer", "apply_thresholds", app_id)
    return app_id


def _approved(desk: FundDesk) -> str:
    app_id = _committee(desk)
    desk.ok("officer", "decide", app_id, outcome="approved", minutes="صورتجلسه ۱۲", amount_irr=8 * BN)
    return app_id


AGREEMENT: dict[str, Any] = {
    "contract_no": "SF-C-1",
    "amount_irr": 8 * BN,
    "rate_pct": 14,
    "term_months": 24,
    "start_date": "2027-01-15",
    "signed_on": "2027-01-10",
    "milestones": [
        {"id": "m1", "title": "نمونه صنعتی", "deliverable": "۱۰ تن", "due_date": "2027-07-15", "tranche_irr": 3 * BN},
        {"id": "m2", "title": "آزمون", "deliverable": "گزارش", "due_date": "2028-01-15", "tranche_irr": 5 * BN},
    ],
}
EVIDENCE = [
    {"document": "proposal", "sha256": "c" * 64, "file_name": "report.pdf", "mime": "application/pdf", "bytes": 1000}
]


def _active(desk: FundDesk) -> str:
    app_id = _approved(desk)
    desk.ok("officer", "sign_agreement", app_id, **AGREEMENT)
    return app_id


def _evidence_sent(desk: FundDesk) -> str:
    app_id = _active(desk)
    desk.ok("applicant", "milestone_evidence", app_id, milestone_id="m1", attachments=EVIDENCE)
    return app_id


def _milestone_accepted(desk: FundDesk) -> str:
    app_id = _evidence_sent(desk)
    desk.ok("officer", "review_milestone", app_id, milestone_id="m1", accept=True)
    return app_id


STATES: dict[str, Callable[[FundDesk], str]] = {
    "submitted": _submitted,
    "late": _late,
    "screening": _screening,
    "eligible": _eligible,
    "under_review": _under_review,
    "declared": _declared,
    "reviewed": _reviewed,
    "committee": _committee,
    "approved": _approved,
    "active": _active,
    "evidence_sent": _evidence_sent,
    "milestone_accepted": _milestone_accepted,
}
