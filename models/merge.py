"""Three-way merge of a user record changed on two devices: what "merge" offers in a conflict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Put between the two texts when both devices changed the same text field, for the user to edit.
TEXT_SEPARATOR = "\n———\n"


@dataclass
class MergeResult:
    merged: dict[str, Any]
    #: fields both sides changed differently (text fields hold both versions; others keep mine)
    clashes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.clashes


def merge_records(base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any]) -> MergeResult:
    """Field by field: a field changed on one side only takes that side; changed on both, it clashes.

    A clashing text field holds both versions (mine first) separated by TEXT_SEPARATOR so nothing typed
    is lost; any other clashing field keeps mine. Timestamps for display (``*_at``) take the later text.
    """
    base = base or {}
    merged: dict[str, Any] = {}
    clashes: list[str] = []
    for key in dict.fromkeys([*theirs, *mine]):
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        if m == t or t == b:
            merged[key] = m if key in mine else t
        elif m == b:
            merged[key] = t
        elif key.endswith("_at"):
            merged[key] = max(str(m), str(t))
        elif isinstance(m, str) and isinstance(t, str):
            merged[key] = m + TEXT_SEPARATOR + t
            clashes.append(key)
        else:
            merged[key] = m
            clashes.append(key)
    return MergeResult({k: v for k, v in merged.items() if v is not None or k in mine}, clashes)
