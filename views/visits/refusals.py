"""The server's refusals of a visit or of one of its photos, in the member's words, with the limit in their digits."""

from __future__ import annotations

import re

from views.shell import i18n
from views.shell.i18n import CATALOGUE, Lang, t

_FIRST_NUMBER = re.compile(r"\d+")


def refusal_words(reason: str | None, lang: Lang) -> str:
    """«too_many_drafts: at most 50 …» → the words of its code with the limit; a code without words of its own
    keeps the server's text in English and, on a Persian screen, only its code."""
    text = reason or "rejected"
    code, _, detail = text.partition(":")
    key = f"visit_refused_{code.strip()}"
    if key in CATALOGUE:
        found = _FIRST_NUMBER.search(detail)
        return t(key, lang, limit=i18n.number(int(found.group()), lang) if found else "")
    return i18n.ltr(code.strip()) if lang == "fa" else text


def upload_refusal_words(reason: str, lang: Lang) -> str:
    """Why the server will not take a photo (its upload's code: too_large, not_an_image, hash_mismatch)."""
    key = f"visit_photo_refused_{reason}"
    return t(key, lang) if key in CATALOGUE else i18n.ltr(reason) if lang == "fa" else reason
