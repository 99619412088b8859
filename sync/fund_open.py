"""A Fund application's document opened on this device: its bytes from the device's file store when they are
here (the applicant's own), otherwise fetched once from the server by hash, checked, and kept for offline.

Asked for by a person (an officer, a reviewer, the applicant on another device) one file at a time, outside
the sync cycle: one authed ``GET /attachments/{sha256}`` (docs/api.md, "Attachments") with the session's
token. A 401 renews the session through the token keeper (``sync.tokens.authed``), the same single renewal the
sync engine uses: a sync running meanwhile and this request never both spend the refresh token (which would
revoke the sign-in). The server decides who may read a file (its uploader, the Fund's officers, admins, field
staff, the reviewers assigned to its application); anyone else is answered as if it were not there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sync.api_client import ApiClient
from sync.errors import (
    FundDocumentDamaged,
    FundDocumentNotHere,
    FundDocumentUnavailable,
    Offline,
    PhotoNotOnServer,
)
from sync.fund import FundClient
from sync.photo_store import UploadEntry, UploadState
from sync.tokens import authed

ClientFactory = Callable[[str], ApiClient]

#: A call may take documents of up to 200 MB (``RequiredDocument.max_bytes``): the client's usual cap on an
#: answer (32 MB, against a hostile server) would refuse a large plan the server rightly serves.
MAX_DOCUMENT_ANSWER_BYTES = 200 * 1024 * 1024 + 64 * 1024


def document_client(api_url: str) -> ApiClient:
    return ApiClient(api_url, max_answer_bytes=MAX_DOCUMENT_ANSWER_BYTES)


async def document_bytes(fund: FundClient, sha256: str, client_factory: ClientFactory = document_client) -> bytes:
    """The bytes of document ``sha256``: the device's copy, or the server's (then kept here by hash).

    ``FundDocumentNotHere``: not on this device and the server cannot be reached (or nobody is signed in);
    ``FundDocumentUnavailable``: the server will not give it to this account (or has not received it yet);
    ``FundDocumentDamaged``: what arrived does not hash to its name (nothing kept)."""
    kept = fund.file_bytes(sha256)  # checked against its hash: a damaged copy is fetched again
    if kept is not None:
        return kept
    store = fund.store
    session = store.session.current()
    api_url = (session or {}).get("api_url") or store.device.settings().get("api_url")
    if session is None or not api_url:
        raise FundDocumentNotHere(f"document {sha256} is not on this device and nobody is signed in")
    client = client_factory(str(api_url))
    try:
        data = await authed(store.session, client, lambda token: client.download_attachment(sha256, token))
    except Offline as error:
        raise FundDocumentNotHere(f"document {sha256} is not on this device: {error.detail}") from error
    except PhotoNotOnServer as error:
        raise FundDocumentUnavailable(error.detail) from error
    finally:
        await client.aclose()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise FundDocumentDamaged(f"the bytes fetched as {sha256} do not hash to it")
    fund.keep_file(sha256, data)
    # the server holds the whole file: the row says "uploaded", never "uploads at the next sync"
    fund.files.record_upload(UploadEntry(sha256, len(data), offset=len(data), state=UploadState.DONE))
    return data
