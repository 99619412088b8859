"""Killing a writer at every step of a commit leaves files that load with the old state or the new, never a mix."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sync.reference_store import ServerItem
from sync.segments import MANIFEST, SEGMENT_SUFFIX, segment_name
from sync.storage import TEMP_MARKER
from sync.store import LocalStore
from tests.sync.crash_cases import OLD_CURSOR, OLD_PLANTS, import_dataset

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_child.py")
FILE_STEPS = ["begin", "temp_partial", "temp_written", "temp_synced", "replaced", "dir_synced"]
#: A page commit is two atomic writes: the page's own file (1st), then the collection's manifest (2nd), which
#: names it with the cursor after it — the commit point.
PAGE_COMMIT_STEPS = [(step, occurrence) for occurrence in (1, 2) for step in FILE_STEPS]


def page_committed(step: str, occurrence: int) -> bool:
    return occurrence == 2 and step in ("replaced", "dir_synced")


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL")


def run_child(folder: Path, operation: str, step: str, occurrence: int = 1) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), str(folder), operation, step, str(occurrence)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def assert_killed(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "committed" not in result.stdout


def no_leftovers(folder: Path) -> bool:
    """No temp file, pending file or journal, and no page file that its collection's manifest does not name."""
    names = [p.name for p in folder.rglob("*")]
    if any(TEMP_MARKER in n or n.endswith(".pending") or n == "commit.journal" for n in names):
        return False
    for manifest in folder.rglob(MANIFEST):
        layout = json.loads(manifest.read_bytes())["meta"].get("layout", {})
        named = {segment_name(n) for n in [*layout.get("records", []), *layout.get("staging", [])]}
        if {p.name for p in manifest.parent.glob(f"*{SEGMENT_SUFFIX}")} != named:
            return False
    return True


# ---- a page of a reference collection and its cursor ------------------------------------------------------
def page_state(store: LocalStore) -> tuple[dict[str, str], str | None]:
    return {p.id: p.name_en for p in store.plants.all()}, store.plants.state.cursor


OLD_PAGE_STATE = ({p.id: p.name_en for p in OLD_PLANTS}, OLD_CURSOR)
NEW_PAGE_STATE = ({"P900000000002": "Test Steel 2, renamed", "P900000000003": "Test Steel 3"}, "c2")


def prepare_page_case(folder: Path) -> None:
    store = LocalStore.open(folder)
    items = [ServerItem(p.id, 1, False, p.model_dump(mode="json")) for p in OLD_PLANTS]
    store.plants.apply_page(items, OLD_CURSOR, has_more=False, origin="sync: test")
    store.close()


def test_page_commit_without_a_crash_reaches_the_new_state(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    prepare_page_case(folder)
    assert run_child(folder, "page", "none").returncode == 0
    store = LocalStore.open(folder)
    assert page_state(store) == NEW_PAGE_STATE
    store.close()


@pytest.mark.parametrize(("step", "occurrence"), PAGE_COMMIT_STEPS)
def test_page_commit_killed_at_each_step_loads_the_old_or_new_page_with_its_cursor(
    tmp_path: Path, step: str, occurrence: int
) -> None:
    folder = tmp_path / "data"
    prepare_page_case(folder)
    assert_killed(run_child(folder, "page", step, occurrence))
    store = LocalStore.open(folder)
    state = page_state(store)
    store.close()
    assert state == (NEW_PAGE_STATE if page_committed(step, occurrence) else OLD_PAGE_STATE)
    assert no_leftovers(folder)


# ---- a user save and its outbox entry ------------------------------------------------------------------------
def user_state(store: LocalStore) -> tuple[set[str], set[str]]:
    return {r.id for r in store.user.records("favourites")}, {op.record_id for op in store.user.outbox()}


def prepare_user_case(folder: Path) -> None:
    store = LocalStore.open(folder)
    store.user.save(
        "favourites",
        "plant:P900000000001",
        {"kind": "plant", "asset_id": "P900000000001", "created_at": "2026-01-01T00:00:00+00:00"},
    )
    store.close()


@pytest.mark.parametrize("step", FILE_STEPS)
def test_user_save_killed_at_each_step_keeps_record_and_outbox_entry_together(tmp_path: Path, step: str) -> None:
    folder = tmp_path / "data"
    prepare_user_case(folder)
    assert_killed(run_child(folder, "user_save", step))
    store = LocalStore.open(folder)
    records, outbox = user_state(store)
    store.close()
    old = {"plant:P900000000001"}
    new = old | {"plant:P900000000002"}
    assert (records, outbox) == ((new, new) if step in ("replaced", "dir_synced") else (old, old))
    assert no_leftovers(folder)


# ---- an import that replaces three files as one change -------------------------------------------------------
def import_generation(store: LocalStore) -> set[str]:
    """Which release each collection holds: a set of one element unless the import half-applied."""
    found = {p.name_en.split()[1] for p in store.plants.all()}
    found |= {m.name_en.split()[1] for m in store.mines.all()}
    found |= {s.release.split()[1] for s in store.sources.all()}
    return found


#: An import writes each collection's new page file (1st to 3rd atomic write), each new manifest as a pending
#: file (4th to 6th), then the journal (7th): the commit point.
IMPORT_WRITES = 7
IMPORT_STEPS = [(step, n) for step in FILE_STEPS for n in range(1, IMPORT_WRITES + 1)]
IMPORT_STEPS += [("journal_committed", 1), ("pending_replaced", 1), ("pending_replaced", 2), ("pending_replaced", 3)]


@pytest.mark.parametrize(("step", "occurrence"), IMPORT_STEPS)
def test_import_killed_at_each_step_leaves_one_whole_release(tmp_path: Path, step: str, occurrence: int) -> None:
    folder = tmp_path / "data"
    store = LocalStore.open(folder)
    store.replace_reference(import_dataset(1), origin="import: old")
    store.close()
    assert_killed(run_child(folder, "import", step, occurrence))
    store = LocalStore.open(folder)
    generation = import_generation(store)
    store.close()
    # the last atomic write is the journal itself: once it is on disk the import is committed
    committed = step in ("journal_committed", "pending_replaced") or (
        occurrence == IMPORT_WRITES and step in ("replaced", "dir_synced")
    )
    assert generation == ({"2"} if committed else {"1"})
    assert no_leftovers(folder)


# ---- random kills while saving, against a log of what was acknowledged ------------------------------------------
def saving_since(log: Path, child: subprocess.Popen[bytes], timeout_s: float = 120.0) -> None:
    """Wait until the child acknowledges a save: on a loaded machine its start alone can take seconds, and a kill
    before it saves anything tests nothing."""
    before = log.stat().st_size
    deadline = time.monotonic() + timeout_s
    while log.stat().st_size == before and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.mark.slow
def test_random_kills_while_saving_lose_no_acknowledged_save(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (tmp_path / "acks.log").write_text("", encoding="utf-8")
    rng = random.Random(20261128)
    for _ in range(12):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(folder), "soak", "none", "0"], cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        saving_since(tmp_path / "acks.log", child)
        time.sleep(rng.random() * 0.6)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        acknowledged = (tmp_path / "acks.log").read_text(encoding="utf-8").split()
        store = LocalStore.open(folder)
        saved = {r.id for r in store.user.records("notes")}
        queued = {op.record_id for op in store.user.outbox()}
        store.close()
        assert set(acknowledged) <= saved
        assert saved == queued  # every saved note has its outbox entry
    assert len(acknowledged) > 20
