"""``GET /api/v1/changes/{collection}``: the ordered feed of one collection, page by page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from models.orgs import Role, Viewer
from server import feed
from server.deps import DatabaseDep, UserDep
from server.schemas import ChangesPage, ErrorBody

router = APIRouter(tags=["changes"])


@router.get(
    "/changes/{collection}",
    response_model=ChangesPage,
    summary="Pull changes of one collection",
    description="Records changed after `cursor`, in (version, id) order; user collections hold only "
    "the caller's records; shared collections (needs, answers) send records the caller may not see as "
    "tombstones. Without a cursor: a snapshot from the start, without tombstones. Keep "
    "pulling while `has_more` is true. See docs/sync-protocol.md.",
    responses={
        400: {"model": ErrorBody, "description": "The cursor does not decode."},
        401: {"model": ErrorBody, "description": "Not signed in."},
        404: {"model": ErrorBody, "description": "Unknown collection."},
        410: {
            "model": ErrorBody,
            "description": "Cursor older than the tombstone horizon: pull again without a cursor.",
        },
    },
)
def changes(
    collection: Annotated[
        str, Path(description="plants, mines, sources, categories, suppliers, favourites, notes, needs or answers")
    ],
    user: UserDep,
    database: DatabaseDep,
    cursor: Annotated[str | None, Query(max_length=2000, description="Opaque, from next_cursor")] = None,
    limit: Annotated[int | None, Query(description="Page size, clamped to 1..1000; default 500")] = None,
) -> ChangesPage:
    viewer = Viewer(role=Role(user.role), org_id=user.org_id, username=user.username)
    return feed.changes(database, collection=collection, user_id=user.id, cursor=cursor, limit=limit, viewer=viewer)
