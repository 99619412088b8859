"""Field visits, decisions and corrections against the real server: every cell of who may do what, and
what a decision or an accepted correction changes for everyone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from models.qualification import TERMS, DecisionOutcome, add_months
from tests.field_factories import ARAK, REFRACTORIES, SEPAHAN, visit_data
from tests.server.helpers import PASSWORD, Api
from tests.support.live_server import LiveServer

ROOT = Path(__file__).resolve().parents[2]
SUPPLIERS = ROOT / "docs" / "registers" / "suppliers-template.csv"
ACCOUNTS = {
    "reza": ("field_staff", None),  # the author
    "sara": ("field_staff", None),  # other field staff
    "boss": ("admin", None),
    "sepahan": ("supplier", SEPAHAN),  # the visited supplier
    "arak": ("supplier", ARAK),  # another supplier
    "ali": ("member", None),
}


@pytest.fixture(scope="module")
def field_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The register template's suppliers, the shipped checklists, and one account of each kind. One
    server for the module: each test writes visits of its own."""
    folder = tmp_path_factory.mktemp("field-server")
    server = LiveServer(f"sqlite:///{folder / 'server.sqlite3'}", {"ZANJIREH_ATTACHMENTS_DIR": str(folder)}).start()
    server.run_cli("import-suppliers", str(SUPPLIERS))
    server.run_cli("import-checklists")
    for name, (role, org) in ACCOUNTS.items():
        server.run_cli("create-user", name, "--role", role, *(["--org", org] if org else []), input=PASSWORD + "\n")
    yield server
    server.close()


@pytest.fixture(scope="module")
def apis(field_server: LiveServer) -> Iterator[dict[str, Api]]:
    made = {name: Api(field_server.url) for name in ACCOUNTS}
    for name, api in made.items():
        api.sign_in(name)
    yield made
    for api in made.values():
        api.close()


def push_one(api: Api, collection: str, record_id: str, data: dict[str, Any] | None, **kw: Any) -> dict[str, Any]:
    (result,) = api.push(api.op(collection, record_id, data, **kw))["results"]
    return result


def outcome(result: dict[str, Any]) -> str:
    """'applied', or the refusal's code ('rejected: visit_sealed' → 'visit_sealed')."""
    if result["status"] == "rejected":
        return str(result["reason"]).split(":", 1)[0]
    return str(result["status"])


def pulled(api: Api, collection: str) -> dict[str, dict[str, Any]]:
    items, _ = api.pull_all(collection)
    return {i["id"]: i["data"] for i in items if not i["deleted"]}


def reza_visit(apis: dict[str, Api], state: str, **overrides: Any) -> dict[str, Any]:
    data = visit_data(state=state, **overrides)
    assert outcome(push_one(apis["reza"], "visits", data["id"], data)) == "applied"
    return data


DECISION = {"outcome": "conditional", "reasons": "calibration lapsed", "conditions": "calibrate the press gauges",
            "conditions_due": "2027-03-01"}  # fmt: skip

# ---- every cell: actor × action ----------------------------------------------------------------------------
CELLS: dict[str, dict[str, str]] = {
    #          create                  edit draft            edit sealed             submit                 decide
    "reza": {"create": "applied", "edit_draft": "applied", "edit_sealed": "visit_sealed", "submit": "applied",
             "decide": "role_may_not_decide"},
    "sara": {"create": "applied", "edit_draft": "not_your_visit", "edit_sealed": "not_your_visit",
             "submit": "not_your_visit", "decide": "role_may_not_decide"},
    "boss": {"create": "role_may_not_write", "edit_draft": "role_may_not_write", "edit_sealed": "role_may_not_write",
             "submit": "role_may_not_write", "decide": "applied"},
    "sepahan": {"create": "role_may_not_write", "edit_draft": "role_may_not_write",
                "edit_sealed": "role_may_not_write", "submit": "role_may_not_write", "decide": "role_may_not_decide"},
    "arak": {"create": "role_may_not_write", "edit_draft": "role_may_not_write", "edit_sealed": "role_may_not_write",
             "submit": "role_may_not_write", "decide": "role_may_not_decide"},
    "ali": {"create": "role_may_not_write", "edit_draft": "role_may_not_write", "edit_sealed": "role_may_not_write",
            "submit": "role_may_not_write", "decide": "role_may_not_decide"},
}  # fmt: skip


