"""The HTTP client of the Zanjireh sync API (docs/sync-protocol.md): the one place httpx errors become ours.

httpx itself retries only connection set-up. A request that dies on a kept-alive connection before any answer
(the server closed the idle connection just as it was reused) is sent once more, on a fresh connection, when
it is safe to replay. Read timeouts, cut-off bodies, answers that are not our JSON and 5xx are all reported
here as ``Transient`` for the sync engine's backoff to retry.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, PrivateAttr, ValidationError, model_validator

from sync.errors import (
    AnswerTooLarge,
    AuthRequired,
    BadCredentials,
    Forbidden,
    InsecureApiAddress,
    Offline,
    PhotoNotOnServer,
    PhotoUploadRefused,
    ProtocolError,
    ResyncRequired,
    Transient,
    UpgradeRequired,
    UploadOffsetMismatch,
)

CLIENT_SCHEMA = 1
SERVICE = "zanjireh-api"
API_PREFIX = "/api/v1"
PING_TIMEOUT = httpx.Timeout(5.0)
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_PAGE = 1000
#: No real answer comes near this once inflated (a page of 1,000 records is a few MB); a gzip bomb does.
MAX_ANSWER_BYTES = 32 * 1024 * 1024
#: The longest a whole request may take, answer included. httpx's timeouts are per read, so a server that
#: sends a byte every few seconds (a slow-loris answer) would otherwise hold a sync for ever. A page of 1,000
#: records is a few MB: five minutes is room for it on a poor mobile line.
REQUEST_DEADLINE_S = 300.0
#: What a record pulled from the server may hold: no field of ours is near these; hostile data is.
MAX_FIELD_CHARS = 100_000
MAX_NESTING = 32
#: How much of a server's error message goes into our error's detail (and the log).
MAX_SERVER_MESSAGE_CHARS = 300
#: How long an idle connection is kept for the next request. It must be well under the server's own idle
#: timeout (uvicorn's default is 5 s, which was httpx's default here too): at equal values the server closes the
#: connection just as the client reuses it, and the request dies with "Server disconnected without sending a
#: response". The server's clock starts when it sends an answer, ours only when we have read it (later on a
#: loaded phone), so the margin is wide. A new connection on loopback or a warm line costs little.
KEEPALIVE_EXPIRY_S = 2.0
#: Methods a server may get twice without harm (RFC 9110 §9.2.2); PUT is an upload chunk at a stated offset,
#: which a replay answers with ``offset_mismatch`` and where the upload is. ``push`` and ``sign_out`` are
#: POSTs that are idempotent by the protocol (op ids; revoking a revoked session) and say so themselves.
REPLAYABLE_METHODS = frozenset({"GET", "HEAD", "PUT"})


def record_problem(data: Any) -> str | None:
    """Why a pulled record's data is unfit to keep (a string too long, nesting too deep), or None.

    Checked before the record rules, so a hostile page costs no model validation of megabytes and nothing
    that deep ever reaches the store's JSON files. Every record of a first sync passes here: the walk looks at
    each value once, by its exact type (what ``json.loads`` makes), and descends only into containers — it
    was a quarter of the client's CPU in a first sync when each value went through a stack of its own.
    """
    if type(data) is str:
        return _text_problem(data)
    return _container_problem(data, 0) if type(data) in (dict, list) else None


def _text_problem(text: str) -> str | None:
    if len(text) > MAX_FIELD_CHARS:
        return f"a text of {len(text):,} characters (at most {MAX_FIELD_CHARS:,})"
    return None


def _container_problem(value: dict[str, Any] | list[Any], depth: int) -> str | None:
    """``value`` (a dict or a list at ``depth``; the record itself is at 0) and everything inside it."""
    if value and depth >= MAX_NESTING:  # its items are deeper than the limit
        return f"nested deeper than {MAX_NESTING} levels"
    if type(value) is dict:
        for key in value:
            if len(key) > MAX_FIELD_CHARS:
                return f"a field name of {len(key):,} characters"
        inner_values: Any = value.values()
    else:
        inner_values = value
    for inner in inner_values:
        kind = type(inner)
        if kind is str:
            if len(inner) > MAX_FIELD_CHARS:
                return _text_problem(inner)
        elif kind is dict or kind is list:
            found = _container_problem(inner, depth + 1)
            if found is not None:
                return found
    return None


def check_api_address(url: str) -> str:
    """The address normalised (no trailing slash); HTTPS unless the server is on this machine."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureApiAddress(f"{url!r} is not an http(s) address")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InsecureApiAddress(f"{url} is not HTTPS")
    return text


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ---- what the API answers (the client refuses anything else) ---------------------------------------------
class _Answer(BaseModel):
    model_config = {"extra": "ignore"}


