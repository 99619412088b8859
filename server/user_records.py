"""The collections the server serves, and the user record rules it applies (defined in ``models/user_records.py``)."""

from __future__ import annotations

from models.user_records import (
    MODELS,
    USER_COLLECTIONS,
    Favourite,
    InvalidRecord,
    Note,
    check_record_id,
    unstorable_characters,
    validate_data,
)

REFERENCE_COLLECTIONS: tuple[str, ...] = ("plants", "mines", "sources", "categories", "suppliers")
#: Records visible beyond their author, each user seeing what models/access.py lets them see.
SHARED_COLLECTIONS: tuple[str, ...] = ("needs", "answers")

__all__ = [
    "MODELS",
    "REFERENCE_COLLECTIONS",
    "SHARED_COLLECTIONS",
    "USER_COLLECTIONS",
    "Favourite",
    "InvalidRecord",
    "Note",
    "check_record_id",
    "unstorable_characters",
    "validate_data",
]
