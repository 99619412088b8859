"""A hostile Zanjireh API for the client's tests: a real server process on loopback whose answers are
wrong in one way each, chosen by the first segment of the path (``http://127.0.0.1:PORT/<mode>``).

``python -m tests.hardening.hostile_server --port P [--certificate FILE --key FILE]`` serves until killed;
with a certificate it speaks TLS (the test gives it one made for another host name). Every request is
appended to ``--requests FILE`` (method, path, whether it carried a token), so a test can see what reached it.

Modes: ``ok`` (a correct API), ``huge_strings``, ``deep_nesting``, ``wrong_types``, ``unknown_collections``,
``garbage`` (10 MB of random bytes as a page), ``redirect`` (every answer is a 307 to ``--elsewhere``),
``slow_loris`` (headers, then a byte every few seconds, for ever), ``bad_error`` (a 400 whose message is 1 MB),
``drop_kept_alive`` (a correct API that answers one request per connection and closes the kept-alive connection,
unanswered, when the next request arrives on it: what uvicorn does when its keep-alive timeout fires just as the
client reuses the connection).
"""

from __future__ import annotations

import argparse
import json
import os
import ssl
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SOURCE = "gem-gist-2025-09"


def plant(number: int, **fields: Any) -> dict[str, Any]:
    return {"id": f"P1000001{number:05d}", "name_en": f"Hostile Test Plant {number}", "source_id": SOURCE} | fields


def item(data: dict[str, Any], version: int = 1) -> dict[str, Any]:
    return {"id": data["id"], "version": version, "deleted": False, "data": data}


def nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = {"deeper": value}
    return value


VALID = [plant(1), plant(2)]
#: The items each mode puts into the plants page beside the valid ones.
HOSTILE_ITEMS: dict[str, list[dict[str, Any]]] = {
    "huge_strings": [item(plant(3, name_en="ف" * 2_000_000))],
    "deep_nesting": [item(plant(4, extra=nested(400)))],
    "wrong_types": [item(plant(5, name_en=42)), item(plant(6, capacities="not a list"))],
}


class Handler(BaseHTTPRequestHandler):
    server_version = "hostile/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args: Any) -> None:  # quiet: the test reads --requests instead
        return

    def _record(self) -> None:
        path: Path | None = self.server.requests_file  # type: ignore[attr-defined]
        if path is not None:
            with path.open("a", encoding="utf-8") as out:
                out.write(json.dumps([self.command, self.path, "authorization" in self.headers]) + "\n")

    def _json(self, body: Any, status: int = 200) -> None:
        raw = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self._answer()

    def _answer(self) -> None:
        self._record()
        mode, _, rest = self.path.lstrip("/").partition("/")
        if mode == "drop_kept_alive":
            # One handler per connection: the second request on it is the one that meets a closed connection.
            if getattr(self, "answered_once", False):
                self.close_connection = True
                return
            self.answered_once = True
        rest = "/" + rest.split("?", 1)[0]
        if mode == "redirect":
            self.send_response(307)
            self.send_header("Location", self.server.elsewhere + self.path)  # type: ignore[attr-defined]
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if rest == "/api/v1/ping":
            collections = {"reference": ["plants"], "user": [], "shared": []}
            if mode == "unknown_collections":
                collections = {"reference": ["plants", "widgets"], "user": ["gadgets"], "shared": ["rumours"]}
            self._json({"service": "zanjireh-api", "api_version": 1, "schema_version": 1, "min_client_schema": 1,
                        "server_time": "2026-12-02T05:00:00Z", "collections": collections})  # fmt: skip
            return
        if rest == "/api/v1/auth/token":
            user = {"username": "ali", "role": "member", "org_id": None}
            later = "2099-01-01T00:00:00Z"
            self._json({"access_token": "hostile-access", "token_type": "bearer", "expires_at": later,
                        "refresh_token": "hostile-refresh", "refresh_expires_at": later, "user": user})  # fmt: skip
            return
        if rest.startswith("/api/v1/changes/"):
            self._page(mode, rest.rsplit("/", 1)[1])
            return
        if rest == "/api/v1/push":
            self._json({"results": [], "last_seq": 0})
            return
        self._json({"error": {"code": "not_found", "message": "no such path", "detail": None}}, 404)

    def _page(self, mode: str, collection: str) -> None:
        if mode == "garbage":
            raw = os.urandom(10 * 1024 * 1024)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
            return
        if mode == "slow_loris":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(10_000))
            self.end_headers()
            try:
                for _ in range(10_000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(2)
            except OSError:
                pass  # the client gave up: what it should do
            return
        if mode == "bad_error":
            self._json({"error": {"code": "invalid", "message": "x" * 1_000_000, "detail": None}}, 400)
            return
        if mode == "unknown_collections" and collection == "plants":
            self._json({"collection": "widgets", "schema_version": 1, "items": [item(p) for p in VALID],
                        "next_cursor": "c1", "has_more": False})  # fmt: skip
            return
        items = [item(p) for p in VALID] + HOSTILE_ITEMS.get(mode, [])
        self._json({"collection": collection, "schema_version": 1, "items": items, "next_cursor": "c1",
                    "has_more": False})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--certificate")
    parser.add_argument("--key")
    parser.add_argument("--requests", type=Path)
    parser.add_argument("--elsewhere", default="http://127.0.0.1:9")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.requests_file = args.requests  # type: ignore[attr-defined]
    server.elsewhere = args.elsewhere  # type: ignore[attr-defined]
    if args.certificate:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.certificate, args.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
