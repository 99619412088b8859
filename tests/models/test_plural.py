"""The app's own CLDR plural rules give Babel's answer for every number the screens show, in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel import Locale

from models.plural import CATEGORIES, plural_category

NUMBERS: list[int | Decimal] = [
    *range(0, 1201),
    10_000,
    100_000,
    1_000_000,
    *(Decimal(text) for text in ("0.0", "0.1", "0.5", "0.9", "1.0", "1.00", "1.5", "2.0", "10.5", "12.25", "999.9")),
]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_plural_categories_equal_babels_cldr_rules(lang: str) -> None:
    babel = Locale.parse(lang).plural_form
    differ = [(n, plural_category(lang, n), babel(n)) for n in NUMBERS if plural_category(lang, n) != babel(n)]
    assert differ == []
    assert set(Locale.parse(lang).plural_form.tags) | {"other"} == set(CATEGORIES[lang])


def test_the_shown_figure_decides_one_point_zero_is_plural_in_english() -> None:
    assert plural_category("en", "1") == "one"
    assert plural_category("en", "1.0") == "other"  # "1.0 Mt/y", as CLDR says: v = 1
    assert plural_category("en", 1) == "one" and plural_category("en", 1.5) == "other"
    assert (
        plural_category("fa", "۱٫۰")
        == plural_category("fa", Decimal("1.0"))
        == Locale.parse("fa").plural_form(Decimal("1.0"))
    )
    assert plural_category("en", "1,000") == "other" and plural_category("fa", "۰٫۵") == "one"


def test_an_unknown_language_or_a_word_is_refused() -> None:
    with pytest.raises(ValueError):
        plural_category("de", 1)
    with pytest.raises(ValueError):
        plural_category("en", "many")
