"""Fund drafts on the device: saved on every change in a file of their own, per user, read-only once sealed
or closed, and loadable after a SIGKILL at any step of a save."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from models.fund_applications import ApplicationContent, seal
from sync.errors import FundDraftNotEditable
from sync.fund_drafts import DraftStore
from sync.storage import TEMP_MARKER
from tests.fund_factories import NOW, make_content

OWNER = "sepahan1"
DRAFT_ID = "0b7c6a52-4c1e-4d3a-9a43-6f1f0c2b9e11"
OLD_SUMMARY = "نسخهٔ پیش"
NEW_SUMMARY = "نسخهٔ تازه با جدول زمان‌بندی"
ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("fund_draft_child.py")
STEPS = ["begin", "temp_partial", "temp_written", "temp_synced", "replaced", "dir_synced"]


@pytest.fixture(params=["files", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> DraftStore:
    drafts = DraftStore(tmp_path if request.param == "files" else None)
    drafts.open(OWNER)
    return drafts


def test_a_new_draft_is_saved_at_once_with_its_last_saved_time(store: DraftStore) -> None:
    draft = store.create(DRAFT_ID, ApplicationContent(call_id="FC-T1", supplier_id="S1042"))
    assert draft.rev == 1 and draft.saved_at
    assert store.get(DRAFT_ID) == draft


def test_every_change_is_one_save_and_survives_reopening(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.open(OWNER)
    store.create(DRAFT_ID, ApplicationContent(call_id="FC-T1", supplier_id="S1042"))
    store.change(DRAFT_ID, {"title_fa": "آجر"})
    saved = store.change(DRAFT_ID, {"budget": [{"id": "b1", "kind": "equipment", "amount_irr": 5}]})
    assert saved.rev == 3
    again = DraftStore(tmp_path)
    again.open(OWNER)
    draft = again.get(DRAFT_ID)
    assert draft is not None and draft.content.title_fa == "آجر" and draft.content.budget[0].amount_irr == 5
    assert draft.saved_at == saved.saved_at


def test_a_change_that_makes_no_valid_draft_is_refused_and_the_saved_draft_stays(store: DraftStore) -> None:
    store.create(DRAFT_ID, ApplicationContent(call_id="FC-T1", supplier_id="S1042", title_fa="آجر"))
    with pytest.raises(ValidationError):
        store.change(DRAFT_ID, {"trl_now": 12})
    assert store.get(DRAFT_ID).content.title_fa == "آجر"  # type: ignore[union-attr]


def test_a_sealed_draft_is_read_only_until_unsealed(store: DraftStore) -> None:
    content = make_content()
    store.create(DRAFT_ID, content)
    store.seal(DRAFT_ID, seal(content, 1, NOW), event_id="e1")
    with pytest.raises(FundDraftNotEditable) as caught:
        store.change(DRAFT_ID, {"summary": "x"})
    assert caught.value.params == {"reason": "sealed"}
    store.unseal(DRAFT_ID)
    assert store.change(DRAFT_ID, {"summary": "x"}).content.summary == "x"


def test_a_draft_the_server_said_is_closed_stays_read_only(store: DraftStore) -> None:
    store.create(DRAFT_ID, make_content())
    store.mark_closed(DRAFT_ID)
    with pytest.raises(FundDraftNotEditable):
        store.change(DRAFT_ID, {"summary": "x"})


def test_each_user_sees_only_their_own_drafts(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.open(OWNER)
    store.create(DRAFT_ID, make_content())
    store.open("someone_else")
    assert store.all() == []
    store.open(OWNER)
    assert [d.id for d in store.all()] == [DRAFT_ID]


def test_an_unreadable_draft_is_quarantined_and_reported_never_deleted(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.open(OWNER)
    store.create(DRAFT_ID, make_content())
    path = tmp_path / "fund" / "drafts" / OWNER / f"{DRAFT_ID}.json"
    path.write_text('{"schema": 1, "draft": {', encoding="utf-8")
    notices = DraftStore(tmp_path).open(OWNER)
    assert [n.code for n in notices] == ["fund_draft_quarantined"]
    assert list((tmp_path / "quarantine").glob("fund-draft-*"))


# ---- a SIGKILL at every step of an autosave -----------------------------------------------------------------
def _prepare(folder: Path) -> None:
    store = DraftStore(folder)
    store.open(OWNER)
    store.create(DRAFT_ID, make_content(summary=OLD_SUMMARY))


def _run_child(folder: Path, step: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), str(folder), step, "1"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL")
@pytest.mark.parametrize("step", STEPS)
def test_a_save_killed_at_any_step_leaves_the_old_or_the_new_draft_whole(tmp_path: Path, step: str) -> None:
    _prepare(tmp_path)
    result = _run_child(tmp_path, step)
    assert result.returncode == -signal.SIGKILL, result.stderr
    store = DraftStore(tmp_path)
    assert store.open(OWNER) == []  # nothing quarantined: the file loads
    draft = store.get(DRAFT_ID)
    assert draft is not None
    expected_new = step in ("replaced", "dir_synced")
    assert draft.content.summary == (NEW_SUMMARY if expected_new else OLD_SUMMARY)
    assert draft.content.requested_irr == (12 * 10**10 if expected_new else make_content().requested_irr)
    assert not [p for p in tmp_path.rglob("*") if TEMP_MARKER in p.name]


def test_a_save_that_is_not_killed_reaches_the_new_draft(tmp_path: Path) -> None:
    _prepare(tmp_path)
    assert _run_child(tmp_path, "none").returncode == 0
    store = DraftStore(tmp_path)
    store.open(OWNER)
    assert store.get(DRAFT_ID).content.summary == NEW_SUMMARY  # type: ignore[union-attr]
