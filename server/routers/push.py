"""``POST /api/v1/push``: the client's outbox, applied op by op with per-op outcomes."""

from __future__ import annotations

from fastapi import APIRouter

from models.fund_workflow import Reader
from models.orgs import Role, Viewer
from server import pushing
from server.deps import DatabaseDep, SettingsDep, UserDep
from server.schemas import ErrorBody, PushRequest, PushResponse
from server.shared_writes import Author

router = APIRouter(tags=["push"])


@router.post(
    "/push",
    response_model=PushResponse,
    summary="Push outbox operations",
    description="At most 200 ops, processed in order, each in its own transaction. One result per "
    "op: applied, duplicate, conflict, rejected or gap. User collections (favourites, notes) are the "
    "caller's own; shared ones (needs, answers, visits, decisions, corrections) are written as the caller's "
    "role and organisation allow, "
    "and refused with a reason code otherwise. See docs/sync-protocol.md.",
    responses={
        401: {"model": ErrorBody, "description": "Not signed in."},
        413: {"model": ErrorBody, "description": "More than 200 ops, or a body over the size limit."},
        422: {"model": ErrorBody, "description": "The body is not a push request."},
    },
)
def push(body: PushRequest, user: UserDep, database: DatabaseDep, settings: SettingsDep) -> PushResponse:
    quota = pushing.Quota(
        max_records=settings.user_max_records, max_bytes=settings.user_max_bytes, max_drafts=settings.user_max_drafts
    )
    reader = Reader(username=user.username, role=Role(user.role), org_id=user.org_id)
    author = Author(username=user.username, viewer=Viewer(role=Role(user.role), org_id=user.org_id))
    return pushing.push(
        database,
        user_id=user.id,
        client_id=body.client_id,
        ops=body.ops,
        acked_seq=body.acked_seq,
        quota=quota,
        reader=reader,
        author=author,
    )