@pytest.mark.parametrize("actor", list(CELLS))
@pytest.mark.parametrize("action", ["create", "edit_draft", "edit_sealed", "submit", "decide"])
def test_who_may_write_visits_and_decide(apis: dict[str, Api], actor: str, action: str) -> None:
    api = apis[actor]
    if action == "create":
        data = visit_data(state="draft")
        result = push_one(api, "visits", data["id"], data)
    elif action == "decide":
        sealed = reza_visit(apis, "submitted")
        result = push_one(api, "decisions", sealed["id"], DECISION)
    else:
        before = reza_visit(apis, "submitted" if action == "edit_sealed" else "draft")
        state = "submitted" if action == "submit" else "draft"
        result = push_one(api, "visits", before["id"], before | {"state": state, "summary": f"{actor} was here"})
    assert outcome(result) == CELLS[actor][action], result


READS: dict[str, tuple[bool, bool]] = {
    # actor: (sees reza's sealed visit with its internal notes, sees reza's draft)
    "reza": (True, True),
    "sara": (True, False),
    "boss": (True, True),
    "sepahan": (False, False),
    "arak": (False, False),
    "ali": (False, False),
}


@pytest.mark.parametrize("actor", list(READS))
def test_who_reads_a_visit_and_its_internal_notes(apis: dict[str, Api], actor: str) -> None:
    sealed, draft = reza_visit(apis, "submitted"), reza_visit(apis, "draft")
    visits = pulled(apis[actor], "visits")
    sees_sealed, sees_draft = READS[actor]
    assert (sealed["id"] in visits) is sees_sealed
    assert (draft["id"] in visits) is sees_draft
    if sees_sealed:
        assert visits[sealed["id"]]["notes"] == sealed["notes"]
    # nothing of a visit reaches a supplier or a member through any other collection either
    for collection in ("decisions", "suppliers"):
        for record in pulled(apis[actor], collection).values():
            assert "notes" not in record and "internal" not in str(record.get("reasons", ""))


@pytest.mark.parametrize(("actor", "sees"), [("sepahan", True), ("arak", False), ("ali", False), ("sara", True)])
def test_a_supplier_reads_its_own_decisions_and_their_conditions(apis: dict[str, Api], actor: str, sees: bool) -> None:
    sealed = reza_visit(apis, "submitted")
    assert outcome(push_one(apis["boss"], "decisions", sealed["id"], DECISION)) == "applied"
    decisions = pulled(apis[actor], "decisions")
    assert (sealed["id"] in decisions) is sees
    if sees:
        decision = decisions[sealed["id"]]
        assert (decision["outcome"], decision["conditions"], decision["conditions_due"]) == (
            "conditional", "calibrate the press gauges", "2027-03-01",
        )  # fmt: skip


# ---- what the server adds and checks -------------------------------------------------------------------------
def test_the_server_scores_a_submitted_visit_and_stamps_its_author(apis: dict[str, Api]) -> None:
    sealed = reza_visit(apis, "submitted")
    stored = pulled(apis["boss"], "visits")[sealed["id"]]
    assert stored["author"] == "reza"
    assert stored["scores"]["template"] == "general-supplier-audit@1"
    assert stored["scores"]["passed"] is True
    assert stored["scores"]["percent"] == pytest.approx(80.0, abs=15)
    assert stored["site_distance_km"] == pytest.approx(0.0, abs=0.01)
    assert stored["far_from_site"] is False
    assert stored["sealed_at"].endswith("Z")


def test_a_visit_filled_in_far_from_the_supplier_is_flagged(apis: dict[str, Api]) -> None:
    far = reza_visit(apis, "submitted", lat=32.70, lon=51.3668)  # 7.3 km north of the recorded site
    stored = pulled(apis["boss"], "visits")[far["id"]]
    assert stored["site_distance_km"] == pytest.approx(7.3, abs=0.1)
    assert stored["far_from_site"] is True


def test_an_incomplete_visit_cannot_be_submitted_and_says_what_is_missing(apis: dict[str, Api]) -> None:
    data = visit_data(state="submitted", location=None)
    del data["answers"]["insp.final"]
    result = push_one(apis["reza"], "visits", data["id"], data)
    assert outcome(result) == "incomplete"
    assert {(p["field"], p["message"]) for p in result["problems"]} == {
        ("location", "required"),
        ("answers.insp.final", "required"),
    }
    # a draft may be as incomplete as it likes: it is saved so a lost phone loses nothing
    assert outcome(push_one(apis["reza"], "visits", data["id"], data | {"state": "draft"})) == "applied"


