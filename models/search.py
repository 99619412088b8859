"""Search normalisation for Persian, Arabic and Latin text, and the match rule used by the atlas.

Members type on phones with Arabic or Persian keyboards, with or without the zero-width non-joiner,
in Persian or Arabic digits. Everything searched is folded to one form first so «مباركه» (Arabic
kaf), «مبارکه» and «مبار‌که» find the same plant.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Letters that differ between Arabic and Persian keyboards, or carry a hamza or madda that users
# usually omit. NFKD has already split hamza/madda into a base letter plus a mark.
_LETTER_FOLDS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي Arabic yeh → ی Persian yeh
        "\u0649": "\u06cc",  # ى alef maksura → ی
        "\u0643": "\u06a9",  # ك Arabic kaf → ک Persian keheh
        "\u0629": "\u0647",  # ة teh marbuta → ه
        "\u06d5": "\u0647",  # ە ae (from ۀ after NFKD) → ه
        "\u06c1": "\u0647",  # ہ heh goal → ه
        "\u0671": "\u0627",  # ٱ alef wasla → ا
        "\u0625": "\u0627",  # إ (if not decomposed)
        "\u0623": "\u0627",  # أ
        "\u0622": "\u0627",  # آ
    }
)
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# One table for what follows NFKD: drop combining marks (hamza, madda, harakat, accents) and fold letters and
# digits, in a single pass in C. Combining marks all lie between U+0300 and U+1F000 (checked in the tests).
_FOLD = {cp: None for cp in range(0x300, 0x1F000) if unicodedata.combining(chr(cp))} | _LETTER_FOLDS | _DIGITS
# Zero-width and direction marks: ZWNJ, ZWJ, LRM, RLM, ALM, embeddings and isolates, BOM.
_INVISIBLE = re.compile("[\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u0640]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# What normalising keeps: runs of word characters other than "_" (the words ``_NON_WORD`` and "_" separate),
# found in one pass rather than replaced, replaced again and split.
_WORD = re.compile(r"[^\W_]+")
# ASCII text needs no folding but case: its words are runs of these once lower-cased.
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def normalize(text: str) -> str:
    """Fold text to the form used for searching: one letter form, no marks, ASCII digits, lower case."""
    if not text:
        return ""
    if text.isascii():  # ids, part numbers, English names: no marks, no letter forms, casefold() is lower()
        return " ".join(_ASCII_WORD.findall(text.lower()))
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKD", text).translate(_FOLD).casefold()
    return " ".join(_WORD.findall(text))


@functools.lru_cache(maxsize=32768)
def _normalized_part(text: str) -> str:
    return normalize(text)


def normalize_joined(parts: Iterable[str]) -> str:
    """``normalize(" | ".join(parts))``, each part normalised once per process: records repeat the same product
    names and materials, and a first sync normalises the words of 65,000 of them. The same text, because
    normalising works letter by letter and the separator between parts becomes the one space between words."""
    return " ".join(found for part in parts if (found := _normalized_part(part)))


def tokens(text: str) -> list[str]:
    return normalize(text).split()


def matches(query_tokens: list[str], haystack: str) -> bool:
    """Every token of the query occurs in the (normalised) haystack, or the query run together does.

    The run-together form lets «فولادمبارکه» (typed without a space) find «فولاد مبارکه».
    """
    if not query_tokens:
        return True
    if all(token in haystack for token in query_tokens):
        return True
    return "".join(query_tokens) in haystack.replace(" ", "")


def fold_letters(text: str) -> str:
    """Arabic letter forms to the Persian ones search folds them to (ي → ی, ك → ک …), digits to ASCII.

    Nothing else changes (no case folding, no removal of marks): for identifiers such as usernames,
    where «علي» and «علی» must be one name but the text otherwise stays as typed.
    """
    return text.translate(_LETTER_FOLDS).translate(_DIGITS)
