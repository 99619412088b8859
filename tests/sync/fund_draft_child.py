"""A writer process for the Fund draft crash test: one autosave of a draft, killed at a chosen step of it.

    python tests/sync/fund_draft_child.py FOLDER STEP OCCURRENCE

STEP is a step name of sync.storage's atomic write ("begin", "temp_partial", …) or "none"; the process
SIGKILLs itself the OCCURRENCE-th time it reaches that step.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

# run as a script, its own folder (tests/sync) would come first on the path and shadow the real `sync`
sys.path[0] = str(Path(__file__).resolve().parents[2])

from sync import storage  # noqa: E402
from sync.fund_drafts import DraftStore  # noqa: E402
from tests.sync.test_fund_drafts import DRAFT_ID, NEW_SUMMARY, OWNER  # noqa: E402


def main() -> None:
    folder, step, occurrence = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = DraftStore(folder)
    store.open(OWNER)
    seen = 0

    def hook(name: str, path: Path) -> None:
        nonlocal seen
        if name == step:
            seen += 1
            if seen == occurrence:
                os.kill(os.getpid(), signal.SIGKILL)

    storage.fault_hook = hook
    store.change(DRAFT_ID, {"summary": NEW_SUMMARY, "requested_irr": 12 * 10**10})
    print("committed", flush=True)


if __name__ == "__main__":
    main()
