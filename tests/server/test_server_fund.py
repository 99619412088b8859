"""The Fund on a real server: deadlines by the server's clock, what each reader's feed carries, the ledger,
replayed events, tracking numbers, and loading programmes and calls (import-fund, seed-demo)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.fund_programmes import TEHRAN
from tests.fund_factories import BN, make_call, make_programme
from tests.server.fund_world import FundDesk, now_tehran, seed_world
from tests.server.helpers import Api
from tests.support.live_server import LiveServer, start_live_server


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FundDesk]:
    """One seeded server per backend for the module (the tests work on applications of their own)."""
    if request.param == "sqlite":
        url, cluster = f"sqlite:///{tmp_path_factory.mktemp('fund') / 'server.sqlite3'}", None
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database()
    server = start_live_server(url)
    seed_world(server)
    made = FundDesk(server, lambda: Api(server.url))
    yield made
    made.close()
    server.close()
    if cluster is not None:
        cluster.drop_database(url)


# ---- deadlines: the server's clock decides ---------------------------------------------------------------
def test_a_submission_after_the_grace_period_sealed_after_the_deadline_is_refused(desk: FundDesk) -> None:
    closed = now_tehran() - dt.timedelta(days=1)
    _app, result = desk.submit(call_id="FC-T-LATE", sealed_at=closed + dt.timedelta(minutes=30))
    assert result["status"] == "rejected" and result["reason"].startswith("call_closed:")


def test_sealed_on_time_and_synced_late_is_recorded_with_both_times_for_the_fund_to_judge(desk: FundDesk) -> None:
    sealed = now_tehran() - dt.timedelta(days=1, hours=3)  # two hours before the call closed
    app_id, result = desk.submit(call_id="FC-T-LATE", sealed_at=sealed)
    assert result["status"] == "applied"
    record = desk.read("officer")[app_id]
    assert record is not None and record["state"] == "late" and record["stage"] == "received_late"
    revision = record["revisions"][0]
    assert dt.datetime.fromisoformat(revision["sealed_at"]) == sealed.replace(microsecond=0) or abs(
        dt.datetime.fromisoformat(revision["sealed_at"]) - sealed
    ) < dt.timedelta(seconds=1)
    received = dt.datetime.fromisoformat(revision["received_at"])
    assert abs(received - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)  # the server's own clock
    assert revision["timing"] == "late" and record["tracking_no"].startswith("SF-")


def test_a_devices_clock_days_off_does_not_make_an_on_time_submission_late(desk: FundDesk) -> None:
    app_id, result = desk.submit(sealed_at=now_tehran() + dt.timedelta(days=3))
    assert result["status"] == "applied"
    assert desk.read("officer")[app_id]["revisions"][0]["timing"] == "on_time"  # type: ignore[index]


def test_tracking_numbers_run_on_by_the_jalali_year(desk: FundDesk) -> None:
    first = desk.application_in("submitted")
    second = desk.application_in("submitted")
    seen = desk.read("officer")
    a, b = seen[first]["tracking_no"], seen[second]["tracking_no"]  # type: ignore[index]
    assert a[:8] == b[:8] and int(b[-6:]) == int(a[-6:]) + 1


# ---- what each reader's feed carries ----------------------------------------------------------------------
def test_a_supplier_never_reads_another_suppliers_application(desk: FundDesk) -> None:
    app_id = desk.application_in("committee")
    assert desk.read("other_supplier").get(app_id) is None
    assert desk.read("member").get(app_id) is None
    assert desk.read("field_staff").get(app_id) is None


def test_the_applicants_copy_has_the_decision_and_notes_but_no_reviewer_names_or_scores(desk: FundDesk) -> None:
    app_id = desk.application_in("committee")
    desk.ok(
        "officer", "decide", app_id, outcome="approved", minutes="صورتجلسه محرمانه", amount_irr=8 * BN,
        note_to_applicant="تبریک",
    )  # fmt: skip
    seen = desk.read("applicant")[app_id]
    assert seen is not None
    assert seen["stage"] == "approved" and seen["state"] is None
    assert seen["decision"]["amount_irr"] == 8 * BN and seen["decision"]["note_to_applicant"] == "تبریک"
    assert {f["note"] for f in seen["feedback"]} == {"روش آزمون روشن است", "بازار قوی است"}
    text = json.dumps(seen, ensure_ascii=False)
    for secret in ("rev_a", "rev_b", "officer1", "private of", "صورتجلسه محرمانه", '"technical"', '"overall"'):
        assert secret not in text, secret
    assert seen["scoring"] is None and seen["reviewers"] == []
    assert not [r for r in desk.read("applicant", "fund_reviews").values() if r is not None]


def test_a_reviewer_never_reads_scores_of_an_application_not_assigned_to_them(desk: FundDesk) -> None:
    app_id = desk.application_in("reviewed")
    reviews = desk.read("other_reviewer", "fund_reviews")
    assert not [r for r in reviews.values() if r is not None and r["application_id"] == app_id]
    assert desk.read("other_reviewer").get(app_id) is None


def test_reviewers_read_their_own_review_only_and_officers_read_all(desk: FundDesk) -> None:
    app_id = desk.application_in("reviewed")
    own = [r for r in desk.read("reviewer", "fund_reviews").values() if r and r["application_id"] == app_id]
    assert [r["reviewer"] for r in own] == ["rev_a"]
    everyone = [r for r in desk.read("officer", "fund_reviews").values() if r and r["application_id"] == app_id]
    assert sorted(r["reviewer"] for r in everyone) == ["rev_a", "rev_b"]
    assigned = desk.read("reviewer")[app_id]
    assert assigned is not None and [a["username"] for a in assigned["reviewers"]] == ["rev_a"]


def test_a_reviewer_who_declares_a_conflict_loses_the_application_at_the_next_pull(desk: FundDesk) -> None:
    app_id = desk.application_in("under_review")
    api = desk.apis["second_reviewer"]
    items, cursor = api.pull_all("fund_applications")
    assert any(i["id"] == app_id and not i["deleted"] for i in items)
    desk.ok("second_reviewer", "declare_conflict", app_id, conflict=True, note="سهامدار رقیب")
    later, _cursor = api.pull_all("fund_applications", cursor)
    assert [i["deleted"] for i in later if i["id"] == app_id] == [True]


def test_internal_moves_reach_the_applicant_as_the_same_stage(desk: FundDesk) -> None:
    app_id = desk.application_in("eligible")
    api = desk.apis["applicant"]
    _items, cursor = api.pull_all("fund_applications")
    desk.ok("officer", "assign_reviewers", app_id, reviewers=["rev_a", "rev_b"])
    later, _cursor = api.pull_all("fund_applications", cursor)
    mine = [i for i in later if i["id"] == app_id]
    assert mine and mine[-1]["data"]["stage"] == "in_assessment" and mine[-1]["data"]["reviewers"] == []


# ---- events are applied once ------------------------------------------------------------------------------
def test_an_event_pushed_again_under_a_new_seq_moves_the_application_once(desk: FundDesk) -> None:
    app_id = desk.application_in("submitted")
    api = desk.apis["officer"]
    op = api.op("fund_events", "6b1d0d2e-1f43-4c55-9e7c-2a1b3c4d5e6f",
                {"type": "start_screening", "application_id": app_id})  # fmt: skip
    first = api.push(op)["results"][0]
    again = api.push({**op, "seq": api.next_seq()})["results"][0]
    assert first["status"] == again["status"] == "applied" and again["version"] == first["version"]
    history = desk.read("officer")[app_id]["history"]  # type: ignore[index]
    assert [h["type"] for h in history] == ["submit", "start_screening"]


def test_a_malformed_event_is_refused_with_the_field_that_is_wrong(desk: FundDesk) -> None:
    app_id = desk.application_in("screening")
    result = desk.move("officer", "screen", app_id, outcome="maybe")
    assert result["status"] == "rejected" and result["reason"].startswith("invalid_data:")
    assert result["problems"][0]["field"].endswith("outcome")


def test_an_incomplete_submission_lists_every_problem(desk: FundDesk) -> None:
    _app, result = desk.submit(title_fa="", trl_target=2)
    assert result["reason"].startswith("seal_problems:")
    assert {p["message"] for p in result["problems"]} == {"required", "trl_target_not_above_now"}


def test_pushing_to_an_application_directly_is_refused(desk: FundDesk) -> None:
    api = desk.apis["officer"]
    result = api.push(api.op("fund_applications", "x", {"state": "approved"}))["results"][0]
    assert result["status"] == "rejected" and result["reason"].startswith("read_only_collection")


# ---- the ledger ------------------------------------------------------------------------------------------
def test_an_approved_award_reaches_every_accounts_ledger_and_follows_its_payments(desk: FundDesk) -> None:
    app_id = desk.application_in("milestone_accepted")
    tracking = desk.read("officer")[app_id]["tracking_no"]  # type: ignore[index]
    entry_id = f"360G-zanjireh-{tracking}"
    desk.ok("officer", "disburse", app_id, milestone_id="m1", amount_irr=3 * BN, paid_on="2027-07-20")
    for who in ("member", "other_supplier", "applicant", "field_staff"):
        entry = desk.read(who, "fund_ledger")[entry_id]
        assert entry is not None, who
        assert (entry["amountAwarded"], entry["amountDisbursed"]) == (8 * BN, 3 * BN)
        assert entry["recipientOrganization"][0]["nameFa"] == "صنایع نسوز سپاهان"
        assert entry["plants"][0]["id"] == "P900000000001" and entry["plants"][0]["nameFa"] == "فولاد آزمایشی 1"
        assert entry["status"] == "under_way"


def test_an_award_withdrawn_before_its_agreement_leaves_the_ledger(desk: FundDesk) -> None:
    app_id = desk.application_in("approved")
    tracking = desk.read("officer")[app_id]["tracking_no"]  # type: ignore[index]
    api = desk.apis["member"]
    items, cursor = api.pull_all("fund_ledger")
    assert any(i["id"] == f"360G-zanjireh-{tracking}" and not i["deleted"] for i in items)
    desk.ok("applicant", "withdraw", app_id)
    later, _cursor = api.pull_all("fund_ledger", cursor)
    assert [i["deleted"] for i in later if i["id"] == f"360G-zanjireh-{tracking}"] == [True]


# ---- programmes and calls ----------------------------------------------------------------------------------
def test_every_signed_in_account_reads_the_programmes_and_calls(desk: FundDesk) -> None:
    calls = desk.read("member", "fund_calls")
    assert calls["FC-T1"]["closes_at"].endswith("+03:30")  # type: ignore[index]
    assert desk.read("applicant", "fund_programmes")["FP-T1"]["instrument"] == "preferential_loan"  # type: ignore[index]


@pytest.fixture
def bare_server(db_url: str) -> Iterator[LiveServer]:
    """An empty server on SQLite and on PostgreSQL (``db_url`` is parametrised over both)."""
    server = start_live_server(db_url)
    yield server
    server.close()


def test_seed_demo_adds_the_demo_programmes_and_calls_once(bare_server: LiveServer) -> None:
    from tests.server.fund_world import PLANT
    from tests.server.helpers import import_reference

    import_reference(bare_server.db_url, plants=[PLANT])
    first = bare_server.run_cli("seed-demo", "20").stdout
    assert "fund_programmes: 5 added" in first and "fund_calls: 4 added" in first
    again = bare_server.run_cli("seed-demo", "20").stdout
    assert "fund_programmes: 0 added, 0 changed, 0 removed, 5 unchanged" in again
    assert "fund_calls: 0 added, 0 changed, 0 removed, 4 unchanged" in again


def test_import_fund_loads_the_associations_file_and_refuses_a_bad_one_whole(
    bare_server: LiveServer, tmp_path: Path
) -> None:
    now = dt.datetime.now(TEHRAN)
    call = make_call(opens_at=now, closes_at=now + dt.timedelta(days=20))
    good = tmp_path / "fund.json"
    good.write_text(
        json.dumps({"programmes": [make_programme().model_dump(mode="json")], "calls": [call.model_dump(mode="json")]}),
        encoding="utf-8",
    )
    out = bare_server.run_cli("import-fund", str(good)).stdout
    assert "fund_programmes: 1 added" in out and "fund_calls: 1 added" in out
    bad_call = {**call.model_dump(mode="json"), "id": "FC-T2", "programme_id": "FP-NONE", "colour": "red"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"programmes": [], "calls": [bad_call]}), encoding="utf-8")
    refused = bare_server.run_cli("import-fund", str(bad), check=False)
    assert refused.returncode == 1 and "nothing imported: 1 problems" in refused.stderr
    assert "colour: Extra inputs are not permitted" in refused.stderr
    api = Api(bare_server.url)
    from tests.server.fund_world import create_accounts

    create_accounts(bare_server.db_url, [("reader1", "member", None)])
    api.sign_in("reader1")
    items, _cursor = api.pull_all("fund_calls")
    assert [i["id"] for i in items] == ["FC-T1"]
    api.close()
