"""Persian alphabetical order (and English after it) for every list of names the app sorts.

Code-point order puts «پ چ ژ گ» after the Arabic letters (so «چهارمحال», «کرمان», «گیلان» land after
«همدان»); a reader expects the Persian alphabet. Names are folded first (models/search.py: one letter
form for Arabic and Persian keyboards, no diacritics or half-spaces), then compared letter by letter.
Any feature that shows a sorted list of names (provinces, owners, suppliers) sorts with ``collation_key``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from models.search import normalize

T = TypeVar("T")

#: The Persian alphabet; «آ» and the hamza forms fold into «ا», «ی», «و» before this order is read.
PERSIAN_ALPHABET = "ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_RANK = {letter: i for i, letter in enumerate(PERSIAN_ALPHABET)}

Key = tuple[tuple[int, int], ...]


def collation_key(text: str) -> Key:
    """Order names as a reader of either language expects: a shorter word before its continuations (space
    first), Persian letters in alphabet order, then digits and Latin letters (case-folded)."""
    key = []
    for char in normalize(text):
        if char == " ":
            key.append((0, 0))
        elif char in _RANK:
            key.append((1, _RANK[char]))
        else:
            key.append((2, ord(char)))
    return tuple(key)


# The same order as a string: a space first, then the Persian letters moved to code points a folded name never
# holds (1…32), then digits, Latin and everything else by code point. Compared as strings it orders exactly as
# collation_key's tuples do, at a fraction of the time and memory (100,000 supplier names are sorted by it).
_AS_STRING = str.maketrans({" ": "\x00"} | {letter: chr(1 + rank) for letter, rank in _RANK.items()})


def collation_string(text: str) -> str:
    """``collation_key`` as a string: the same order, for lists long enough for the difference to matter."""
    return normalize(text).translate(_AS_STRING)


def collated(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """``items`` in the order of their names (``name(item)``), Persian alphabetical first."""
    return sorted(items, key=lambda item: collation_key(name(item)))
