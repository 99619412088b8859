"""A transport that sits between the real client and the real server and breaks chosen exchanges.

Only for faults a real server cannot be made to produce on demand (a 500 in the middle of a pull,
a body cut off, a connection dropped, a response lost after the server applied the request).
Everything else goes through unchanged to the live server.
"""

from __future__ import annotations

import asyncio
import functools
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class Fault:
    """Break the ``nth`` request (1-based) whose path contains ``path``, ``times`` times in a row."""

    path: str
    kind: str  # "500", "503_retry_after", "truncate", "drop", "lose_response", "delay", "gzip_bomb"
    nth: int = 1
    times: int = 1
    delay_s: float = 0.0
    seen: int = 0
    fired: int = 0


@dataclass
class FaultPlan:
    """The faults to inject and the log of requests, shared by every client a test's device makes."""

    faults: list[Fault] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    #: Called before each request is forwarded (tests use it to act "during" a sync).
    before: Callable[[httpx.Request], None] | None = None
    #: Called once the server has answered, before the client gets the answer (its work is done by then).
    after: Callable[[httpx.Request], None] | None = None
    #: path fragment → function rewriting the JSON answer (what a newer server would send)
    rewrites: dict[str, Callable[[Any], Any]] = field(default_factory=dict)

    def add(self, path: str, kind: str, **options: float) -> Fault:
        fault = Fault(path, kind, **options)  # type: ignore[arg-type]
        self.faults.append(fault)
        return fault

    def count(self, fragment: str) -> int:
        return sum(1 for line in self.log if fragment in line)

    def due(self, request: httpx.Request) -> Fault | None:
        for fault in self.faults:
            if fault.path in request.url.path:
                fault.seen += 1
                if fault.seen >= fault.nth and fault.fired < fault.times:
                    fault.fired += 1
                    return fault
        return None


@functools.cache
def gzip_bomb(inflated_mb: int = 300) -> bytes:
    """gzip of ``inflated_mb`` MB of spaces, made a megabyte at a time (never holding the inflated whole)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip stream
    chunk = b" " * (1024 * 1024)
    return b"".join(packer.compress(chunk) for _ in range(inflated_mb)) + packer.flush()


class FaultyTransport(httpx.AsyncBaseTransport):
    """One per client (a closed client closes its transport); the plan is shared."""

    def __init__(self, plan: FaultPlan) -> None:
        self.plan = plan
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.plan.log.append(f"{request.method} {request.url.path}")
        if self.plan.before is not None:
            self.plan.before(request)
        fault = self.plan.due(request)
        if fault is None:
            response = await self.inner.handle_async_request(request)
            if self.plan.after is not None:
                await response.aread()
                self.plan.after(request)
            rewrite = next((f for p, f in self.plan.rewrites.items() if p in request.url.path), None)
            if rewrite is None:
                return response
            body = json.loads(await response.aread())
            await response.aclose()
            return httpx.Response(response.status_code, json=rewrite(body))
        if fault.kind == "gzip_bomb":
            # A few hundred KB on the wire that inflate to 300 MB: what a hostile server can send.
            return httpx.Response(200, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
                                  content=gzip_bomb())  # fmt: skip
        if fault.kind == "500":
            return httpx.Response(500, json={"error": {"code": "server_error", "message": "injected"}})
        if fault.kind == "503_retry_after":
            return httpx.Response(503, headers={"Retry-After": str(int(fault.delay_s))},
                                  json={"error": {"code": "unavailable", "message": "injected"}})  # fmt: skip
        if fault.kind == "drop":
            raise httpx.ReadError("connection reset by peer (injected)", request=request)
        if fault.kind == "delay":
            await asyncio.sleep(fault.delay_s)
            return await self.inner.handle_async_request(request)
        response = await self.inner.handle_async_request(request)
        body = await response.aread()
        await response.aclose()
        if fault.kind == "lose_response":
            # the server has applied the request; the answer never arrives
            raise httpx.ReadError("connection lost before the answer (injected)", request=request)
        if fault.kind == "truncate":
            # the body arrives decoded here: send half of it, without the headers that described the whole
            dropped = ("content-length", "content-encoding")
            headers = [(k, v) for k, v in response.headers.items() if k.lower() not in dropped]
            return httpx.Response(response.status_code, headers=headers, content=body[: len(body) // 2])
        raise ValueError(f"unknown fault {fault.kind}")

    async def aclose(self) -> None:
        await self.inner.aclose()