_AnswerT = TypeVar("_AnswerT", bound=_Answer)


class PingAnswer(_Answer):
    service: str
    api_version: int
    schema_version: int
    min_client_schema: int
    server_time: str | None = None
    collections: dict[str, list[str]]


class UserAnswer(_Answer):
    username: str
    role: str
    org_id: str | None = None


class TokenAnswer(_Answer):
    access_token: str
    expires_at: str
    refresh_token: str
    refresh_expires_at: str
    user: UserAnswer

    def session(self, api_url: str) -> dict[str, Any]:
        return {
            "api_url": api_url,
            "username": self.user.username,
            "role": self.user.role,
            "org_id": self.user.org_id,
            "access_token": self.access_token,
            "access_expires_at": self.expires_at,
            "refresh_token": self.refresh_token,
            "refresh_expires_at": self.refresh_expires_at,
        }


@dataclass(slots=True)
class ItemAnswer:
    """One item of a change-feed page, its shape checked by ``PageAnswer.from_body``. A plain class: a first
    sync makes 65,000 of them, and pydantic's ``model_construct`` cost as much as validating the page."""

    id: str
    version: int
    deleted: bool
    data: dict[str, Any] | None = None


class PageAnswer(_Answer):
    collection: str
    items: list[ItemAnswer]
    next_cursor: str
    has_more: bool
    #: The page as it came (decompressed): the store keeps it as it is rather than serialising it again.
    _body: bytes = PrivateAttr(b"")

    @property
    def body(self) -> bytes:
        return self._body

    @classmethod
    def from_body(cls, body: bytes) -> PageAnswer:
        """Checks the page's shape field by field: validating a thousand items through pydantic costs as much as
        decoding them, and each record's data is validated by the store against its own model anyway."""
        raw = json.loads(body)
        if not isinstance(raw, dict) or not isinstance(raw.get("items"), list):
            raise ValueError("not a page of changes")
        collection, cursor, more = raw.get("collection"), raw.get("next_cursor"), raw.get("has_more")
        if not isinstance(collection, str) or not isinstance(cursor, str) or not isinstance(more, bool):
            raise ValueError("a page needs collection, next_cursor and has_more")
        items = []
        for item in raw["items"]:
            if not isinstance(item, dict):
                raise ValueError("an item is not an object")
            record_id, version = item.get("id"), item.get("version")
            deleted, data = item.get("deleted"), item.get("data")
            if (
                not isinstance(record_id, str)
                or not isinstance(version, int)
                or isinstance(version, bool)
                or not isinstance(deleted, bool)
                or not (data is None or isinstance(data, dict))
            ):
                raise ValueError(f"item {record_id!r} is not {{id, version, deleted, data}}")
            items.append(ItemAnswer(record_id, version, deleted, data))
        page = cls.model_construct(collection=collection, items=items, next_cursor=cursor, has_more=more)
        page._body = body
        return page


class PushResultAnswer(_Answer):
    seq: int
    op_id: str
    status: Literal["applied", "duplicate", "conflict", "rejected", "gap"]
    version: int | None = None
    reason: str | None = None
    record: dict[str, Any] | None = None
    original: dict[str, Any] | None = None
    expected_seq: int | None = None

    @model_validator(mode="after")
    def _gap_says_where(self) -> PushResultAnswer:
        if self.status == "gap" and self.expected_seq is None:
            raise ValueError("a gap result without expected_seq")
        return self


class AttachmentAnswer(_Answer):
    sha256: str
    offset: int
    length: int | None = None
    complete: bool


@dataclass(frozen=True)
class AttachmentStatus:
    """How far a photo's upload has got on the server."""

    offset: int
    length: int | None
    complete: bool


