"""A writer process for the crash tests: does one commit and kills itself at a chosen step of it.

    python tests/sync/crash_child.py FOLDER OPERATION STEP OCCURRENCE

OPERATION is "page", "user_save", "import", "photo" (adding a photo to the photo store), "visit_answer" or
"visit_photo" (saving an answer of, or attaching a photo to, the one draft of user reza); STEP is a
step name from sync.storage / sync.journal ("begin", "temp_partial", …, "journal_committed",
"pending_replaced") or "none"; the process SIGKILLs
itself at the OCCURRENCE-th time that step is reached. "soak" saves records forever, logging each
acknowledged save to FOLDER/acks.log (fsync'd) so the parent can check none is lost.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

# run as a script, its own folder (tests/sync) would come first on the path and shadow the real `sync`
sys.path[0] = str(Path(__file__).resolve().parents[2])

from sync import storage  # noqa: E402
from sync.reference_store import ServerItem  # noqa: E402
from sync.store import LocalStore  # noqa: E402
from tests.sync.crash_cases import LOCALIZATION_PAGES, NEW_PAGE, import_dataset  # noqa: E402


def arm(step: str, occurrence: int) -> None:
    seen = 0

    def hook(name: str, path: Path) -> None:
        nonlocal seen
        if name == step:
            seen += 1
            if seen == occurrence:
                os.kill(os.getpid(), signal.SIGKILL)

    storage.fault_hook = hook


def main() -> None:
    folder, operation, step, occurrence = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    if operation == "photo":
        from sync.photo_store import PhotoStore
        from tests.sync.crash_cases import photo_raw

        raw = photo_raw()  # made before arming: only the store's own writes are killed
        photos = PhotoStore(folder)
        photos.open()
        arm(step, occurrence)
        photos.add(raw)
        print("committed", flush=True)
        return
    if operation.startswith("visit_"):
        from sync.photo_store import PhotoStore
        from sync.visit_store import VisitStore
        from tests.sync.crash_cases import photo_raw

        raw = photo_raw()
        photos = PhotoStore(folder)
        photos.open()
        visits = VisitStore(folder, photos)
        visits.open("reza")
        (draft,) = visits.all()
        arm(step, occurrence)
        if operation == "visit_answer":
            visits.answer(draft.id, "qms.iso9001", False)
        else:
            visits.attach_photo(draft.id, raw, question="insp.report_photo")
        print("committed", flush=True)
        return
    store = LocalStore.open(folder)
    if operation == "soak":
        log = open(folder.parent / "acks.log", "a", encoding="utf-8")  # noqa: SIM115
        number = len((folder.parent / "acks.log").read_text(encoding="utf-8").split())
        while True:
            store.user.save("notes", f"n{number}", {"asset_id": "P1", "kind": "plant", "text": f"note {number}"})
            log.write(f"n{number}\n")
            log.flush()
            os.fsync(log.fileno())
            number += 1
    arm(step, occurrence)
    if operation == "page":
        items = [ServerItem(**item) for item in NEW_PAGE["items"]]
        store.plants.apply_page(items, NEW_PAGE["cursor"], has_more=False, origin="sync: test")
    elif operation == "user_save":
        store.user.save(
            "favourites",
            "plant:P900000000002",
            {"kind": "plant", "asset_id": "P900000000002", "created_at": "2026-01-01T00:00:00+00:00"},
        )
    elif operation == "import":
        store.replace_reference(import_dataset(2), origin="import: new")
    elif operation.startswith("page:"):  # a page of another pulled collection (suppliers, needs …)
        name = operation.removeprefix("page:")
        page = LOCALIZATION_PAGES[name][1]
        items = [ServerItem(**item) for item in page["items"]]
        store.reference[name].apply_page(items, page["cursor"], has_more=False, origin="sync: test")
    print("committed", flush=True)


if __name__ == "__main__":
    main()
