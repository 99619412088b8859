"""Photos attached to a visit draft while its sync is under way, against a real server: the push's answer lost
after the server applied the visit, then a pull — every photo the officer attached stays named by the draft,
reaches the server's copy and is uploaded (the soak's suspect path, docs/reliability.md)."""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from sync.fieldwork import Fieldwork
from tests.field_factories import REFRACTORIES, SEPAHAN
from tests.support.live_server import LiveServer
from tests.sync_e2e.conftest import Device

ROOT = Path(__file__).resolve().parents[2]
SUPPLIERS = ROOT / "docs" / "registers" / "suppliers-template.csv"
TEMPLATE = "general-supplier-audit@1"


@pytest.fixture
def field_server(server: LiveServer) -> Iterator[LiveServer]:
    """The conftest's server (sara is field staff) with the register's suppliers and the checklists."""
    server.run_cli("import-suppliers", str(SUPPLIERS))
    server.run_cli("import-checklists")
    yield server


def small_photo(seed: int) -> bytes:
    rng = random.Random(seed)
    out = io.BytesIO()
    Image.frombytes("RGB", (320, 240), rng.randbytes(320 * 240 * 3)).save(out, format="JPEG", quality=85)
    return out.getvalue()


def once(path: str, action: Callable[[], None]) -> Callable[[Any], None]:
    """A transport hook that runs ``action`` the first time a request to ``path`` passes it."""
    done: list[bool] = []

    def hook(request: Any) -> None:
        if path in request.url.path and not done:
            done.append(True)
            action()

    return hook


@pytest.mark.parametrize("restart", [False, True], ids=["same-run", "app-killed-after-the-lost-answer"])
def test_photos_attached_while_the_push_answer_is_lost_and_during_the_pull_stay_in_the_visit_and_reach_the_server(
    field_server: LiveServer, tmp_path: Path, restart: bool
) -> None:
    phone = Device(tmp_path / "phone", field_server)
    phone.sign_in("sara")
    assert phone.sync().ok  # the checklists
    work = Fieldwork(phone.store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], TEMPLATE).visit.id
    attached = [work.attach_photo(visit_id, small_photo(1))[1].sha256]

    def attach(seed: int) -> None:
        attached.append(work.attach_photo(visit_id, small_photo(seed))[1].sha256)

    # The officer attaches a second photo once the push of the visit with one is on its way; the server applies
    # it and its answer never arrives; a third photo is attached while the next cycle pulls the server's visits.
    phone.plan.add("/push", "lose_response")
    phone.plan.before = once("/push", lambda: attach(2))
    assert not phone.sync().ok
    if restart:  # as the soak's client: killed, started again on the same folder
        phone = phone.reopen()
        work = Fieldwork(phone.store)
    reader = Device(tmp_path / "reader", field_server)
    reader.sign_in("sara")
    assert reader.sync().ok
    applied = reader.store.reference["visits"].get(visit_id)
    assert applied is not None and [p.sha256 for p in applied.photos] == attached[:1], "the push was not applied"
    phone.plan.before = once("/changes/visits", lambda: attach(3))
    phone.sync()
    phone.plan.before = None
    assert phone.sync().ok and phone.sync().ok

    here = phone.store.visits.get(visit_id)
    assert here is not None and [p.sha256 for p in here.visit.photos] == attached and len(attached) == 3
    assert phone.store.user.outbox() == [] and not here.unsent
    assert reader.sync().ok
    on_server = reader.store.reference["visits"].get(visit_id)
    assert on_server is not None and [p.sha256 for p in on_server.photos] == attached
    assert phone.store.photos.progress(attached) == (3, 3)  # every photo uploaded
