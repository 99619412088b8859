"""A fact row's label column leaves the value room on a phone: About's words and a server address are not
squeezed into a sliver beside a 150 px label; a field's hint wraps rather than ending in an ellipsis."""

from __future__ import annotations

import flet as ft
import pytest

from sync.store import LocalStore
from tests.support.flet_harness import FletHarness
from tests.views.conftest import DESKTOP, run
from views.app import make_main
from views.map.geometry import text_width
from views.shell import i18n
from views.shell.theme import Size, Space, Type

SMALL_PHONE = (360, 740)


def label_widths(harness: FletHarness, label: str) -> list[float | None]:
    return [text.width for text in harness.find(ft.Text, value=label)]


def test_about_on_a_small_phone_gives_its_values_the_room_a_desktop_gives_its_labels() -> None:
    async def scenario() -> None:
        label = i18n.t("about_suppliers", "fa")
        for size, width in ((SMALL_PHONE, Size.LABEL_WIDTH_PHONE), (DESKTOP, Size.LABEL_WIDTH)):
            harness = FletHarness({}, width=size[0], height=size[1])
            await harness.start(make_main(LocalStore.in_memory()), route="/about")
            await harness.settle()
            assert label_widths(harness, label) == [width], size

    run(scenario())


def test_the_sign_in_forms_server_hint_may_wrap_instead_of_ending_in_an_ellipsis() -> None:
    async def scenario() -> None:
        harness = FletHarness({}, width=SMALL_PHONE[0], height=SMALL_PHONE[1])
        await harness.start(make_main(LocalStore.in_memory()), route="/account")
        await harness.settle()
        address = harness.by_data("account-api", ft.TextField)
        assert address.helper == "با \u2066https://\u2069 شروع می‌شود، مگر سرور روی همین رایانه باشد"
        assert (address.helper_max_lines or 1) >= 2  # the whole hint fits at 360 px on two lines

    run(scenario())


def test_a_filter_sheet_leaves_room_above_its_first_field_for_the_fields_floating_label(
    gem_store: LocalStore,
) -> None:
    async def scenario() -> None:
        harness = FletHarness({}, width=SMALL_PHONE[0], height=640)
        await harness.start(make_main(gem_store), route="/atlas")
        await harness.fire(harness.by_data("toggle-filters"))
        body = harness.by_data("filter-sheet-body", ft.Column)
        room = body.controls[0]
        assert room.data == "filter-sheet-label-room" and room.height + body.spacing >= 8  # half a label's height
        assert harness.find(ft.Dropdown, root=body.controls[1])  # the province field comes right after it

    run(scenario())


def test_settings_about_link_starts_where_the_cards_titles_start_not_centred_on_a_desktop() -> None:
    async def scenario() -> None:
        harness = FletHarness({}, width=DESKTOP[0], height=DESKTOP[1])
        await harness.start(make_main(LocalStore.in_memory()), route="/settings")
        await harness.settle()
        about = harness.by_data("settings-about", ft.TextButton)
        holder = harness.by_data("settings", ft.ListView).controls[-1]
        # a lone button in a list is stretched across it, its words centred; in a row it keeps its own width
        assert isinstance(holder, ft.Row) and holder.controls == [about] and not about.expand

    run(scenario())


def test_the_owner_pickers_dialog_takes_a_small_phones_width_and_its_hint_may_wrap(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        harness = FletHarness({}, width=SMALL_PHONE[0], height=SMALL_PHONE[1])
        await harness.start(make_main(gem_store), route="/atlas")
        await harness.fire(harness.by_data("toggle-filters"))
        await harness.fire(harness.by_data("owner-picker"))
        dialog = next(d for d in harness.page._dialogs.controls if isinstance(d, ft.AlertDialog))  # over the sheet
        inset = dialog.inset_padding
        assert inset is not None and inset.left <= 16 and inset.right <= 16  # 328 of 360 px, not 280
        search = harness.by_data("owner-search", ft.TextField)
        assert search.hint_text == "نام مالک، فارسی یا انگلیسی" and (search.hint_max_lines or 1) >= 2
        assert dialog.content.horizontal_alignment == ft.CrossAxisAlignment.STRETCH  # the field as wide as the list

    run(scenario())


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_charts_scenario_segments_each_hold_their_words_in_a_small_phones_card(
    gem_store: LocalStore, lang: str
) -> None:
    """Equal thirds of the card's 290 px left "+ Construction" 82 px for 86 px of words: its last letter was cut."""

    async def scenario() -> None:
        harness = FletHarness({}, width=SMALL_PHONE[0], height=SMALL_PHONE[1])
        await harness.start(make_main(gem_store), route="/balance/charts")
        await harness.settle()
        if lang == "en":
            await harness.fire(harness.by_data("toggle-language"))
        switch = harness.by_data("scenario", ft.Container)
        segments = [c for c in switch.content.controls if isinstance(c, ft.Semantics)]
        # the screen's and the card's padding (16 px each side), the card's and the switch's borders, the dividers
        room = SMALL_PHONE[0] - 4 * Space.L - 2 - 2 - (len(segments) - 1)
        total = sum(s.expand for s in segments)
        for segment in segments:
            words = harness.find(ft.Text, root=segment)[0].value
            padding = segment.content.padding.left + segment.content.padding.right
            assert text_width(words, Type.LABEL.size) + padding <= room * segment.expand / total, words

    run(scenario())


def test_the_desktop_filters_leave_room_above_the_province_fields_floating_label(gem_store: LocalStore) -> None:
    """Seen at 1280 px: the label «استان» 2 px under the chips above it."""

    async def scenario() -> None:
        harness = FletHarness({}, width=DESKTOP[0], height=DESKTOP[1])
        await harness.start(make_main(gem_store), route="/atlas")
        await harness.settle()
        column = next(c for c in harness.find(ft.Column) if any(x.data == "filter-label-room" for x in c.controls))
        datas = [x.data for x in column.controls]
        room = column.controls[datas.index("filter-label-room")]
        assert room.height + 2 * column.spacing >= 8  # half a label's height above the field's border
        assert harness.find(ft.Dropdown, root=column.controls[datas.index("filter-label-room") + 1])

    run(scenario())
