"""Every Fund move × every role against a real server, from the table in fund_authz_table.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.fund_authz_table import APPLIED, MISPLACED, MOVES, Misplaced, Move
from tests.server.fund_world import ROLES_IN_TABLE, FundDesk, seed_world
from tests.server.helpers import Api
from tests.support.live_server import LiveServer, start_live_server


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fund_desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FundDesk]:
    """One seeded server per backend for the module: each cell works on applications of its own."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('fund-authz') / 'server.sqlite3'}"
        cluster = None
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database()
    server: LiveServer = start_live_server(url)
    seed_world(server)
    desk = FundDesk(server, lambda: Api(server.url))
    yield desk
    desk.close()
    server.close()
    if cluster is not None:
        cluster.drop_database(url)


def _answer(result: dict[str, object]) -> str:
    if result["status"] == "applied":
        return APPLIED
    assert result["status"] == "rejected", result
    return str(result["reason"]).split(":", 1)[0]


@pytest.mark.parametrize("move", MOVES, ids=[f"{m.event}-from-{m.state}" for m in MOVES])
def test_each_role_gets_the_answer_the_table_gives_for_each_move(fund_desk: FundDesk, move: Move) -> None:
    assert set(move.answers) == set(ROLES_IN_TABLE), "every role has an answer in the table"
    refused = [who for who, expected in move.answers.items() if expected != APPLIED]
    got: dict[str, str] = {}
    shared = None if move.state == "new" else fund_desk.application_in(move.state)
    for who in refused:  # refusals change nothing, so they share one application
        got[who] = _push(fund_desk, who, move, shared)
    for who in (w for w, expected in move.answers.items() if expected == APPLIED):
        fresh = None if move.state == "new" else fund_desk.application_in(move.state)
        got[who] = _push(fund_desk, who, move, fresh)
    assert got == move.answers


def _push(desk: FundDesk, who: str, move: Move, application_id: str | None) -> str:
    if move.event == "submit":
        _app, result = desk.submit(who=who)
        return _answer(result)
    assert application_id is not None
    return _answer(desk.move(who, move.event, application_id, **move.payload))


@pytest.mark.parametrize("case", MISPLACED, ids=[f"{c.event}-from-{c.state}" for c in MISPLACED])
def test_a_move_from_the_wrong_state_is_refused_with_its_reason(fund_desk: FundDesk, case: Misplaced) -> None:
    application_id = fund_desk.application_in(case.state)
    assert _answer(fund_desk.move(case.who, case.event, application_id, **case.payload)) == case.answer


def test_a_second_revision_of_an_application_that_was_not_sent_back_is_refused(fund_desk: FundDesk) -> None:
    application_id = fund_desk.application_in("submitted")
    _app, result = fund_desk.submit(application_id, revision=2)
    assert _answer(result) == "state_move_not_allowed"


def test_the_table_covers_every_event_of_the_workflow() -> None:
    from models.fund_events import EventType

    assert {m.event for m in MOVES} == {e.value for e in EventType}