def test_a_visit_with_a_field_the_server_does_not_know_is_refused(apis: dict[str, Api]) -> None:
    data = visit_data(state="draft") | {"weather": "rain"}
    result = push_one(apis["reza"], "visits", data["id"], data)
    assert outcome(result) == "invalid_data"
    assert result["problems"] == [{"field": "weather", "message": "Extra inputs are not permitted"}]


def test_a_visit_to_an_unknown_supplier_or_checklist_is_refused(apis: dict[str, Api]) -> None:
    data = visit_data(state="draft", supplier_id="S9999")
    assert outcome(push_one(apis["reza"], "visits", data["id"], data)) == "no_such_supplier"
    data = visit_data(state="draft", template_version=7)
    assert outcome(push_one(apis["reza"], "visits", data["id"], data)) == "no_such_template"


def test_the_same_draft_pushed_again_writes_nothing(apis: dict[str, Api]) -> None:
    draft = visit_data(state="draft")
    first = push_one(apis["reza"], "visits", draft["id"], draft)
    again = push_one(apis["reza"], "visits", draft["id"], draft)
    assert again == {**first, "seq": again["seq"], "op_id": again["op_id"]}


def test_only_a_draft_is_deleted_and_only_by_its_author(apis: dict[str, Api]) -> None:
    draft, sealed = reza_visit(apis, "draft"), reza_visit(apis, "submitted")
    assert outcome(push_one(apis["sara"], "visits", draft["id"], None, action="delete")) == "not_your_visit"
    assert outcome(push_one(apis["reza"], "visits", sealed["id"], None, action="delete")) == "visit_sealed"
    assert outcome(push_one(apis["reza"], "visits", draft["id"], None, action="delete")) == "applied"
    assert draft["id"] not in pulled(apis["reza"], "visits")


# ---- decisions change the supplier's standing, with history -------------------------------------------------
def qualification(api: Api, supplier_id: str, category: str) -> dict[str, Any] | None:
    supplier = pulled(api, "suppliers")[supplier_id]
    return next((q for q in supplier["qualifications"] if q["category"] == category), None)


def test_an_approval_sets_the_standing_for_three_years_for_every_reader(apis: dict[str, Api]) -> None:
    sealed = reza_visit(apis, "submitted", supplier_id=ARAK, categories=["mechanical.rolls"],
                        lat=34.0917, lon=49.6892)  # fmt: skip
    assert qualification(apis["ali"], ARAK, "mechanical.rolls")["state"] == "visited"  # type: ignore[index]
    result = push_one(apis["boss"], "decisions", sealed["id"], {"outcome": "approved", "reasons": "sound works"})
    assert outcome(result) == "applied"
    today = dt.datetime.now(dt.UTC).date()
    expires = (add_months(today, TERMS[DecisionOutcome.APPROVED]) - dt.timedelta(days=1)).isoformat()  # type: ignore[arg-type]
    for reader in ("ali", "arak", "sara"):
        q = qualification(apis[reader], ARAK, "mechanical.rolls")
        assert q is not None
        assert (q["state"], q["expires"], q["decided_by"], q["visit_id"], q["source"]) == (
            "approved", expires, "boss", sealed["id"], "visit",
        )  # fmt: skip
    history = pulled(apis["ali"], "suppliers")[ARAK]["history"]
    assert [(h["previous"], h["state"], h["visit_id"]) for h in history[-2:]] == [
        ("surveyed", "visited", sealed["id"]),
        ("visited", "approved", sealed["id"]),
    ]
    visit = pulled(apis["reza"], "visits")[sealed["id"]]
    assert (visit["state"], visit["decision_outcome"], visit["decided_by"]) == ("decided", "approved", "boss")


def test_a_visit_is_decided_once_and_a_second_admin_learns_it(apis: dict[str, Api], field_server: LiveServer) -> None:
    sealed = reza_visit(apis, "submitted")
    assert outcome(push_one(apis["boss"], "decisions", sealed["id"], DECISION)) == "applied"
    second = push_one(apis["boss"], "decisions", sealed["id"], {"outcome": "rejected", "reasons": "changed my mind"})
    assert outcome(second) == "already_decided"
    assert pulled(apis["boss"], "decisions")[sealed["id"]]["outcome"] == "conditional"


