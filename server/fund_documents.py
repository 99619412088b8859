"""A Fund application's documents, uploaded through the attachments' resumable protocol under a call's limits.

A supplier's device sends a document as it sends a visit's photo (``PUT /attachments/{sha256}``, chunks
that resume), naming the call and the document it is for (``?call=FC-…&document=proposal``). The server
then holds the upload to that document's limits instead of a photo's: ``Upload-Length`` at most the
document's ``max_bytes`` (413 ``file_too_large``, before a byte is read), and, once complete, bytes whose
*content* is one of the document's types (415 ``file_type``; an image is decoded in full). A file the
server has whole already is answered at once, if it fits the limits. How many files a document takes is
checked when the application is submitted (``seal_problems``, ``too_many_files``): the application names
its files by hash and syncs before they finish, so the upload alone cannot count them.
"""

from __future__ import annotations

from pathlib import Path

from models.fund_award import EVIDENCE_DOCUMENT, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, EVIDENCE_MIME_TYPES
from models.fund_documents import JPEG, PNG, WEBP, sniff_document
from models.fund_programmes import Call, RequiredDocument
from models.fund_records import ApplicationRecord
from server import persistence
from server.attachments import AttachmentStore, ContentCheck, UploadStatus, check_image
from server.db import Database
from server.errors import ApiError

SHARED_OWNER = ""
_IMAGES = frozenset({JPEG, PNG, WEBP})


class UnknownDocument(ApiError):
    """The call is not on this server, or does not ask for that document."""

    status_code = 422
    code = "unknown_document"


class FileTooLarge(ApiError):
    status_code = 413
    code = "file_too_large"


class FileType(ApiError):
    """The bytes are none of the document's types (checked by content, whatever the file was called)."""

    status_code = 415
    code = "file_type"


#: A milestone's evidence (after the award) is held to the Fund's evidence limits (models/fund_award.py).
EVIDENCE = RequiredDocument(
    code=EVIDENCE_DOCUMENT,
    name_fa="مستندات مرحله",
    name_en="Milestone evidence",
    max_bytes=EVIDENCE_MAX_BYTES,
    mime_types=EVIDENCE_MIME_TYPES,
    max_files=EVIDENCE_MAX_FILES,
)


def document_limits(database: Database, call_id: str, code: str) -> RequiredDocument:
    """The call's document ``code`` with its limits (a milestone's evidence: the evidence limits);
    ``UnknownDocument`` when there is none."""
    with database.read() as session:
        row = persistence.get_record(session, collection="fund_calls", owner=SHARED_OWNER, record_id=call_id)
    call = None
    if row is not None and not row.deleted and row.data is not None:
        call = Call.model_validate(row.data)
    document = None if call is None else EVIDENCE if code == EVIDENCE_DOCUMENT else call.document(code)
    if document is None:
        raise UnknownDocument(f"call {call_id} asks for no document {code!r}", {"call": call_id, "document": code})
    return document


def refuse_oversize(document: RequiredDocument, length: int) -> None:
    if length > document.max_bytes:
        raise FileTooLarge(
            f"{document.code} is at most {document.max_bytes} bytes",
            {"document": document.code, "max_bytes": document.max_bytes, "length": length},
        )


def content_check(document: RequiredDocument) -> ContentCheck:
    """The check a complete upload of ``document`` must pass: one of its types, by content."""

    def check(path: Path) -> tuple[str, int | None, int | None]:
        found = sniff_document(path.read_bytes())
        if found is None or found not in document.mime_types:
            raise FileType(
                f"the bytes are {found or 'of no type taken'}, not one of {list(document.mime_types)}",
                {"document": document.code, "allowed": list(document.mime_types), "found": found},
            )
        if found in _IMAGES:
            _mime, width, height = check_image(path)  # a damaged scan is refused here
            return found, width, height
        return found, None, None

    return check


def already_whole(store: AttachmentStore, document: RequiredDocument, sha256: str) -> UploadStatus | None:
    """The status of a file the server has whole (uploaded for anything), once it fits ``document``'s limits;
    None when the upload is not complete yet."""
    status = store.status(sha256)
    if not status.complete:
        return None
    refuse_oversize(document, status.length or 0)
    content_check(document)(store.path(sha256))
    return status


def reviewer_may_read(database: Database, username: str, sha256: str) -> bool:
    """Whether ``sha256`` is a document (or a milestone's evidence) of an application assigned to reviewer
    ``username`` who has not stood down: a reviewer reads what they assess, nothing else. The Fund's
    applications are counted in hundreds, so they are read whole rather than indexed by file."""
    with database.read() as session:
        rows = persistence.shared_records_with_prefix(session, collection="fund_applications", prefix="")
    for row in rows:
        if row.deleted or row.data is None or sha256 not in str(row.data):
            continue  # cheap first look: the hash is not in the record at all
        record = ApplicationRecord.model_validate(row.data)
        if username not in record.active_reviewers():
            continue
        named = {a.sha256 for r in record.revisions for a in r.content.attachments}
        return sha256 in named
    return False
