"""Every operation of the OpenAPI document fuzzed with schemathesis, signed in as each role (issue 12, item 2):
no answer is a 5xx, every answer has a documented status and matches its documented schema, and requests
that break the schema (wrong types, missing fields, malformed JSON) get a 4xx with the contract's error body.

The number of examples per operation and role is bounded (``ZANJIREH_FUZZ_EXAMPLES``, default 8) so the
test command stays within CI's time; a deeper run sets it higher (docs/reliability.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.hardening.world import ACTORS, BACKENDS, World, world_on

EXAMPLES = int(os.environ.get("ZANJIREH_FUZZ_EXAMPLES", "8"))
#: Operations anyone may call: fuzzed once, without a token (a token changes nothing there).
PUBLIC = {"GET /api/v1/ping", "POST /api/v1/auth/token", "POST /api/v1/auth/refresh"}
#: Ends the caller's sign-in: fuzzed with a sign-in of its own so the other operations keep theirs.
ENDS_SESSION = {"POST /api/v1/auth/logout"}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The fuzz on SQLite and on PostgreSQL, which stores, compares and refuses text differently (U+0000, lengths,
    collation) and is what production runs."""
    with world_on(request.param, request, tmp_path_factory.mktemp("fuzz")) as built:
        yield built


@pytest.fixture(scope="module")
def schema(world: World) -> Any:
    return schemathesis.openapi.from_url(world.server.url + "/openapi.json")


def labels(world: World) -> list[str]:
    document = httpx.get(world.server.url + "/openapi.json").json()
    return sorted(f"{method.upper()} {path}" for path, item in document["paths"].items() for method in item)


def fuzz(operation: Any, base_url: str, headers: dict[str, str], mode: GenerationMode) -> None:
    """``EXAMPLES`` cases of ``mode`` against the live server; the first failing check fails the test."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same cases on every run: a failure in CI is one a developer can repeat
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS, timeout=30)

    try:
        run()
    except Unsatisfiable:
        # Nothing to break: an operation without parameters or body (ping, me) has no invalid request.
        assert mode is GenerationMode.NEGATIVE, f"no valid case of {operation.label}"


def operations(schema: Any) -> Iterator[Any]:
    for result in schema.get_all_operations():
        yield result.ok()


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize("actor", list(ACTORS))
def test_every_operation_answers_as_documented_for_every_role(world: World, schema: Any, actor: str, mode) -> None:
    fuzzed: list[str] = []
    for operation in operations(schema):
        label = f"{operation.method.upper()} {operation.path}"
        if label in PUBLIC and actor != "anonymous":
            continue
        api = world.fresh(actor) if label in ENDS_SESSION else world.client(actor)
        headers = {"X-Zanjireh-Schema": "1"}
        if api.tokens:
            headers["Authorization"] = f"Bearer {api.tokens['access_token']}"
        fuzz(operation, world.server.url, headers, mode)
        fuzzed.append(label)
    assert fuzzed, "no operation was fuzzed"
    assert world.server.running


def test_the_fuzzer_covers_every_operation_of_the_document(world: World, schema: Any) -> None:
    seen = sorted(f"{op.method.upper()} {op.path}" for op in operations(schema))
    assert seen == labels(world)


MALFORMED = {
    "truncated JSON": (b'{"client_id": "', "not valid JSON"),
    "not UTF-8": (b"\xff\xfe\x00garbage", "JSON"),
    "a JSON string instead of an object": (b'"ops"', "valid dictionary"),
}


@pytest.mark.parametrize("body, words", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("path, actor", [("/push", "member_a"), ("/auth/token", "anonymous")])
def test_a_malformed_body_gets_a_4xx_that_says_what_is_wrong(
    world: World, path: str, actor: str, body: bytes, words: str
) -> None:
    api = world.client(actor)
    answer = api.http.post(path, content=body, headers={"Content-Type": "application/json"})

    assert answer.status_code in (400, 422)
    error = answer.json()["error"]
    assert error["code"] == "invalid" and words in error["message"], error


def test_wrong_types_get_a_422_naming_each_field(world: World) -> None:
    api = world.client("member_a")
    body = {
        "client_id": 7,
        "ops": [{"seq": "one", "op_id": "x", "collection": [], "record_id": "r", "action": "upsert"}],
    }

    answer = api.http.post("/push", json=body)

    assert answer.status_code == 422
    fields = {problem["field"] for problem in answer.json()["error"]["detail"]}
    assert {"body.client_id", "body.ops.0.seq", "body.ops.0.collection"} <= fields
