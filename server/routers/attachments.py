"""``/api/v1/attachments/{sha256}``: photos uploaded by content hash, in chunks that resume (docs/api.md)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from models.orgs import Role
from server import fund_documents
from server.attachments import AttachmentStore, UploadStatus
from server.deps import UserDep
from server.errors import Invalid, TooLarge
from server.schemas import ErrorBody as _ErrorBody

router = APIRouter(tags=["attachments"])

SHA_PATH = Path(description="The SHA-256 of the photo's bytes, 64 lowercase hex digits")


def get_attachments(request: Request) -> AttachmentStore:
    store: AttachmentStore = request.app.state.attachments
    return store


AttachmentsDep = Annotated[AttachmentStore, Depends(get_attachments)]


def _headers(status: UploadStatus) -> dict[str, str]:
    headers = {"Upload-Offset": str(status.offset), "Upload-Complete": "?1" if status.complete else "?0"}
    if status.length is not None:
        headers["Upload-Length"] = str(status.length)
    return headers


@router.head(
    "/attachments/{sha256}",
    summary="How far a photo's upload has got",
    description="`Upload-Offset`: bytes the server holds; `Upload-Complete: ?1` when it has the whole photo "
    "(then nothing need be sent); `Upload-Length` once an upload has begun. An unknown photo is at offset 0.",
)
async def head_attachment(sha256: Annotated[str, SHA_PATH], user: UserDep, store: AttachmentsDep) -> Response:
    status = await run_in_threadpool(store.status, sha256)
    return Response(status_code=200, headers=_headers(status))


@router.put(
    "/attachments/{sha256}",
    summary="Send a chunk of a photo",
    description="The body is the bytes from `Upload-Offset` on, of a photo of `Upload-Length` bytes in all. "
    "Answers the new offset; the last chunk's answer says `complete` once the photo hashes to its name and "
    "decodes as a JPEG, PNG or WebP image. A photo the server has whole is answered `complete` at once.",
    responses={
        409: {"model": _ErrorBody, "description": "`offset_mismatch`: the upload is elsewhere (`detail.offset`)."},
        413: {
            "model": _ErrorBody,
            "description": "`too_large` (a photo) or `file_too_large` (a Fund document): "
            "`Upload-Length` over the limit.",
        },
        415: {
            "model": _ErrorBody,
            "description": "`not_an_image`: the bytes are not an image that decodes; "
            "`file_type`: a Fund document's bytes are none of its types (`detail.allowed`).",
        },
        422: {
            "model": _ErrorBody,
            "description": "`hash_mismatch`: the bytes do not hash to the name; "
            "`unknown_document`: the call asks for no such document.",
        },
    },
)
async def put_attachment(
    sha256: Annotated[str, SHA_PATH],
    request: Request,
    user: UserDep,
    store: AttachmentsDep,
    upload_offset: Annotated[int, Header(alias="Upload-Offset", ge=0)],
    upload_length: Annotated[int, Header(alias="Upload-Length", ge=1)],
    call: Annotated[str | None, Query(max_length=40, description="A Fund document's call id")] = None,
    document: Annotated[str | None, Query(max_length=40, description="The call's document code")] = None,
) -> dict[str, object]:
    if call is not None or document is not None:
        return await _put_document(sha256, request, user.id, store, upload_offset, upload_length, call, document)
    if upload_length > store.max_bytes:
        # before reading the body: no point taking megabytes that will be refused
        raise TooLarge(f"a photo is at most {store.max_bytes} bytes", {"max_bytes": store.max_bytes})
    chunk = await request.body()
    if not chunk and upload_offset < upload_length:
        status = await run_in_threadpool(store.status, sha256)
        if not status.complete:
            raise Invalid("an empty chunk", {"offset": status.offset})
    now = dt.datetime.now(dt.UTC)
    status = await run_in_threadpool(
        lambda: store.put(sha256, offset=upload_offset, length=upload_length, chunk=chunk, user_id=user.id, now=now)
    )
    return status.to_json()


async def _put_document(
    sha256: str,
    request: Request,
    user_id: int,
    store: AttachmentsDep,
    offset: int,
    length: int,
    call: str | None,
    document: str | None,
) -> dict[str, object]:
    """A chunk of a Fund document: held to the call's limits for it (server/fund_documents.py)."""
    if not call or not document:
        raise Invalid("a Fund document names both its call and its document", {"call": call, "document": document})
    limits = await run_in_threadpool(fund_documents.document_limits, store.database, call, document)
    fund_documents.refuse_oversize(limits, length)  # before reading the body
    whole = await run_in_threadpool(fund_documents.already_whole, store, limits, sha256)
    if whole is not None:
        return whole.to_json()
    chunk = await request.body()
    if not chunk and offset < length:
        raise Invalid("an empty chunk", {"offset": offset})
    now = dt.datetime.now(dt.UTC)
    status = await run_in_threadpool(
        lambda: store.put(
            sha256, offset=offset, length=length, chunk=chunk, user_id=user_id, now=now,
            max_bytes=limits.max_bytes, check=fund_documents.content_check(limits),
        )
    )  # fmt: skip
    return status.to_json()


@router.get(
    "/attachments/{sha256}",
    summary="Fetch a photo",
    description="The file's bytes, for the association's field staff and admins, the Fund's officers, its "
    "uploader, and a Fund reviewer for the documents of the applications assigned to them.",
    response_class=Response,
)
async def get_attachment(sha256: Annotated[str, SHA_PATH], user: UserDep, store: AttachmentsDep) -> Response:
    may_read = None
    if user.role == Role.REVIEWER.value:  # a reviewer reads the documents of the applications assigned to them
        may_read = partial(fund_documents.reviewer_may_read, store.database, user.username, sha256)
    data, mime = await run_in_threadpool(lambda: store.read(sha256, user_id=user.id, role=user.role, may_read=may_read))
    return Response(content=data, media_type=mime)
