"""An inverted index searched by substring: which documents hold a word containing what was typed.

The app's search has always matched a typed word anywhere inside a word of a record («مبارکه» finds
«فولادمبارکه», «اسفنج» finds «آهن‌اسفنجی» once ZWNJ is folded away), which a prefix index (SQLite FTS5's) does
not. Here every distinct word is kept once, with the positions of the documents that hold it; a query tests the
vocabulary — thousands of distinct words, not tens of thousands of documents — then unions the postings of the
words it found. Words of digits only (ids, part numbers) are kept apart: only a typed number is looked for
there. What a text typed found is remembered, and a member typing a word letter by letter narrows what the
previous letters found instead of testing the whole vocabulary again.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterable

#: Texts whose matches are remembered (each keystroke of a word being typed asks again, one letter longer).
CACHE_SIZE = 256


class _Remembered:
    """A small cache of text → result that also finds the longest remembered text inside a new one."""

    def __init__(self) -> None:
        self._found: OrderedDict[str, object] = OrderedDict()

    def get(self, text: str) -> object | None:
        found = self._found.get(text)
        if found is not None:
            self._found.move_to_end(text)
        return found

    def narrower_than(self, text: str) -> object | None:
        """What a shorter text inside ``text`` found: every match of ``text`` is among its matches."""
        best: str | None = None
        for known in self._found:
            if known in text and (best is None or len(known) > len(best)):
                best = known
        return None if best is None else self._found[best]

    def put(self, text: str, found: object) -> None:
        self._found[text] = found
        self._found.move_to_end(text)
        while len(self._found) > CACHE_SIZE:
            self._found.popitem(last=False)


class SubstringIndex:
    """Documents (by integer position) and the words each holds; ``matching(text)`` is the set of positions of
    documents holding a word that contains ``text``."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = {}
        self._words: list[str] | None = None
        self._numbers: list[str] | None = None
        self._cache = _Remembered()

    def add(self, position: int, words: Iterable[str]) -> None:
        """Index document ``position`` under ``words`` (normalised); positions are added in increasing order."""
        postings = self._postings
        for word in set(words):
            found = postings.get(word)
            if found is None:
                postings[word] = [position]
            else:
                found.append(position)
        self._words = None

    def __len__(self) -> int:
        return len(self._postings)

    def _vocabulary(self) -> tuple[list[str], list[str]]:
        if self._words is None or self._numbers is None:
            self._numbers = [w for w in self._postings if w.isdigit()]
            self._words = [w for w in self._postings if not w.isdigit()]
        return self._words, self._numbers

    def words_containing(self, text: str) -> list[str]:
        """Every word of the vocabulary that contains ``text``."""
        words, numbers = self._vocabulary()
        # a number may sit inside a word of letters and digits; letters never inside a word of digits only
        pool = words + numbers if not text or text.isdigit() else words
        hint = self._cache.narrower_than(text) if text else None
        if hint is not None:
            pool = hint[0]  # type: ignore[index]
        return [w for w in pool if text in w]

    def matching(self, text: str) -> frozenset[int]:
        """Positions of the documents holding a word that contains ``text``."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit[1]  # type: ignore[index,no-any-return]
        words = self.words_containing(text)
        postings = self._postings
        found = frozenset().union(*[postings[w] for w in words]) if words else frozenset()
        self._cache.put(text, (words, found))
        return found


class RunTogether:
    """Names searched as if written without spaces: «فولادمبارکه» finds «فولاد مبارکه».

    A typed text found inside one word of a name is the words index's to find; this adds the names in which it
    runs across a space. Such a text holds, where it crosses, the letters on both sides of that space: two of
    them for a text of two letters, else two before and one after the space, or (crossing after its first
    letter) one before and two after. Those grams of every name's spaces are indexed; the names holding one of
    the text's grams are then checked in full.
    """

    def __init__(self, words: SubstringIndex) -> None:
        self._words = words
        self._compacts: list[str] = []
        self._grams: dict[str, list[int]] = {}
        self._cache = _Remembered()

    def add(self, position: int, names: Iterable[str]) -> None:
        """Document ``position``'s names (normalised, words separated by single spaces); in increasing order."""
        grams: set[str] = set()
        compacts = []
        for name in names:
            if name:
                found, compact = _grams(name)
                grams.update(found)
                compacts.append(compact)
        self._compacts.append(" ".join(compacts))
        table = self._grams
        for gram in grams:
            postings = table.get(gram)
            if postings is None:
                table[gram] = [position]
            else:
                postings.append(position)

    def matching(self, text: str) -> frozenset[int]:
        """Positions of the documents with a name that, written without spaces, contains ``text``."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit  # type: ignore[return-value]
        found = self._words.matching(text)
        if len(text) >= 2:
            table = self._grams
            if len(text) == 2:
                lists = [table.get("=" + text, ())]
            else:
                lists = [table.get(">" + text[k - 2 : k + 1], ()) for k in range(2, len(text))]
                lists.append(table.get("<" + text[:3], ()))
            candidates = set().union(*lists) - found
            compacts = self._compacts
            across = [p for p in candidates if text in compacts[p]]
            if across:
                found = found.union(across)
        self._cache.put(text, found)
        return found


@functools.lru_cache(maxsize=8192)
def _grams(name: str) -> tuple[frozenset[str], str]:
    """The grams around each space of ``name`` (see ``RunTogether``), and the name without its spaces."""
    words = name.split()
    compact = "".join(words)
    grams: set[str] = set()
    at = 0
    for word in words[:-1]:
        at += len(word)  # the space falls between compact[at - 1] and compact[at]
        grams.add("=" + compact[at - 1 : at + 1])
        if at >= 2:
            grams.add(">" + compact[at - 2 : at + 1])
        if at + 2 <= len(compact):
            grams.add("<" + compact[at - 1 : at + 2])
    return frozenset(grams), compact
