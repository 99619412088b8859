"""Checking a pushed record against its model: every field it sends must be one the model keeps.

The read models ignore fields they do not know (a newer server may add some), at every depth. A
record *pushed* by a client must not lose anything silently, so the server validates it with the
read model and then compares what the model kept with what was sent (``unknown_fields``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError


def unknown_fields(sent: Any, kept: Any, path: str = "") -> list[str]:
    """Dotted paths of fields present in ``sent`` and absent from ``kept`` (the model's dump)."""
    found: list[str] = []
    if isinstance(sent, Mapping) and isinstance(kept, Mapping):
        for key, value in sent.items():
            here = f"{path}.{key}" if path else str(key)
            if key not in kept:
                found.append(here)
            else:
                found += unknown_fields(value, kept[key], here)
    elif isinstance(sent, list | tuple) and isinstance(kept, list | tuple) and len(sent) == len(kept):
        for index, (a, b) in enumerate(zip(sent, kept, strict=True)):
            found += unknown_fields(a, b, f"{path}.{index}")
    return found


M = TypeVar("M", bound=BaseModel)


class RecordProblems(ValueError):
    """A pushed record that cannot be stored as sent: ``problems`` lists ``{field, message}``."""

    def __init__(self, problems: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{p['field']}: {p['message']}" for p in problems))
        self.problems = problems


def validate_strictly(model: type[M], data: Any, *, free_keys: tuple[str, ...] = ()) -> M:
    """``data`` as ``model``, or ``RecordProblems``. Fields under a key of ``free_keys`` (a mapping the
    model keeps whole, such as a visit's answers) are not compared."""
    if not isinstance(data, Mapping):
        raise RecordProblems([{"field": "data", "message": "data must be a JSON object"}])
    try:
        record = model.model_validate(data)
    except ValidationError as error:
        raise RecordProblems(
            [
                {"field": ".".join(str(part) for part in e["loc"]) or "data", "message": e["msg"]}
                for e in error.errors(include_url=False)
            ]
        ) from None
    kept = record.model_dump(mode="json")
    sent = {k: v for k, v in data.items() if k not in free_keys}
    extra = unknown_fields(sent, kept)
    if extra:
        raise RecordProblems([{"field": name, "message": "Extra inputs are not permitted"} for name in extra])
    return record
