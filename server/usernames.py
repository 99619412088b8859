"""Usernames: one spelling per person, and no name that looks like someone else's.

A name is NFKC-normalised, case-folded, stripped of invisible characters and has Arabic letter forms
folded to the Persian ones (``models/search.py``), so «Ali», «ali​» (with a zero-width space) and
«علي» / «علی» each reach one account. A new name must also be written in one script: «аli» with a
Cyrillic «а» is refused instead of becoming a second «ali».
"""

from __future__ import annotations

import unicodedata

from models.search import fold_letters

MAX_LENGTH = 64
#: Besides letters and digits: what e-mail-like and dotted names use.
PUNCTUATION = frozenset("._-@")


class BadUsername(ValueError):
    """A name that cannot be created; the message says why, in English for the admin's terminal."""


def _invisible(ch: str) -> bool:
    # C*: controls, format characters (ZWSP, ZWNJ, ZWJ, direction marks, BOM, soft hyphen), unassigned,
    # private use; Z*: every kind of space. None of them shows as a letter of its own.
    return unicodedata.category(ch)[0] in "CZ"


def normalise_username(username: str) -> str:
    """The form a name is stored and looked up in; invisible characters are dropped (sign-in forgives them)."""
    text = unicodedata.normalize("NFKC", username).casefold()
    text = "".join(ch for ch in text if not _invisible(ch))
    return unicodedata.normalize("NFC", fold_letters(text))


def script_of(ch: str) -> str | None:
    """The script of a letter (LATIN, ARABIC, CYRILLIC, …); None for digits, marks and punctuation."""
    category = unicodedata.category(ch)
    if category[0] != "L":
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def check_new_username(typed: str) -> str:
    """The normalised name for a new account, or ``BadUsername`` saying what is wrong with what was typed."""
    hidden = sorted({f"U+{ord(ch):04X}" for ch in unicodedata.normalize("NFKC", typed).strip() if _invisible(ch)})
    if hidden:
        raise BadUsername(f"the username holds invisible characters or spaces ({', '.join(hidden)})")
    name = normalise_username(typed)
    if not 1 <= len(name) <= MAX_LENGTH:
        raise BadUsername(f"the username must be 1–{MAX_LENGTH} characters")
    others = sorted(
        {ch for ch in name if not (ch.isalnum() or unicodedata.category(ch)[0] == "M") and ch not in PUNCTUATION}
    )
    if others:
        raise BadUsername(
            f"the username may hold letters, digits and {' '.join(sorted(PUNCTUATION))} only, not {' '.join(others)}"
        )
    scripts = sorted({script for ch in name if (script := script_of(ch)) is not None})
    if len(scripts) > 1:
        raise BadUsername(f"the username mixes scripts ({', '.join(scripts)}); write it in one")
    if any(unicodedata.category(ch)[0] == "M" for ch in name) and not scripts:
        raise BadUsername("the username has marks without letters")
    return name
