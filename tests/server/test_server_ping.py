"""The transport: ping, the schema header, the error body, gzip, auth required, OpenAPI."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.server.helpers import API, Api, error_of, import_reference, make_plant, make_source
from tests.support.live_server import LiveServer


def test_ping_identifies_the_api(live_server: LiveServer) -> None:
    answer = httpx.get(live_server.url + API + "/ping", headers={"X-Zanjireh-Schema": "1"})

    assert answer.status_code == 200
    body = answer.json()
    assert body["service"] == "zanjireh-api"
    assert body["api_version"] == 1 and body["schema_version"] == 1 and body["min_client_schema"] == 1
    assert body["collections"] == {
        "reference": [
            "plants",
            "mines",
            "sources",
            "categories",
            "suppliers",
            "fund_programmes",
            "fund_calls",
            "checklists",
        ],
        "user": ["favourites", "notes"],
        "shared": [
            "needs",
            "answers",
            "fund_applications",
            "fund_reviews",
            "fund_ledger",
            "visits",
            "decisions",
            "corrections",
        ],
    }
    assert body["server_time"].endswith("Z")


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/me"), ("GET", "/changes/plants"), ("POST", "/push"), ("POST", "/auth/logout")],
)
def test_every_endpoint_but_ping_and_sign_in_needs_a_token(live_server: LiveServer, method: str, path: str) -> None:
    answer = httpx.request(method, live_server.url + API + path, json={}, headers={"X-Zanjireh-Schema": "1"})

    assert answer.status_code == 401
    assert error_of(answer)["code"] == "unauthorized"
    assert answer.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("server_env", [{"ZANJIREH_MIN_CLIENT_SCHEMA": "2"}])
def test_old_client_schema_gets_426(live_server: LiveServer) -> None:
    url = live_server.url + API + "/ping"

    old = httpx.get(url, headers={"X-Zanjireh-Schema": "1"})
    missing = httpx.get(url)  # no header counts as schema 1
    current = httpx.get(url, headers={"X-Zanjireh-Schema": "2"})

    assert old.status_code == 426 and error_of(old)["code"] == "upgrade_required"
    assert error_of(old)["detail"] == {"client_schema": 1, "min_client_schema": 2}
    assert missing.status_code == 426
    assert current.status_code == 200 and current.json()["min_client_schema"] == 2


def test_schema_header_that_is_not_a_number_is_invalid(live_server: LiveServer) -> None:
    answer = httpx.get(live_server.url + API + "/ping", headers={"X-Zanjireh-Schema": "one"})

    assert answer.status_code == 400 and error_of(answer)["code"] == "invalid"


def test_responses_are_gzip_compressed(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 40)], sources=[make_source()])

    headers = {**member.http.headers, "Accept-Encoding": "gzip"}
    with httpx.stream("GET", live_server.url + API + "/changes/plants", headers=headers) as raw:
        wire = b"".join(raw.iter_raw())  # the bytes as sent, before httpx decodes them

    assert raw.headers["content-encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(wire))["items"]) == 39
    assert len(wire) < int(raw.headers["content-length"]) + 1 < len(gzip.decompress(wire))
    small = httpx.get(live_server.url + API + "/ping", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # under ~1 KB: not worth compressing


def test_api_answers_are_not_cacheable(live_server: LiveServer, member: Api) -> None:
    answer = member.http.get("/me")

    assert answer.headers["cache-control"] == "no-store"


def test_unknown_path_gets_the_error_body(live_server: LiveServer) -> None:
    answer = httpx.get(live_server.url + API + "/nothing-here")

    assert answer.status_code == 404 and error_of(answer)["code"] == "not_found"


def test_wrong_method_gets_the_error_body(live_server: LiveServer) -> None:
    answer = httpx.delete(live_server.url + API + "/ping")

    assert answer.status_code == 405 and error_of(answer)["code"] == "invalid"


def test_malformed_request_body_gets_422_with_field_errors(live_server: LiveServer, member: Api) -> None:
    answer = member.http.post("/push", json={"client_id": "not-a-uuid", "ops": [{"seq": "x"}]})

    error = error_of(answer)
    assert answer.status_code == 422 and error["code"] == "invalid"
    fields = {problem["field"] for problem in error["detail"]}
    assert "body.client_id" in fields and "body.ops.0.seq" in fields


def test_body_that_is_not_json_gets_422(live_server: LiveServer, member: Api) -> None:
    answer = member.http.post("/push", content=b"{not json", headers={"Content-Type": "application/json"})

    assert answer.status_code == 422 and error_of(answer)["code"] == "invalid"


@pytest.mark.parametrize("server_env", [{"ZANJIREH_MAX_REQUEST_BYTES": "2000"}])
def test_request_body_over_the_limit_gets_413(live_server: LiveServer, member: Api) -> None:
    ops = [member.op("notes", "5d0e0000-0000-4000-8000-000000000001", {"text": "x" * 5000})]

    answer = member.http.post("/push", json={"client_id": member.client_id, "ops": ops})

    assert answer.status_code == 413 and error_of(answer)["code"] == "too_large"


@pytest.mark.parametrize("server_env", [{"ZANJIREH_MAX_REQUEST_BYTES": "2000"}])
def test_chunked_request_body_over_the_limit_gets_413(live_server: LiveServer, member: Api) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the server has to count
        yield b'{"client_id": "' + member.client_id.encode() + b'", "ops": ['
        for seq in range(1, 100):
            yield b'{"seq": %d, "op_id": "x", "collection": "notes", "record_id": "r", "action": "delete"},' % seq
        yield b'{"seq": 100, "op_id": "x", "collection": "notes", "record_id": "r", "action": "delete"}]}'

    answer = member.http.post("/push", content=chunks(), headers={"Content-Type": "application/json"})

    assert answer.status_code == 413 and error_of(answer)["code"] == "too_large"


def test_openapi_documents_every_endpoint(live_server: LiveServer) -> None:
    spec: dict[str, Any] = httpx.get(live_server.url + "/openapi.json").json()

    assert spec["info"]["title"] == "Zanjireh sync API"
    expected = {
        ("get", "/api/v1/ping"),
        ("post", "/api/v1/auth/token"),
        ("post", "/api/v1/auth/refresh"),
        ("post", "/api/v1/auth/logout"),
        ("get", "/api/v1/me"),
        ("get", "/api/v1/changes/{collection}"),
        ("post", "/api/v1/push"),
    }
    documented = {(method, path) for path, methods in spec["paths"].items() for method in methods}
    assert expected <= documented
    for method, path in expected:
        operation = spec["paths"][path][method]
        assert operation["summary"], (method, path)
    assert {"ChangesPage", "PushResponse", "TokenPair", "ErrorBody", "Ping"} <= set(spec["components"]["schemas"])
