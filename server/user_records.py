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

REFERENCE_COLLECTIONS: tuple[str, ...] = (
    "plants", "mines", "sources", "categories", "suppliers", "fund_programmes", "fund_calls", "checklists",
)  # fmt: skip
#: Records visible beyond their author, each user seeing what models/access.py (needs, answers),
#: models/fund_access.py (the Fund's applications, reviews and ledger) and server/field_writes.py (visits,
#: decisions, corrections) let them see.
SHARED_COLLECTIONS: tuple[str, ...] = (
    "needs", "answers", "fund_applications", "fund_reviews", "fund_ledger", "visits", "decisions", "corrections",
)  # fmt: skip
#: Collections clients only push to (never pulled): the Fund's events (server/fund.py).
WRITE_ONLY_COLLECTIONS: tuple[str, ...] = ("fund_events",)

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