#: Answers to a photo upload that mean it will never be taken as it is (docs/api.md, "Attachments").
PHOTO_REFUSALS = frozenset(
    {"not_an_image", "hash_mismatch", "too_large", "file_too_large", "file_type", "unknown_document"}
)


class PushAnswer(_Answer):
    results: list[dict[str, Any]]
    last_seq: int


@dataclass
class Traffic:
    """What a client has sent and received, for the sync history and the benchmarks."""

    requests: int = 0
    bytes_received: int = 0
    bytes_sent: int = 0
    by_path: dict[str, int] = field(default_factory=dict)


class ApiClient:
    """Async client of one API address. ``transport`` lets tests put a fault injector in between."""

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
        deadline_s: float = REQUEST_DEADLINE_S,
    ) -> None:
        self.base_url = check_api_address(base_url)
        self.max_answer_bytes = max_answer_bytes
        self.deadline_s = deadline_s
        self.traffic = Traffic()
        self._http = httpx.AsyncClient(
            base_url=self.base_url + API_PREFIX,
            transport=transport,
            timeout=timeout,
            headers={"X-Zanjireh-Schema": str(CLIENT_SCHEMA), "Accept-Encoding": "gzip"},
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=KEEPALIVE_EXPIRY_S),
            event_hooks={"response": [self._count]},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> ApiClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _count(self, response: httpx.Response) -> None:
        self.traffic.requests += 1
        path = response.request.url.path
        self.traffic.by_path[path] = self.traffic.by_path.get(path, 0) + 1
        self.traffic.bytes_sent += len(response.request.content or b"")

    # ---- endpoints ----------------------------------------------------------------------------------------
    async def ping(self) -> PingAnswer:
        """Prove the address is our API: a captive portal answers 200 with HTML, a wrong host anything."""
        try:
            response = await self._send("GET", "/ping", timeout=PING_TIMEOUT)
        except Transient as exc:
            raise Offline(f"{self.base_url} did not answer as the Zanjireh API: {exc.detail}") from exc
        answer = self._parse(response, PingAnswer, offline_if_wrong=True)
        if answer.service != SERVICE:
            raise Offline(f"{self.base_url} is not a Zanjireh API (service {answer.service!r})")
        if answer.min_client_schema > CLIENT_SCHEMA:
            raise UpgradeRequired(f"the server needs client schema {answer.min_client_schema}")
        return answer

    async def sign_in(self, username: str, password: str) -> TokenAnswer:
        try:
            response = await self._send("POST", "/auth/token", json={"username": username, "password": password})
        except AuthRequired as exc:
            raise BadCredentials(exc.detail) from exc
        return self._parse(response, TokenAnswer)

    async def refresh(self, refresh_token: str) -> TokenAnswer:
        response = await self._send("POST", "/auth/refresh", json={"refresh_token": refresh_token})
        return self._parse(response, TokenAnswer)

    async def sign_out(self, access_token: str) -> None:
        await self._send("POST", "/auth/logout", token=access_token, replayable=True)

    async def changes(self, collection: str, cursor: str | None, limit: int, token: str) -> PageAnswer:
        params: dict[str, Any] = {"limit": max(1, min(limit, MAX_PAGE))}
        if cursor:
            params["cursor"] = cursor
        response = await self._send("GET", f"/changes/{collection}", params=params, token=token)
        try:
            page = PageAnswer.from_body(response.content)
        except (ValueError, UnicodeDecodeError) as exc:
            problem = f"{response.request.url.path} answered something that is not the API's JSON: {exc}"
            raise Transient(problem) from exc
        if page.collection != collection or len(page.items) > params["limit"]:
            raise ProtocolError(f"the server sent a page of {page.collection} with {len(page.items)} items")
        return page

    async def push(
        self, client_id: str, ops: list[dict[str, Any]], token: str, acked_seq: int | None = None
    ) -> PushAnswer:
        body: dict[str, Any] = {"client_id": client_id, "ops": ops}
        if acked_seq:
            body["acked_seq"] = acked_seq
        # Replaying a push is safe: the server answers a seq it has consumed with `duplicate` (sync-protocol.md).
        response = await self._send("POST", "/push", json=body, token=token, replayable=True)
        answer = self._parse(response, PushAnswer)
        if len(answer.results) != len(ops):
            raise Transient(f"the push answer holds {len(answer.results)} results for {len(ops)} operations")
        checked: list[dict[str, Any]] = []
        for op, raw in zip(ops, answer.results, strict=True):
            try:
                result = PushResultAnswer.model_validate(raw)
            except ValidationError as exc:
                raise ProtocolError(f"push result for seq {op['seq']} breaks the protocol: {exc}") from exc
            if result.seq != op["seq"]:
                raise ProtocolError(f"push results out of order: seq {result.seq} where {op['seq']} was sent")
            checked.append(result.model_dump(exclude_none=True))
        return PushAnswer(results=checked, last_seq=answer.last_seq)

    async def attachment_status(self, sha256: str, token: str) -> AttachmentStatus:
        """How far the upload of photo ``sha256`` has got on the server (HEAD; docs/api.md, "Attachments")."""
        response = await self._send("HEAD", f"/attachments/{sha256}", token=token)
        try:
            offset = int(response.headers["Upload-Offset"])
            length = response.headers.get("Upload-Length")
            return AttachmentStatus(
                offset=offset,
                length=int(length) if length is not None else None,
                complete=response.headers.get("Upload-Complete") == "?1",
            )
        except (KeyError, ValueError) as exc:
            raise Transient(f"HEAD /attachments answered without a usable Upload-Offset: {exc}") from exc

    async def upload_attachment(
        self,
        sha256: str,
        *,
        offset: int,
        length: int,
        chunk: bytes,
        token: str,
        purpose: dict[str, str] | None = None,
    ) -> AttachmentStatus:
        """Send ``chunk`` (the bytes from ``offset``) of the ``length``-byte file ``sha256``: a photo, or a Fund
        document when ``purpose`` names its call and document (``{"call": …, "document": …}``).

        ``UploadOffsetMismatch`` says where the server's upload is; ``PhotoUploadRefused`` that the
        file will never be taken (``not_an_image``, ``hash_mismatch``, ``too_large``; for a document
        ``file_type``, ``file_too_large``, ``unknown_document``)."""
        headers = {
            "Upload-Offset": str(offset),
            "Upload-Length": str(length),
            "Content-Type": "application/octet-stream",
        }
        extra: dict[str, Any] = {"params": purpose} if purpose else {}
        response = await self._send(
            "PUT", f"/attachments/{sha256}", token=token, content=chunk, headers_extra=headers, **extra
        )
        answer = self._parse(response, AttachmentAnswer)
        return AttachmentStatus(offset=answer.offset, length=answer.length, complete=answer.complete)

    async def download_attachment(self, sha256: str, token: str) -> bytes:
        """The bytes of photo ``sha256`` (GET; docs/api.md, "Attachments"); ``PhotoNotOnServer`` when the
        server has no whole photo by that hash this user may fetch. The caller checks the bytes' hash."""
        response = await self._send("GET", f"/attachments/{sha256}", token=token)
        return response.content

    # ---- transport and error translation ------------------------------------------------------------------------
    async def _send(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        timeout: httpx.Timeout | None = None,
        headers_extra: dict[str, str] | None = None,
        replayable: bool | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """One request, its answer read (capped); every httpx error becomes one of ``sync/errors.py``.

        ``replayable`` (by default: the method is in ``REPLAYABLE_METHODS``) lets a request that died on a reused
        connection before any answer be sent once more on a fresh one. Sign-in and refresh are never replayed: a
        refresh token spent twice revokes the whole session (decisions.md, 28)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        headers.update(headers_extra or {})
        extra: dict[str, Any] = {"timeout": timeout} if timeout is not None else {}
        may_replay = method in REPLAYABLE_METHODS if replayable is None else replayable
        try:
            async with asyncio.timeout(self.deadline_s):
                for attempt in (1, 2):
                    trace = _ConnectionTrace()
                    try:
                        async with self._http.stream(
                            method, path, headers=headers, extensions={"trace": trace}, **extra, **kwargs
                        ) as streamed:
                            body = await self._read_capped(streamed, f"{method} {path}")
                        break
                    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                        if attempt == 2 or not may_replay or not trace.died_on_a_kept_alive_connection:
                            raise
                        # The server closed the idle connection as we reused it: the broken connection has left
                        # the pool, so this goes out on a fresh one (or another kept one, at most once more).
            response = _with_body(streamed, body)
        except TimeoutError as exc:
            raise Transient(f"{method} {path} took longer than {self.deadline_s:g} s; given up") from exc
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol) as exc:
            raise Offline(f"cannot reach {self.base_url}: {exc}") from exc
        except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise Transient(f"{method} {path} was cut off: {type(exc).__name__}: {exc}") from exc
        except httpx.DecodingError as exc:
            raise Transient(f"{method} {path}: the body does not decode: {exc}") from exc
        except httpx.TransportError as exc:
            raise Transient(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        self.traffic.bytes_received += streamed.num_bytes_downloaded
        if response.is_success:
            return response
        raise self._error_for(response, f"{method} {path}")

    async def _read_capped(self, response: httpx.Response, what: str) -> bytes:
        """The body, inflated, read piece by piece and refused past ``max_answer_bytes``."""
        pieces: list[bytes] = []
        size = 0
        async for piece in response.aiter_bytes():
            size += len(piece)
            if size > self.max_answer_bytes:
                raise AnswerTooLarge(f"{what}: the answer inflates past {self.max_answer_bytes:,} bytes")
            pieces.append(piece)
        return b"".join(pieces)

    @staticmethod
    def _error_for(response: httpx.Response, what: str) -> Exception:
        code, message, extra = "", "", None
        try:
            body = response.json()
            # A hostile server's message can be megabytes: it goes into logs and error details, so cut it.
            code = str(body["error"]["code"])[:64]
            message = str(body["error"]["message"])[:MAX_SERVER_MESSAGE_CHARS]
            extra = body["error"].get("detail")
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
        status = response.status_code
        detail = f"{what}: {status} {code} {message}".strip()
        if status == 409 and code == "offset_mismatch" and isinstance(extra, dict):
            offset = extra.get("offset")
            if isinstance(offset, int) and offset >= 0:
                return UploadOffsetMismatch(detail, offset=offset)
        if "/attachments/" in what and code in PHOTO_REFUSALS and status in (413, 415, 422):
            return PhotoUploadRefused(detail, reason=code)
        if "/attachments/" in what and status == 404:
            return PhotoNotOnServer(detail)
        if status in (408, 429) or status >= 500:
            return Transient(detail, retry_after=_retry_after(response))
        if status == 401:
            return AuthRequired(detail)
        if status == 403:
            return Forbidden(detail)
        if status == 410 or code == "resync_required":
            return ResyncRequired(detail)
        if status == 426 or code == "upgrade_required":
            return UpgradeRequired(detail)
        return ProtocolError(detail)

    @staticmethod
    def _parse(response: httpx.Response, model: type[_AnswerT], offline_if_wrong: bool = False) -> _AnswerT:
        try:
            return model.model_validate(json.loads(response.content))
        except (ValueError, ValidationError) as exc:
            problem = f"{response.request.url.path} answered something that is not the API's JSON: {exc}"
            raise (Offline(problem) if offline_if_wrong else Transient(problem)) from exc


class _ConnectionTrace:
    """What httpcore did for one request (its ``trace`` extension): whether the request went out on a connection
    kept from an earlier one, and whether any answer came back. A transport that is not httpcore's reports
    nothing, so nothing is replayed there."""

    def __init__(self) -> None:
        self.connected = False
        self.sent = False
        self.answered = False

    async def __call__(self, event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.started":
            self.connected = True
        elif event.endswith(".send_request_headers.started"):
            self.sent = True
        elif event.endswith(".receive_response_headers.complete"):
            self.answered = True

    @property
    def died_on_a_kept_alive_connection(self) -> bool:
        return self.sent and not self.connected and not self.answered


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare for APIs; the backoff still applies


def _with_body(streamed: httpx.Response, body: bytes) -> httpx.Response:
    """A plain response holding the already inflated ``body`` (so it is not inflated twice)."""
    dropped = ("content-encoding", "content-length", "transfer-encoding")
    headers = [(key, value) for key, value in streamed.headers.items() if key.lower() not in dropped]
    return httpx.Response(streamed.status_code, headers=headers, content=body, request=streamed.request)
