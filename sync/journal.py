"""Committing several store files as one: a redo journal so an import lands entirely or not at all.

Each new file is first written beside its target as ``<name>.pending`` (atomically, fsync'd). Then
the journal naming them is written atomically: that write is the commit point. Then each pending
file replaces its target and the journal is removed. Recovery at start-up rolls a committed journal
forward and throws away pending files that no journal names (a commit that never happened).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from sync.errors import StoreCorrupt
from sync.storage import _step, dump_json, fsync_dir, read_json_file, replace_file, write_atomic

JOURNAL_NAME = "commit.journal"
PENDING_SUFFIX = ".pending"


def commit_files(folder: Path, payloads: dict[Path, bytes]) -> None:
    """Replace every file in ``payloads`` (all inside ``folder``'s tree) as one atomic change."""
    targets = sorted(payloads)
    for target in targets:
        write_atomic(_pending(target), payloads[target])
    journal = folder / JOURNAL_NAME
    write_atomic(journal, dump_json({"replace": [str(t.relative_to(folder)) for t in targets]}))
    _step("journal_committed", journal)
    _roll_forward(folder, targets)


def recover(folder: Path) -> list[str]:
    """Finish or undo an interrupted multi-file commit. Returns what it did, for the log."""
    done: list[str] = []
    journal = folder / JOURNAL_NAME
    try:
        entry = read_json_file(journal)
    except StoreCorrupt:
        entry = None  # a torn journal cannot exist (atomic write), but a hand-edited one might
    if isinstance(entry, dict) and isinstance(entry.get("replace"), list):
        targets = [folder / name for name in entry["replace"]]
        _roll_forward(folder, targets)
        done.append(f"completed an interrupted commit of {len(targets)} files")
    elif journal.exists():
        journal.unlink()
    for stray in folder.rglob(f"*{PENDING_SUFFIX}"):
        stray.unlink()
        done.append(f"discarded {stray.name} from a commit that never happened")
    return done


def _roll_forward(folder: Path, targets: list[Path]) -> None:
    for target in targets:
        pending = _pending(target)
        if pending.exists():
            replace_file(pending, target)
            _step("pending_replaced", target)
    for parent in {t.parent for t in targets}:
        fsync_dir(parent)
    with contextlib.suppress(FileNotFoundError):
        (folder / JOURNAL_NAME).unlink()
    fsync_dir(folder)


def _pending(target: Path) -> Path:
    return target.with_name(target.name + PENDING_SUFFIX)