def test_a_revisit_request_leaves_the_standing_and_reopens_nothing(apis: dict[str, Api]) -> None:
    before = qualification(apis["boss"], SEPAHAN, "consumables.refractories")
    sealed = reza_visit(apis, "submitted", categories=["consumables.refractories"])
    asked = {"outcome": "revisit", "reasons": "the kiln was not running on the day"}
    assert outcome(push_one(apis["boss"], "decisions", sealed["id"], asked)) == "applied"
    assert qualification(apis["boss"], SEPAHAN, "consumables.refractories") == before
    assert pulled(apis["reza"], "visits")[sealed["id"]]["state"] == "revisit_requested"
    edit = push_one(apis["reza"], "visits", sealed["id"], sealed | {"state": "draft"})
    assert outcome(edit) == "visit_sealed"


def test_a_draft_cannot_be_decided(apis: dict[str, Api]) -> None:
    draft = reza_visit(apis, "draft")
    assert outcome(push_one(apis["boss"], "decisions", draft["id"], DECISION)) == "visit_not_submitted"


# ---- corrections from the field --------------------------------------------------------------------------------
def correction(target_id: str = SEPAHAN, field: str = "phone", value: Any = "+98 31 4200 0000") -> dict[str, Any]:
    import uuid

    return {
        "id": str(uuid.uuid4()), "target_kind": "supplier", "target_id": target_id, "field": field, "value": value,
        "note": "the number on the gate", "state": "proposed",
        "location": {"lat": 32.6342, "lon": 51.3668, "accuracy_m": 9, "source": "device"},
    }  # fmt: skip


def test_an_accepted_correction_changes_the_record_for_everyone_and_survives_a_reimport(
    apis: dict[str, Api], field_server: LiveServer
) -> None:
    proposal = correction()
    assert outcome(push_one(apis["ali"], "corrections", proposal["id"], proposal)) == "applied"
    assert proposal["id"] not in pulled(apis["arak"], "corrections")  # not another account's business
    assert outcome(push_one(apis["ali"], "corrections", proposal["id"], {"state": "accepted"})) == "role_may_not_decide"
    decision = {"state": "accepted", "decision_note": "checked by phone"}
    assert outcome(push_one(apis["boss"], "corrections", proposal["id"], decision)) == "applied"
    for reader in ("ali", "arak", "reza"):
        supplier = pulled(apis[reader], "suppliers")[SEPAHAN]
        assert supplier["phone"] == "+98 31 4200 0000"
        assert supplier["corrected"][-1]["correction_id"] == proposal["id"]
    mine = pulled(apis["ali"], "corrections")[proposal["id"]]
    assert (mine["state"], mine["decision_note"], mine["decided_by"]) == ("accepted", "checked by phone", "boss")
    field_server.run_cli("import-suppliers", str(SUPPLIERS))  # the register says the old number again
    assert pulled(apis["ali"], "suppliers")[SEPAHAN]["phone"] == "+98 31 4200 0000"


def test_a_declined_correction_changes_nothing_and_is_final(apis: dict[str, Api]) -> None:
    before = pulled(apis["ali"], "suppliers")[ARAK]
    proposal = correction(ARAK, "website", "https://arak-foundry.example")
    push_one(apis["ali"], "corrections", proposal["id"], proposal)
    assert outcome(push_one(apis["boss"], "corrections", proposal["id"], {"state": "declined"})) == "applied"
    assert pulled(apis["ali"], "suppliers")[ARAK] == before
    again = push_one(apis["ali"], "corrections", proposal["id"], proposal | {"value": "https://x.example"})
    assert outcome(again) == "correction_closed"


def test_a_correction_of_a_record_that_does_not_exist_is_refused(apis: dict[str, Api]) -> None:
    proposal = correction("S9999")
    assert outcome(push_one(apis["ali"], "corrections", proposal["id"], proposal)) == "no_such_record"


def test_checklists_are_served_as_reference_data(apis: dict[str, Api]) -> None:
    checklists = pulled(apis["ali"], "checklists")
    assert set(checklists) == {"general-supplier-audit@1", "refractories-audit@1"}
    assert checklists["refractories-audit@1"]["categories"] == ["consumables.refractories"]
    assert REFRACTORIES.startswith(checklists["refractories-audit@1"]["categories"][0])


def test_ping_lists_the_field_collections(apis: dict[str, Api]) -> None:
    collections = apis["ali"].http.get("/ping").json()["collections"]
    assert "checklists" in collections["reference"]
    assert {"visits", "decisions", "corrections"} <= set(collections["shared"])
