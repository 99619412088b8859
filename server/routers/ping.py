"""``GET /api/v1/ping``: proves the address is a Zanjireh API (no auth)."""

from __future__ import annotations

from fastapi import APIRouter

from server.accounts import iso, utcnow
from server.deps import SettingsDep
from server.feed import SCHEMA_VERSION
from server.schemas import Collections, Ping
from server.user_records import REFERENCE_COLLECTIONS, SHARED_COLLECTIONS, USER_COLLECTIONS

API_VERSION = 1

router = APIRouter(tags=["ping"])


@router.get(
    "/ping",
    response_model=Ping,
    summary="Is this a Zanjireh API?",
    description="Answers without auth. A client is online only when this answers with "
    '`service == "zanjireh-api"` (a captive portal answers 200 with HTML).',
)
def ping(settings: SettingsDep) -> Ping:
    return Ping(
        api_version=API_VERSION,
        schema_version=SCHEMA_VERSION,
        min_client_schema=settings.min_client_schema,
        server_time=iso(utcnow()),
        collections=Collections(
            reference=list(REFERENCE_COLLECTIONS), user=list(USER_COLLECTIONS), shared=list(SHARED_COLLECTIONS)
        ),
    )
