"""The "add photos" buttons open the device's picker (flet's FilePicker: the browser's file chooser on the web)
and the photos picked are attached to the draft at once, each on disk by its hash."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.support.flet_harness import FletHarness
from tests.views.conftest import PHONE
from tests.views.test_visit_location import _draft
from tests.views.visit_world import photo
from views.app import make_main


def test_add_photos_opens_the_picker_and_the_picked_photo_is_on_the_draft(tmp_path: Path) -> None:
    store, visit_id = _draft(tmp_path / "data")
    asked: list[Any] = []

    def pick_files(args: Any) -> list[dict[str, Any]]:
        asked.append(args)
        picked = photo(len(asked))  # another picture each time
        return [{"id": 1, "name": f"IMG_000{len(asked)}.jpg", "size": len(picked), "bytes": picked}]

    async def scenario() -> None:
        h = FletHarness(method_handlers={"pick_files": pick_files}, width=PHONE[0], height=PHONE[1])
        await h.start(make_main(store), route=f"/visit/{visit_id}")
        await h.settle()
        await h.fire(h.by_data("answer:prod.line_photos:photos"))  # the photo question's own button
        await h.wait_for(lambda: bool(store.visits.get(visit_id).visit.photos))  # type: ignore[union-attr]
        await h.fire(h.by_data("visit-add-photos"))  # the visit's general photos
        await h.wait_for(lambda: len(store.visits.get(visit_id).visit.photos) == 2)  # type: ignore[union-attr]

    asyncio.run(scenario())
    assert asked[0]["allow_multiple"] is True and asked[0]["with_data"] is True
    first, second = store.visits.get(visit_id).visit.photos  # type: ignore[union-attr]
    assert (first.question, second.question) == ("prod.line_photos", None)
    assert all(store.photos.has(p.sha256) and store.photos.thumbnail(p.sha256) for p in (first, second))
    store.close()
