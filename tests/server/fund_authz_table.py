"""Who may make which Fund move, as data: every event × every role, and the moves from the wrong state.

Each cell is what the server must answer when that account pushes that event for an application in that
state: ``applied``, or the ``rejected`` reason's code. The answers are written here by hand from the rules
in docs/fund.md — never derived from the code under test — and ``test_server_fund_authz.py`` runs every
cell against a real server. The hardening work generates docs/security.md from tables like this one.

Roles (tests/server/fund_world.py, ``ACCOUNTS``): ``applicant`` (an account of the supplier that applied),
``other_supplier`` (another supplier's), ``member`` (a producer's), ``field_staff``, ``officer``
(fund_officer), ``admin``, ``reviewer`` (assigned to the application once it is under review),
``other_reviewer`` (a reviewer it was never given to).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.fund_factories import BN
from tests.server.fund_world import AGREEMENT, EVIDENCE, SCORES

APPLIED = "applied"
NOT_ACTOR = "role_may_not_act"  # the account's role never makes this move, or not on this application
UNSEEN = "no_such_application"  # the account may not see the application (answered as if it did not exist)


@dataclass(frozen=True)
class Move:
    """One event pushed for an application in ``state``, and the answer each role gets."""

    event: str
    state: str  # a key of fund_world.STATES; "new" for a first submission
    payload: dict[str, Any]
    answers: dict[str, str] = field(default_factory=dict)


def _officers(assigned: bool) -> dict[str, str]:
    """A move only the Fund's staff make: the applicant and an assigned reviewer see the application and are
    refused the move; everyone else is told there is no such application, or that their role never moves."""
    return {
        "applicant": NOT_ACTOR,
        "other_supplier": UNSEEN,
        "member": NOT_ACTOR,
        "field_staff": NOT_ACTOR,
        "officer": APPLIED,
        "admin": APPLIED,
        "reviewer": NOT_ACTOR if assigned else UNSEEN,
        "other_reviewer": UNSEEN,
    }


def _applicants(assigned: bool) -> dict[str, str]:
    return {
        "applicant": APPLIED,
        "other_supplier": UNSEEN,
        "member": NOT_ACTOR,
        "field_staff": NOT_ACTOR,
        "officer": NOT_ACTOR,
        "admin": NOT_ACTOR,
        "reviewer": NOT_ACTOR if assigned else UNSEEN,
        "other_reviewer": UNSEEN,
    }


REVIEWERS_ONLY = {
    "applicant": NOT_ACTOR,
    "other_supplier": UNSEEN,
    "member": NOT_ACTOR,
    "field_staff": NOT_ACTOR,
    "officer": NOT_ACTOR,
    "admin": NOT_ACTOR,
    "reviewer": APPLIED,
    "other_reviewer": UNSEEN,
}

#: Every event from the state it is made in, for every role.
# fmt: off
MOVES: list[Move] = [
    Move(
        "submit",
        "new",
        {},
        {
            "applicant": APPLIED,
            "other_supplier": "not_your_organisation",
            "member": NOT_ACTOR,
            "field_staff": NOT_ACTOR,
            "officer": NOT_ACTOR,
            "admin": NOT_ACTOR,
            "reviewer": NOT_ACTOR,
            "other_reviewer": NOT_ACTOR,
        },
    ),
    Move("withdraw", "submitted", {"note": "منصرف شدیم"}, _applicants(assigned=False)),
    Move("start_screening", "submitted", {}, _officers(assigned=False)),
    Move("screen", "screening", {"outcome": "eligible"}, _officers(assigned=False)),
    Move("judge_late", "late", {"accept": True}, _officers(assigned=False)),
    Move("assign_reviewers", "eligible", {"reviewers": ["rev_a", "rev_b"]}, _officers(assigned=False)),
    Move("declare_conflict", "under_review", {"conflict": False}, REVIEWERS_ONLY),
    Move("review", "declared", {"scores": SCORES, "note_to_applicant": "خوب"}, REVIEWERS_ONLY),
    Move("apply_thresholds", "reviewed", {}, _officers(assigned=True)),
    Move(
        "decide",
        "committee",
        {"outcome": "approved", "minutes": "صورتجلسه", "amount_irr": 8 * BN},
        _officers(assigned=True),
    ),
    Move("sign_agreement", "approved", AGREEMENT, _officers(assigned=True)),
    Move("milestone_evidence", "active", {"milestone_id": "m1", "attachments": EVIDENCE}, _applicants(assigned=True)),
    Move("review_milestone", "evidence_sent", {"milestone_id": "m1", "accept": True}, _officers(assigned=True)),
    Move(
        "disburse",
        "milestone_accepted",
        {"milestone_id": "m1", "amount_irr": BN, "paid_on": "2027-07-20"},
        _officers(assigned=True),
    ),
    Move("record_repayment", "active", {"amount_irr": BN, "paid_on": "2027-09-01"}, _officers(assigned=True)),
    Move("verify_fx", "active", {"verified_eur": 500_000, "verified_on": "2027-12-01"}, _officers(assigned=True)),
    Move("close", "active", {"outcome": "terminated"}, _officers(assigned=True)),
]
# fmt: on


@dataclass(frozen=True)
class Misplaced:
    """A move by the right role from a state it does not start from (or before its own conditions hold)."""

    event: str
    state: str
    who: str
    payload: dict[str, Any]
    answer: str


# fmt: off
MISPLACED: list[Misplaced] = [
    Misplaced("decide", "under_review", "officer", {"outcome": "rejected", "minutes": "m"}, "state_move_not_allowed"),
    Misplaced("sign_agreement", "committee", "officer", AGREEMENT, "state_move_not_allowed"),
    Misplaced("judge_late", "submitted", "officer", {"accept": True}, "state_move_not_allowed"),
    Misplaced("review", "committee", "reviewer", {"scores": SCORES}, "state_move_not_allowed"),
    Misplaced("withdraw", "active", "applicant", {}, "state_move_not_allowed"),
    Misplaced(
        "milestone_evidence",
        "approved",
        "applicant",
        {"milestone_id": "m1", "attachments": EVIDENCE},
        "state_move_not_allowed",
    ),
    Misplaced("review", "under_review", "reviewer", {"scores": SCORES}, "conflict_not_declared"),
    Misplaced("apply_thresholds", "declared", "officer", {}, "reviews_missing"),
    Misplaced(
        "disburse",
        "active",
        "officer",
        {"milestone_id": "m1", "amount_irr": BN, "paid_on": "2027-07-20"},
        "milestone_not_accepted",
    ),
    Misplaced(
        "record_repayment",
        "submitted",
        "officer",
        {"amount_irr": BN, "paid_on": "2027-09-01"},
        "state_move_not_allowed",
    ),
]
# fmt: on
