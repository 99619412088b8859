"""The authorisation matrix of issue 12 as data: every endpoint and collection × every actor × every action,
with what the real server must answer in each cell. ``test_authz_matrix.py`` runs every cell against a live
server; ``markdown()`` renders the table ``docs/security.md`` carries, together with the tables of the
shared collections and of the Fund kept beside their own tests, and a test keeps the document equal to it.

``python -m tests.hardening.authz_matrix`` rewrites the generated part of docs/security.md.

Outcomes: an HTTP status (``200``, ``204``, ``401``, ``404``); ``applied``; ``rejected:<code>`` (the push
answer's reason code); ``sees`` / ``hidden`` for a record another account owns; ``untouched``: the write went
to the caller's own records (user records are kept per owner) and the other account's record is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server import user_records as server_collections
from tests.hardening.world import ACTORS

APPLIED, SEES, HIDDEN, UNTOUCHED = "applied", "sees", "hidden", "untouched"
READ_ONLY = "rejected:read_only_collection"
# Which collections exist comes from the server, so that a collection added later is in the matrix at once
# (and a test fails until it is classified); what each actor gets is written here by hand, per kind.
REFERENCE: tuple[str, ...] = server_collections.REFERENCE_COLLECTIONS
USER: tuple[str, ...] = server_collections.USER_COLLECTIONS
SHARED: tuple[str, ...] = server_collections.SHARED_COLLECTIONS
WRITE_ONLY: tuple[str, ...] = getattr(server_collections, "WRITE_ONLY_COLLECTIONS", ())


@dataclass(frozen=True)
class Cell:
    """One row of the matrix: what ``action`` on ``target`` gets from each actor."""

    key: str  # what the test does (its RUNNERS)
    target: str  # the endpoint or collection
    action: str  # read, create, update, delete, sign in, …
    title: str  # the table's words
    expected: dict[str, str]
    collection: str | None = None  # the collection the runner acts on, when it takes one


def everyone(signed_in: str, anonymous: str = "401", **overrides: str) -> dict[str, str]:
    """Every actor's outcome: ``signed_in`` but where overridden; ``anonymous`` for the caller without a token."""
    unknown = set(overrides) - set(ACTORS)
    assert not unknown, unknown
    return {actor: anonymous if actor == "anonymous" else overrides.get(actor, signed_in) for actor in ACTORS}


ROWS: tuple[Cell, ...] = (
    Cell("ping", "GET ping", "read", "is this a Zanjireh API", everyone("200", anonymous="200")),
    Cell(
        "sign_in",
        "POST auth/token",
        "sign in",
        "sign in with one's own password (anonymous: a wrong one)",
        everyone("200"),
    ),
    Cell(
        "refresh",
        "POST auth/refresh",
        "refresh",
        "trade one's refresh token (anonymous: a made-up one)",
        everyone("200"),
    ),
    Cell("me", "GET me", "read", "who am I", everyone("200")),
    Cell("logout", "POST auth/logout", "sign out", "end one's sign-in", everyone("204")),
    *(
        Cell("read_reference", f"GET changes/{name}", "read", f"pull `{name}`", everyone("200"), name)
        for name in REFERENCE
    ),
    *(
        Cell(
            "write_reference", f"push {name}", "create / update / delete", f"write `{name}`", everyone(READ_ONLY), name
        )
        for name in REFERENCE
    ),
    *(
        Cell(
            "read_reference",
            f"GET changes/{name}",
            "read",
            f"pull `{name}` (which records each account sees: the tables below)",
            everyone("200"),
            name,
        )
        for name in SHARED
    ),
    *(
        Cell("read_reference", f"GET changes/{name}", "read", f"pull `{name}` (pushed only)", everyone("404"), name)
        for name in WRITE_ONLY
    ),
    Cell(
        "unknown_collection", "GET changes/{unknown}", "read", "pull a collection that does not exist", everyone("404")
    ),
    *(
        row
        for name in USER
        for row in (
            Cell("create_own", f"push {name}", "create", f"create one's own `{name}` record", everyone(APPLIED), name),
            Cell("read_own", f"GET changes/{name}", "read", f"pull one's own `{name}`", everyone(SEES), name),
            Cell("update_own", f"push {name}", "update", f"edit one's own `{name}` record", everyone(APPLIED), name),
            Cell("delete_own", f"push {name}", "delete", f"delete one's own `{name}` record", everyone(APPLIED), name),
            Cell(
                "read_other",
                f"GET changes/{name}",
                "read",
                f"pull member B's `{name}` record",
                everyone(HIDDEN, member_b=SEES),
                name,
            ),
            Cell(
                "update_other",
                f"push {name}",
                "update",
                f"write member B's `{name}` record (its id)",
                everyone(UNTOUCHED, member_b=APPLIED),
                name,
            ),
            Cell(
                "delete_other",
                f"push {name}",
                "delete",
                f"delete member B's `{name}` record (its id)",
                everyone(UNTOUCHED, member_b=APPLIED),
                name,
            ),
        )
    ),
)


