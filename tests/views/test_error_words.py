"""An error whose words carry a technical detail (an exception's English text) has a brief form, so a Persian screen
says it in Persian only (issue 14, item 8)."""

from __future__ import annotations

import inspect

import sync.errors
import views.app  # every feature's words join the catalogue when the app is imported
import views.visits.state
from views.shell.i18n import CATALOGUE, error_words, has_persian


def error_codes() -> set[str]:
    codes: set[str] = set()
    for module in (sync.errors, views.visits.state):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, sync.errors.ZanjirehError):
                codes.add(cls.code)
    return codes


def test_every_error_with_a_technical_detail_has_a_brief_form() -> None:
    with_detail = {code for code in error_codes() if "{detail}" in CATALOGUE.get(code, ("", ""))[1]}
    assert {"photo_upload_refused", "fund_move_refused", "visit_location_refused"} <= with_detail
    assert sorted(code for code in with_detail if f"{code}#brief" not in CATALOGUE) == []


def test_a_refused_photo_or_fund_move_reads_in_persian_without_the_english_detail() -> None:
    for code in ("photo_upload_refused", "fund_move_refused", "visit_incomplete", "visit_location_refused"):
        words = error_words(code, "HTTP 413 Payload Too Large", "fa")
        assert has_persian(words) and "Payload" not in words, code
        assert "Payload" in error_words(code, "HTTP 413 Payload Too Large", "en"), code
