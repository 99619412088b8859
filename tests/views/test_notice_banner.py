"""The notice banner draws a file name whole: it wraps to the next line as one piece, not split at its hyphens."""

from __future__ import annotations

import flet as ft

from sync.store import LocalStore
from tests.support.flet_harness import FletHarness
from tests.views.conftest import PHONE, app_state, run
from views.app import make_main
from views.shell import i18n
from views.shell.export import FileExport
from views.shell.notice import WORD_JOINER, unbroken_names


def test_a_file_name_keeps_its_hyphens_joined_and_persian_words_are_untouched() -> None:
    drawn = unbroken_names("۴۱ ردیف در فایل «zanjireh-atlas-1405-09-11.xlsx» دانلود شد.")
    joined = WORD_JOINER.join(["zanjireh-", "atlas-", "1405-", "09-", "11.xlsx"])
    assert drawn == f"۴۱ ردیف در فایل «{joined}» دانلود شد."
    assert drawn.replace(WORD_JOINER, "") == "۴۱ ردیف در فایل «zanjireh-atlas-1405-09-11.xlsx» دانلود شد."
    assert unbroken_names("بازدید اردیبهشت - کورهٔ ۲") == "بازدید اردیبهشت - کورهٔ ۲"  # a dash between words still wraps


def test_the_export_notice_on_a_persian_phone_draws_the_downloaded_file_name_unbroken() -> None:
    async def scenario() -> None:
        harness = FletHarness({}, width=PHONE[0], height=PHONE[1])
        await harness.start(make_main(LocalStore.in_memory()), route="/")
        state = app_state(harness)
        state.export_saved(FileExport("zanjireh-atlas-1405-09-11.xlsx", b"", rows=41), None)
        await harness.settle()

        text = harness.by_data("notice-text", ft.Text)
        assert text.value == unbroken_names(state.notice_message or "")
        assert "zanjireh-" + WORD_JOINER + "atlas-" + WORD_JOINER + "1405" in text.value
        assert (
            state.notice_message
            == f"{i18n.number(41, 'fa')} ردیف در فایل «{i18n.ltr('zanjireh-atlas-1405-09-11.xlsx')}» دانلود شد."
        )

    run(scenario())
