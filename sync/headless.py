"""`main.py sync`: one sync cycle from the command line, for desktops, scripts and tests."""

from __future__ import annotations

import asyncio
import getpass
import os
import sys
from pathlib import Path

from sync.api_client import check_api_address
from sync.engine import SyncEngine
from sync.errors import AuthRequired, ZanjirehError
from sync.store import LocalStore


def read_password() -> str | None:
    """ZANJIREH_PASSWORD, else a line of standard input (a prompt when it is a terminal)."""
    password = os.environ.get("ZANJIREH_PASSWORD")
    if password:
        return password
    if sys.stdin is None:
        return None
    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    line = sys.stdin.readline()
    return line.rstrip("\r\n") or None


async def _run(store: LocalStore, api: str, user: str | None) -> int:
    api = check_api_address(api)
    asked: list[str | None] = []

    def password_once() -> str | None:  # asked at most once, and only if a sign-in is needed
        if not asked:
            asked.append(read_password())
        return asked[0]

    engine = SyncEngine(store, password_provider=password_once)
    session = engine.session()
    if user is not None:
        store.device.set_setting("username", user)
    same_session = session is not None and session.get("api_url") == api and user in (None, session.get("username"))
    if not same_session:
        username = user or store.device.settings().get("username")
        password = password_once()
        if not username or not password:
            raise AuthRequired("give --user and a password (ZANJIREH_PASSWORD or standard input)")
        await engine.sign_in(api, username, password)
    result = await engine.sync_once("command line")
    print("\n".join(result.lines()))
    if result.error is not None and not result.ok:
        raise result.error
    return 0 if result.ok else 1


def run_sync_once(api: str, user: str | None, data_dir: Path) -> int:
    store = LocalStore.open(data_dir)
    try:
        return asyncio.run(_run(store, api, user))
    except ZanjirehError:
        raise
    finally:
        store.close()
