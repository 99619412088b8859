"""A client process that runs one sync cycle and SIGKILLs itself at a chosen step of a store commit.

    python tests/sync_e2e/sync_child.py DATA_DIR API_URL FILE_NAME STEP OCCURRENCE

FILE_NAME is the store file whose commit is interrupted, by its name or the end of its path ("user.json",
"plants/manifest.json", "plants/000002.seg"); STEP one of sync.storage's steps. The child is signed in
already (its data folder holds a session).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

# run as a script, its own folder would shadow the real packages
sys.path[0] = str(Path(__file__).resolve().parents[2])

from sync import storage  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.store import LocalStore  # noqa: E402


def main() -> None:
    folder, _api, file_name, step, occurrence = sys.argv[1:6]
    seen = 0

    def hook(name: str, path: Path) -> None:
        nonlocal seen
        if name == step and (path.name == file_name or path.as_posix().endswith("/" + file_name)):
            seen += 1
            if seen == int(occurrence):
                os.kill(os.getpid(), signal.SIGKILL)

    store = LocalStore.open(Path(folder))
    storage.fault_hook = hook
    result = asyncio.run(SyncEngine(store, page_size=100, snapshot_page_size=100).sync_once("child"))
    print("completed" if result.ok else f"failed: {result.error}", flush=True)


if __name__ == "__main__":
    main()