def fund_markdown() -> str:
    """The Fund's table (``tests/server/fund_authz_table.py``) in the matrix's columns: its roles are ours by
    another name; member B and the caller without a token are not cases of that table."""
    from tests.server import fund_authz_table as fund

    ours = {
        "applicant": "supplier_x",
        "other_supplier": "supplier_y",
        "member": "member_a",
        "field_staff": "field_staff",
        "officer": "fund_officer",
        "admin": "admin",
        "reviewer": "reviewer_assigned",
        "other_reviewer": "reviewer_other",
    }
    theirs = {actor: role for role, actor in ours.items()}
    head = ["event pushed to `fund_events`", "application in state", *(w for w, _r, _o in ACTORS.values())]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def cell(answers: dict[str, str], actor: str) -> str:
        if actor == "anonymous":
            return "401"
        if actor not in theirs:
            return "not run"
        answer = answers.get(theirs[actor])
        return "not run" if answer is None else _cell(answer if answer == APPLIED else f"rejected:{answer}")

    for move in fund.MOVES:
        lines.append(
            "| " + " | ".join([f"`{move.event}`", move.state, *(cell(move.answers, a) for a in ACTORS)]) + " |"
        )
    for wrong in fund.MISPLACED:
        answers = {wrong.who: wrong.answer}
        lines.append(
            "| "
            + " | ".join([f"`{wrong.event}` (wrong state)", wrong.state, *(cell(answers, a) for a in ACTORS)])
            + " |"
        )
    return "\n".join(lines) + "\n"


def shared_markdown() -> str:
    """The needs' and answers' table (``tests/server/authz_table.py``, issue 8) in the matrix's columns: its
    producer A, producer B, suppliers X and Y, field staff and admin are ours; a member without an organisation
    is a row of its own there; the Fund's roles and the reviewers are not cases of that table."""
    from tests.server import authz_table as shared  # type: ignore[import-not-found, unused-ignore]

    theirs = {
        "anonymous": "anonymous",
        "member_a": "producer_member",
        "member_b": "other_member",
        "supplier_x": "supplier_x",
        "supplier_y": "supplier_y",
        "field_staff": "field_staff",
        "admin": "admin",
    }
    head = ["collection", "operation", *(w for w, _r, _o in ACTORS.values()), "member without an organisation"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for case in shared.CASES:
        cells = [_cell(case.expected[theirs[a]]) if a in theirs else "not run" for a in ACTORS]
        extra = _cell(case.expected.get("member_no_org", "not run"))
        lines.append("| " + " | ".join([f"`{case.collection}`", case.title, *cells, extra]) + " |")
    return "\n".join(lines) + "\n"


#: The tables kept beside the tests of the features they cover, rendered into docs/security.md after ours:
#: (heading, the module that holds and runs it, its renderer). Each is run by its own test on a live server.
FEATURE_TABLES: tuple[tuple[str, str, Any], ...] = (
    ("Needs and answers, record by record", "tests/server/test_server_authz.py", shared_markdown),
    ("The Fund's moves", "tests/server/test_server_fund_authz.py", fund_markdown),
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
BEGIN = "<!-- authorisation matrix: generated by python -m tests.hardening.authz_matrix; do not edit -->"
END = "<!-- end of the authorisation matrix -->"


def _cell(outcome: str) -> str:
    if outcome in (APPLIED, SEES):
        return "✓"
    if outcome == HIDDEN:
        return "—"
    if outcome == UNTOUCHED:
        return "own copy"
    if outcome.startswith("rejected:"):
        return f"`{outcome.split(':', 1)[1]}`"
    return outcome


def table() -> str:
    head = ["endpoint or collection", "action", "what", *(words for words, _role, _org in ACTORS.values())]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in ROWS:
        cells = [f"`{row.target}`", row.action, row.title, *(_cell(row.expected[actor]) for actor in ACTORS)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """The generated part of docs/security.md: the matrix, then each feature's table."""
    parts = [
        BEGIN,
        "",
        "✓ allowed (or seen); — not seen (left out of a snapshot, a tombstone after one); own copy: the write "
        "went to the caller's own records and member B's record is unchanged; `code`: the push answer's "
        "`rejected` reason; a number: the HTTP status. Every cell is run against a live server by "
        "`tests/hardening/test_authz_matrix.py`.",
        "",
        table(),
    ]
    for heading, runner, render in FEATURE_TABLES:
        parts += [f"### {heading}", "", f"Every cell but those marked *not run* is run by `{runner}`.", ""]
        parts.append(render())
    parts.append(END)
    return "\n".join(parts) + "\n"


def document_with_matrix(text: str) -> str:
    """``text`` (docs/security.md) with its generated part replaced by ``markdown()``."""
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[:start] + markdown() + text[end:]


if __name__ == "__main__":
    DOC.write_text(document_with_matrix(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {DOC}")
