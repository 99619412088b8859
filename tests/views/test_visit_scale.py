"""A fresh draft suggests no outcome before its required questions are answered. A score question on a phone:
each level's anchor words wrap beside its radio (a radio's own label is cut off at 360 px),
and a tap on the words chooses that level, saved on the device at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import flet as ft

from sync.fieldwork import Fieldwork
from tests.field_factories import REFRACTORIES, SEPAHAN, template
from tests.views.conftest import run, start_app
from tests.views.test_visit_screens import field_store
from tests.views.visit_world import photo


def test_a_score_levels_words_wrap_and_a_tap_on_them_chooses_the_level(tmp_path: Path) -> None:
    store = field_store(tmp_path / "data")
    store.device.set_setting("language", "en")
    visit_id = Fieldwork(store).start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1",
                                            planned_on=dt.date(2026, 12, 1)).visit.id  # fmt: skip
    question = template().question("qms.documents")
    assert question is not None
    anchor = question.anchors[3].en

    async def scenario() -> None:
        h = await start_app(store, (360, 740), f"/visit/{visit_id}")
        await h.wait_for(lambda: bool(h.find(data="answer:qms.documents:3")))
        # a fresh draft suggests no outcome yet: the checklist says how much is left first
        assert "required questions left are answered" in h.by_data("visit-suggestion").value
        radio = h.by_data("answer:qms.documents:3", ft.Radio)
        assert radio.label == "3"  # the level beside the radio, its words beside it
        (words,) = [t for t in h.find(ft.Text) if t.value == anchor]
        assert words.expand  # takes the rest of the line and wraps there
        row = next(c for c in h.find(ft.Container) if c.on_click is not None and words in list(h.walk(c)))
        await h.fire(row)
        await h.wait_for(lambda: store.visits.get(visit_id).visit.answers.get("qms.documents") == 3)  # type: ignore[union-attr]

    run(scenario())
    store.close()


def test_a_visit_whose_photos_answer_questions_does_not_say_it_has_none(tmp_path: Path) -> None:
    store = field_store(tmp_path / "data")
    store.device.set_setting("language", "en")
    work = Fieldwork(store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    work.attach_photo(visit_id, photo(1), question="prod.line_photos")

    async def scenario() -> None:
        h = await start_app(store, (360, 740), f"/visit/{visit_id}")
        await h.wait_for(lambda: bool(h.find(data="visit-photos")))
        assert "No photo added." not in h.texts()
        assert h.by_data("visit-photos-elsewhere").value == "This visit's 1 photo is shown with its question above."

    run(scenario())
    store.close()
