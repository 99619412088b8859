"""Export to Excel from the atlas list: exactly the rows on screen, in their order and the member's language."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import load_workbook

from models.enums import Process, Status
from sync import clock
from sync.store import LocalStore
from tests.support.flet_harness import FletHarness
from tests.views.conftest import DESKTOP, PHONE, app_state, run
from views.app import make_main
from views.shell import labels


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Noon UTC on 28 November 2026 (7 Azar 1405): the same day in every time zone a test machine has."""
    moment = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)


async def open_app(
    store: LocalStore, size: tuple[int, int], save: Callable[[dict[str, Any]], Any] | None = None
) -> tuple[FletHarness, list[dict[str, Any]]]:
    """The app with a client whose file picker records what it was asked to save."""
    saved: list[dict[str, Any]] = []

    def save_file(args: dict[str, Any]) -> Any:
        saved.append(args)
        return save(args) if save else None  # a browser downloads and names no path

    harness = FletHarness({"save_file": save_file}, width=size[0], height=size[1])
    await harness.start(make_main(store), route="/atlas")
    return harness, saved


def rows_of(data: bytes) -> tuple[list[Any], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    workbook = load_workbook(io.BytesIO(data))
    atlas, about = workbook.worksheets
    rows = list(atlas.iter_rows(values_only=True))
    return list(rows[0]), rows[1:], list(about.iter_rows(values_only=True))


def test_export_on_a_persian_phone_saves_the_filtered_rows_in_order_with_persian_headers(
    gem_store: LocalStore,
) -> None:
    async def scenario() -> None:
        h, saved = await open_app(gem_store, PHONE)
        state = app_state(h)
        state.toggle_filter("processes", Process.DRI)
        state.toggle_filter("statuses", Status.CONSTRUCTION)
        state.set_sort("capacity")
        await h.settle()
        shown = [a.id for a in state.results]
        assert 0 < len(shown) < 59
        await h.fire(h.by_data("export-excel"))
        await h.wait_for(lambda: bool(saved) and state.notice is not None)

        args = saved[0]
        assert args["file_name"] == "zanjireh-atlas-1405-09-07.xlsx"
        assert args["allowed_extensions"] == ["xlsx"]
        header, rows, about = rows_of(args["src_bytes"])
        assert header[:3] == ["شناسهٔ GEM", "نام فارسی", "نام انگلیسی"] and "استان" in header
        assert [row[0] for row in rows] == shown  # exactly the list, in the order shown
        assert rows[0][header.index("استان")] == labels.province_name(state.results[0].place.province, "fa")
        summary = about[0][1]
        assert "آهن اسفنجی (DRI)" in summary and "در دست ساخت" in summary and "ترتیب: ظرفیت فعال (نزولی)" in summary
        assert about[0][0] == f"{len(shown)} ردیف".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        message = state.notice_message or ""
        assert state.notice.level == "info" and "zanjireh-atlas-1405-09-07.xlsx" in message
        assert not re.search(r"[0-9]", message.replace("1405-09-07", ""))  # Persian digits in the words

    run(scenario())


def test_export_on_an_english_desktop_follows_the_search_and_says_where_it_was_saved(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h, saved = await open_app(gem_store, DESKTOP, save=lambda args: f"/home/analyst/{args['file_name']}")
        state = app_state(h)
        state.set_language("en")
        state.search("Isfahan")
        await h.settle()
        shown = [a.id for a in state.results]
        await h.fire(h.by_data("export-excel"))
        await h.wait_for(lambda: bool(saved) and state.notice is not None)

        assert saved[0]["file_name"] == "zanjireh-atlas-2026-11-28.xlsx"
        header, rows, about = rows_of(saved[0]["src_bytes"])
        assert header[:3] == ["GEM ID", "Persian name", "English name"]
        assert [row[0] for row in rows] == shown
        assert about[0][:2] == (f"{len(shown)} rows", "Search: 'Isfahan'")
        path = "\u2066/home/analyst/zanjireh-atlas-2026-11-28.xlsx\u2069"  # isolated: a path reads left to right
        assert state.notice_message == f"Saved {len(shown)} rows to {path}."

    run(scenario())


def test_a_desktop_save_dialog_closed_without_saving_says_nothing(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h, saved = await open_app(gem_store, DESKTOP, save=lambda _args: None)
        h.page.web = False  # a desktop window: no path back means the member cancelled
        state = app_state(h)
        await h.fire(h.by_data("export-excel"))
        await h.wait_for(lambda: bool(saved))
        assert state.notice is None and state.busy is None

    run(scenario())


def test_a_save_that_fails_becomes_a_notice_in_the_members_language(gem_store: LocalStore) -> None:
    def refuse(_args: dict[str, Any]) -> Any:
        raise PermissionError("read-only folder")

    async def scenario() -> None:
        h, _ = await open_app(gem_store, DESKTOP, save=refuse)
        state = app_state(h)
        await h.fire(h.by_data("export-excel"))
        await h.wait_for(lambda: state.notice is not None)
        assert state.notice.level == "error"
        assert (state.notice_message or "").startswith("فایل خروجی ساخته یا ذخیره نشد")
        assert h.find(data="notice-error")

    run(scenario())


def test_nothing_matches_nothing_to_export(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(gem_store, DESKTOP)
        app_state(h).search("no such plant anywhere")
        await h.settle()
        assert h.by_data("export-excel").disabled

    run(scenario())
