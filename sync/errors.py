"""One tree of exceptions for everything below the app state; the state turns each into a notice.

Each module translates the errors of the library it wraps into these, and only there. Every error
carries a stable ``code`` that the UI's message catalogue translates, and ``detail`` for the log.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ZanjirehError(Exception):
    """Base of every error the app state knows how to show."""

    code = "error"

    def __init__(self, detail: str = "", **params: object) -> None:
        super().__init__(detail or self.code)
        self.detail = detail
        self.params = params


# ---- the local store -------------------------------------------------------------------------
class StoreError(ZanjirehError):
    code = "store_error"


class StoreLocked(StoreError):
    """Another process is already writing this data folder."""

    code = "store_locked"


class StoreCorrupt(StoreError):
    """A file of the store could not be read; see ``params['path']``."""

    code = "store_corrupt"


class StoreWriteFailed(StoreError):
    """A commit could not be written (disk full, permissions); the previous state is intact."""

    code = "store_write_failed"


class SchemaTooNew(StoreError):
    """The data folder was written by a newer version of the app."""

    code = "store_schema_too_new"


# ---- importing data files ----------------------------------------------------------------------
@dataclass(frozen=True)
class RowIssue:
    """A problem with one cell of an input file: reported, and the row skipped."""

    file: str
    row: int  # 1-based, counting the header as row 1 (as a spreadsheet shows it)
    column: str
    value: str
    message: str
    #: True when the whole row was left out; False when only this value was set aside.
    skipped: bool = True
    #: what is wrong, as a code the app translates (sync.gem_import.ISSUES); ``message`` is its English
    code: str = ""
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        outcome = "row skipped" if self.skipped else "value ignored"
        return f"{self.file}, row {self.row}, column {self.column!r}, value {self.value!r}: {self.message} ({outcome})"


class ImportFailed(ZanjirehError):
    """Nothing was imported: the input is not a GEM release this importer understands."""

    code = "import_failed"


# ---- writing shared records (needs, answers) -------------------------------------------------------
class WriteNotAllowed(ZanjirehError):
    """A write of a need or an answer the account may not make, found on the device before anything is
    queued. ``reason`` has the server's form, ``<code>: <English words>``, with the same codes
    (``models/access.py: REFUSAL_CODES``), so one set of words serves both."""

    code = "write_not_allowed"

    def __init__(self, refusal: str, detail: str = "", **params: object) -> None:
        super().__init__(f"{refusal}: {detail}" if detail else refusal, refusal=refusal, **params)
        self.refusal = refusal
        self.reason = self.detail


class InvalidInput(ZanjirehError):
    """A form's values that do not make a valid record; ``problems`` are ``(field, message)`` pairs and
    nothing was saved (the form keeps what the member typed)."""

    code = "invalid_input"

    def __init__(self, detail: str = "", problems: list[tuple[str, str]] | None = None, **params: object) -> None:
        super().__init__(detail, **params)
        self.problems = problems or []


# ---- talking to the API ------------------------------------------------------------------------
class ApiError(ZanjirehError):
    code = "api_error"


class Offline(ApiError):
    """The API could not be reached, or something that is not our API answered."""

    code = "offline"


class Transient(ApiError):
    """The API answered, but with something worth retrying later (5xx, 429, a cut-off body)."""

    code = "transient"

    def __init__(self, detail: str = "", retry_after: float | None = None, **params: object) -> None:
        super().__init__(detail, **params)
        self.retry_after = retry_after


class AuthRequired(ApiError):
    """No valid token: the user has to sign in (again)."""

    code = "auth_required"


class BadCredentials(ApiError):
    code = "bad_credentials"


class Forbidden(ApiError):
    code = "forbidden"


class UpgradeRequired(ApiError):
    """The server no longer talks to this version of the app."""

    code = "upgrade_required"


class ResyncRequired(ApiError):
    """The cursor is older than the server keeps tombstones: the collection must be pulled again."""

    code = "resync_required"


class ProtocolError(ApiError):
    """The server answered with something that breaks the protocol (not retried as-is)."""

    code = "protocol_error"


class InternalError(ZanjirehError):
    """Something failed that nothing foresaw (a bug, or an answer no rule covers); retried with backoff."""

    code = "internal_error"


class AnswerTooLarge(ProtocolError):
    """An answer that inflates past what any real page or push answer could be (a gzip bomb, a broken server)."""

    code = "answer_too_large"


class InsecureApiAddress(ApiError):
    """The API address is not HTTPS and not on this machine."""

    code = "insecure_api_address"


@dataclass
class ValidationProblems:
    """Field-level problems of a record, each naming the record and the field."""

    record: str
    problems: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(f"{self.record}.{f}: {m}" for f, m in self.problems)


# ---- the Fund ----------------------------------------------------------------------------------
class FundError(ZanjirehError):
    code = "fund_error"


class FundDraftNotEditable(FundError):
    """The draft is sealed, or its call has closed (by the cached times or the server's word): read-only.
    ``params['reason']``: ``sealed`` or ``closed``."""

    code = "fund_draft_not_editable"


class FundDraftIncomplete(FundError):
    """Sealing found what the draft still lacks: ``params['problems']`` lists (code, field, params)."""

    code = "fund_draft_incomplete"


class FundMoveRefused(FundError):
    """The account may not make this move now (the same reason codes as the server's): ``params['reason']``
    is the code (``role_may_not_act``, ``call_closed``, ``not_eligible`` …) and ``params['params']`` what
    the words need."""

    code = "fund_move_refused"


class FundFileRefused(FundError):
    """A file the call does not take as one of its documents (type or size): ``params['reason']`` is
    ``file_type`` or ``file_too_large``, ``params['params']`` the limits."""

    code = "fund_file_refused"


class FundDocumentNotHere(FundError):
    """A document of an application is not on this device and the server cannot be reached to fetch it."""

    code = "fund_document_not_here"


class FundDocumentUnavailable(FundError):
    """The server does not give this account the document (not theirs to read, or not uploaded yet)."""

    code = "fund_document_unavailable"


class FundDocumentDamaged(FundError):
    """The document fetched does not hash to its name (a broken proxy): nothing was kept."""

    code = "fund_document_damaged"


# ---- field visits: photos and records ------------------------------------------------------------------
class PhotoRefused(ZanjirehError):
    """A photo that cannot be taken: its ``code`` says why (``photo_not_an_image``, ``photo_heic``,
    ``photo_too_large``, ``photo_too_many_pixels``, ``photo_damaged``, ``photo_missing``, ``photo_too_many`` —
    the visit already names ``params['limit']`` photos)."""

    code = "photo_refused"

    def __init__(self, detail: str = "", *, reason: str = "photo_refused", **params: object) -> None:
        super().__init__(detail, **params)
        self.code = reason


class UploadOffsetMismatch(ApiError):
    """The server's upload of a photo is elsewhere than the chunk sent: resume from ``offset``."""

    code = "upload_offset_mismatch"

    def __init__(self, detail: str = "", *, offset: int, **params: object) -> None:
        super().__init__(detail, **params)
        self.offset = offset


class PhotoUploadRefused(ApiError):
    """The server will never take this photo as it is; ``reason`` is its code (``not_an_image``,
    ``hash_mismatch``, ``too_large``). The photo is parked and shown; the record naming it is intact."""

    code = "photo_upload_refused"

    def __init__(self, detail: str = "", *, reason: str, **params: object) -> None:
        super().__init__(detail, **params)
        self.reason = reason


class PhotoNotOnServer(ApiError):
    """The server has no whole photo by this hash for this user yet (its device has not sent it, or the
    user may not fetch it): nothing to keep now; asked again at a later cycle."""

    code = "photo_not_on_server"


class VisitNotEditable(ZanjirehError):
    """A sealed visit (submitted) is read-only on the device; so is a visit another account wrote."""

    code = "visit_not_editable"


class VisitIncomplete(ZanjirehError):
    """The visit cannot be submitted yet; ``params['problems']`` lists what is missing or wrong."""

    code = "visit_incomplete"
