"""On a supplier's screen, field staff pin the supplier to keep the photos of its earlier visits on the device
for a day offline, and see how many of them are here; the thumbnails show from the device's own copies."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sync.fieldwork import Fieldwork
from sync.photo_downloads import PINNED_SUPPLIERS
from sync.reference_store import ServerItem
from sync.store import LocalStore
from tests.field_factories import REFRACTORIES, SEPAHAN
from tests.views.conftest import PHONE, start_app
from tests.views.test_visit_screens import field_store, signed_in
from tests.views.visit_world import photo, seed_reference


def earlier_visit_by_another_auditor(store: LocalStore, folder: Path) -> list[str]:
    """A sealed visit to Sepahan by reza with two photos, as a sync leaves it in the shared cache; the field
    store holds the first photo only (fetched earlier): the hashes of both."""
    theirs = LocalStore.open(folder)
    seed_reference(theirs)
    signed_in(theirs, "reza", "field_staff")
    work = Fieldwork(theirs)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    refs = [work.attach_photo(visit_id, photo(n), question="prod.line_photos")[1] for n in (1, 2)]
    data = work.visit(visit_id).visit.model_dump(mode="json")  # type: ignore[union-attr]
    data.update(state="submitted", author="reza", sealed_at="2026-06-01T08:00:00Z")
    store.reference["visits"].apply_page([ServerItem(visit_id, 1, False, data)], "v1", False, "sync: test")
    store.photos.put(refs[0].sha256, theirs.photos.read(refs[0].sha256))
    theirs.close()
    return [r.sha256 for r in refs]


def test_pinning_a_supplier_keeps_its_earlier_photos_here_and_says_how_many_are(tmp_path: Path) -> None:
    store = field_store(tmp_path / "data")
    hashes = earlier_visit_by_another_auditor(store, tmp_path / "reza")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/supplier/{SEPAHAN}")
        switch = h.by_data("supplier-pin-photos")
        assert switch.value is False
        assert h.by_data("supplier-pinned-photos").value == "۱ از ۲ عکس بازدیدهای پیشین روی این دستگاه است."
        h.session.apply_patch(switch._i, {"value": True})
        await h.fire(switch, "change", True)
        assert store.device.settings()[PINNED_SUPPLIERS] == [SEPAHAN]
        await h.wait_for(lambda: "بقیه با همگام‌سازی بعدی دریافت می‌شوند." in h.by_data("supplier-pinned-photos").value)
        assert h.by_data("supplier-pin-photos").value is True

    asyncio.run(scenario())
    assert Fieldwork(store).earlier_photos(SEPAHAN) == (1, 2)
    assert store.photos.thumbnail(hashes[0])  # made on this device when the photo was kept
    store.close()
