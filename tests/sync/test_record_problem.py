"""What a pulled record may hold: texts and field names up to MAX_FIELD_CHARS, nesting up to MAX_NESTING levels —
judged the same as a plain walk over every value would judge it."""

from __future__ import annotations

from typing import Any

import pytest

from models.demo import demo_supplier
from sync.api_client import MAX_FIELD_CHARS, MAX_NESTING, record_problem


def plain_walk(data: Any) -> str | None:
    """The rule spelled out: every value with its depth (the record at 0), checked one by one."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_NESTING:
            return "nested"
        if isinstance(value, str):
            if len(value) > MAX_FIELD_CHARS:
                return "characters"
        elif isinstance(value, dict):
            for key, inner in value.items():
                if len(key) > MAX_FIELD_CHARS:
                    return "field name"
                stack.append((inner, depth + 1))
        elif isinstance(value, list):
            stack.extend((inner, depth + 1) for inner in value)
    return None


def nested(levels: int, leaf: Any = 1) -> Any:
    value = leaf
    for level in range(levels):
        value = [value] if level % 2 else {"k": value}
    return value


LONG = "ب" * (MAX_FIELD_CHARS + 1)
CASES: list[Any] = [
    {"name_fa": "صنایع نسوز سپاهان", "products": [{"name_fa": "آجر"}], "lat": 32.6, "demo": True, "x": None},
    {"notes": "ب" * MAX_FIELD_CHARS},  # at the limit: kept
    {"notes": LONG},
    {"products": [{"specs": [LONG]}]},
    {LONG: 1},
    {"a": {LONG: []}},
    LONG,
    "short",
    [],
    {},
    nested(MAX_NESTING),  # deepest value at MAX_NESTING: kept
    nested(MAX_NESTING + 1),
    nested(MAX_NESTING + 1, leaf="x"),
    nested(MAX_NESTING, leaf=[]),  # an empty list at the limit holds nothing deeper: kept
    nested(MAX_NESTING, leaf=[1]),
    nested(MAX_NESTING, leaf={}),
    nested(MAX_NESTING, leaf={"k": None}),
    nested(200),
]


@pytest.mark.parametrize("data", CASES, ids=range(len(CASES)))
def test_a_record_is_refused_exactly_when_a_plain_walk_over_its_values_refuses_it(data: Any) -> None:
    found = record_problem(data)
    expected = plain_walk(data)
    assert (found is None) == (expected is None)
    if expected is not None:
        assert found is not None and expected in found  # and says why: too long, a long field name, too deep


def test_real_records_are_kept() -> None:
    for number in range(1, 200):
        assert record_problem(demo_supplier(number).model_dump(mode="json")) is None
