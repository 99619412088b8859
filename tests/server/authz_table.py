"""Who may read and write the shared collections, as data: what the real server must answer each actor
for each operation. ``test_server_authz.py`` runs every cell against a live server; ``markdown()``
renders the table that docs/sync-protocol.md shows (a test keeps the two equal), and the hardening
work renders docs/security.md from the same rows.

``python -m tests.server.authz_table`` prints the table.

Outcomes: ``applied``; ``rejected:<code>`` (the push answer's reason code, models/access.py); ``sees`` /
``hidden`` for reads (a hidden record is left out of a snapshot and sent as a tombstone after one);
``401`` for a request without a valid token.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.needs import STATUS_ORDER, TRANSITIONS

#: The accounts the table is about. "A" owns the plant the needs are raised for; "B" is another
#: producer; X and Y are suppliers; the answer in the table is X's.
ACTORS: dict[str, str] = {
    "anonymous": "no token",
    "producer_member": "member of A (owns the plant)",
    "other_member": "member of B (another producer)",
    "member_no_org": "member without an organisation",
    "supplier_x": "supplier X",
    "supplier_y": "supplier Y",
    "field_staff": "field staff",
    "admin": "admin",
}

APPLIED = "applied"
SEES, HIDDEN = "sees", "hidden"
ROLE = "rejected:role_may_not_write"


@dataclass(frozen=True)
class Case:
    """One operation, and what every actor gets for it."""

    key: str  # what test_server_authz.py does (its OPERATIONS)
    collection: str
    title: str  # the table's words
    expected: dict[str, str]
    #: status moves: the (from, to) pairs the row stands for (the test runs each)
    moves: tuple[tuple[str, str], ...] = field(default=())


def outcomes(default: str, **overrides: str) -> dict[str, str]:
    """Every actor's outcome: ``default`` but where overridden; anonymous callers always get 401."""
    unknown = set(overrides) - set(ACTORS)
    assert not unknown, unknown
    return {actor: "401" if actor == "anonymous" else overrides.get(actor, default) for actor in ACTORS}


#: What a need write gets from each actor when the workflow is not the question.
NEED_WRITE = outcomes(
    ROLE,
    producer_member=APPLIED,
    admin=APPLIED,
    other_member="rejected:not_your_organisation",
    member_no_org="rejected:no_organisation",
)

ALLOWED_MOVES = tuple((a.value, b.value) for a in STATUS_ORDER for b in STATUS_ORDER if b in TRANSITIONS[a])
REFUSED_MOVES = tuple(
    (a.value, b.value) for a in STATUS_ORDER for b in STATUS_ORDER if a != b and b not in TRANSITIONS[a]
)

CASES: tuple[Case, ...] = (
    # ---- needs ------------------------------------------------------------------------------------
    Case(
        "read_open_need",
        "needs",
        "read A's open need",
        outcomes(HIDDEN, producer_member=SEES, admin=SEES),
    ),
    Case("read_published_need", "needs", "read A's published need", outcomes(SEES)),
    Case("create_need", "needs", "raise a need for A's plant in A's name (open)", NEED_WRITE),
    Case("create_published_need", "needs", "raise a need for A's plant in A's name, published at once", NEED_WRITE),
    Case(
        "create_need_own_name",
        "needs",
        "raise a need for A's plant in one's own producer's name",
        NEED_WRITE | {"other_member": "rejected:plant_not_owned"},
    ),
    Case("update_open_need", "needs", "edit A's open need (fields)", NEED_WRITE),
    Case("update_published_need", "needs", "edit A's published need (fields)", NEED_WRITE),
    Case(
        "change_plant",
        "needs",
        "move A's need to another plant of A",
        NEED_WRITE | {"producer_member": "rejected:plant_changed", "admin": "rejected:plant_changed"},
    ),
    Case(
        "delete_need",
        "needs",
        "delete A's need",
        outcomes(
            ROLE,
            admin=APPLIED,
            producer_member="rejected:delete_not_allowed",
            other_member="rejected:delete_not_allowed",
            member_no_org="rejected:delete_not_allowed",
        ),
    ),
    *(Case("move", "needs", f"move A's need {a} → {b}", NEED_WRITE, moves=((a, b),)) for a, b in ALLOWED_MOVES),
    Case(
        "move",
        "needs",
        f"any move the workflow does not allow ({len(REFUSED_MOVES)} moves, e.g. published → trial)",
        NEED_WRITE
        | {"producer_member": "rejected:status_move_not_allowed", "admin": "rejected:status_move_not_allowed"},
        moves=REFUSED_MOVES,
    ),
    # ---- answers ----------------------------------------------------------------------------------
    Case(
        "read_answer",
        "answers",
        "read X's answer to A's need",
        outcomes(HIDDEN, producer_member=SEES, supplier_x=SEES, admin=SEES),
    ),
    Case(
        "offer_own",
        "answers",
        "answer A's published need in one's own supplier's name",
        outcomes(ROLE, supplier_x=APPLIED, supplier_y=APPLIED),
    ),
    Case(
        "offer_as_x",
        "answers",
        "answer A's published need in X's name (`<need>:X`)",
        outcomes(ROLE, supplier_x=APPLIED, supplier_y="rejected:not_your_organisation"),
    ),
    Case(
        "offer_open_need",
        "answers",
        "answer A's open need",
        outcomes(
            "rejected:no_such_need",
            producer_member=ROLE,
            admin=ROLE,
        ),
    ),
    Case(
        "offer_closed_need",
        "answers",
        "answer A's closed need",
        outcomes(
            ROLE,
            supplier_x="rejected:need_not_open_for_answers",
            supplier_y="rejected:need_not_open_for_answers",
        ),
    ),
    Case(
        "edit_offer",
        "answers",
        "edit X's offer (note, or withdraw it)",
        outcomes(ROLE, supplier_x=APPLIED, supplier_y="rejected:not_your_organisation"),
    ),
    Case(
        "reply",
        "answers",
        "reply to X's answer",
        outcomes(
            ROLE,
            producer_member=APPLIED,
            admin=APPLIED,
            other_member="rejected:not_your_organisation",
            member_no_org="rejected:not_your_organisation",
        ),
    ),
    Case(
        "reply_missing",
        "answers",
        "reply where no answer exists",
        outcomes(
            ROLE,
            producer_member="rejected:no_such_answer",
            admin="rejected:no_such_answer",
            other_member="rejected:not_your_organisation",
            member_no_org="rejected:not_your_organisation",
        ),
    ),
    Case(
        "delete_answer",
        "answers",
        "delete X's answer",
        outcomes(
            ROLE,
            admin=APPLIED,
            supplier_x="rejected:delete_not_allowed",
            supplier_y="rejected:delete_not_allowed",
        ),
    ),
)


def _cell(outcome: str) -> str:
    if outcome in (APPLIED, SEES):
        return "✓"
    if outcome == HIDDEN:
        return "—"
    if outcome == "401":
        return "401"
    return f"`{outcome.split(':', 1)[1]}`"


def markdown() -> str:
    """The table as docs/sync-protocol.md shows it: ✓ allowed or seen, — not seen, else the reason code."""
    head = ["collection", "operation", *ACTORS.values()]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for case in CASES:
        cells = [f"`{case.collection}`", case.title, *(_cell(case.expected[a]) for a in ACTORS)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
