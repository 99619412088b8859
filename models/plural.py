"""CLDR plural categories for the app's languages (Persian and English), from the number as it is shown.

The rules are CLDR's (``plurals.xml``), written out for the two languages the app speaks so that the
phone bundle needs no Babel (docs/decisions.md §21); ``tests/models/test_plural.py`` proves them equal to
Babel's for every number the screens can show. A category is chosen from the *shown* number: "1.0 Mt/y"
is plural in English ("1.0 units"), "1 unit" is not, so pass the displayed figure (a ``str`` or
``Decimal``) when it has decimals.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Literal

Category = Literal["zero", "one", "two", "few", "many", "other"]
#: What each language distinguishes (CLDR); every catalogue message counted in that language needs these.
CATEGORIES: dict[str, tuple[Category, ...]] = {"fa": ("one", "other"), "en": ("one", "other")}

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩\u066b\u066c", "01234567890123456789.,")


def operands(number: int | float | Decimal | str) -> tuple[Decimal, int, int]:
    """CLDR's operands ``n`` (absolute value), ``i`` (integer digits) and ``v`` (visible fraction digits).

    A string may be a figure as the screens show it: Persian or Arabic digits, ``٫`` or ``.`` for decimals,
    grouping separators.
    """
    if isinstance(number, str):
        text = number.translate(_DIGITS).replace(",", "").replace("\u2212", "-").strip()
        try:
            value = Decimal(text)
        except InvalidOperation as error:
            raise ValueError(f"not a number: {number!r}") from error
    elif isinstance(number, float):
        value = Decimal(repr(number)).normalize() if number != int(number) else Decimal(int(number))
    else:
        value = Decimal(number)
    n = abs(value)
    exponent = n.as_tuple().exponent
    v = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return n, int(n), v


def plural_category(lang: str, number: int | float | Decimal | str) -> Category:
    """The CLDR plural category of ``number`` in ``lang`` ("fa" or "en")."""
    n, i, v = operands(number)
    if lang == "fa":  # one: i = 0 or n = 1
        return "one" if i == 0 or n == 1 else "other"
    if lang == "en":  # one: i = 1 and v = 0
        return "one" if i == 1 and v == 0 else "other"
    raise ValueError(f"no plural rules for {lang!r}")
