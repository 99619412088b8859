"""The token keeper renews a refused session once, whoever asks, and never across members (sync/tokens.py).

No server here: ``renew`` is a stand-in that counts how often it is called and answers when the test says.
The end-to-end proof against a real server is tests/sync_e2e/test_token_renewal.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sync.tokens import MemoryTokenKeeper, Session, SessionVault


def _session(username: str, n: int) -> Session:
    return {"api_url": "http://127.0.0.1:1", "username": username, "access_token": f"{username}-a{n}",
            "refresh_token": f"{username}-r{n}"}  # fmt: skip


class Renewer:
    """``renew``: counts calls, answers the next pair of the member once ``release`` is set."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.release = asyncio.Event()
        self.discarded: list[Session] = []

    async def renew(self, refused: Session) -> Session:
        self.calls.append(refused["refresh_token"])
        await self.release.wait()
        n = int(refused["refresh_token"].rsplit("-r", 1)[1])
        return _session(refused["username"], n + 1)

    async def discard(self, unkept: Session) -> None:
        self.discarded.append(unkept)


def _vault(session: Session | None) -> SessionVault:
    vault = SessionVault(MemoryTokenKeeper())
    vault.put_now(session)
    return vault


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_callers_that_find_the_token_refused_at_once_share_one_renewal() -> None:
    async def scene() -> tuple[list[Any], Renewer, SessionVault]:
        vault, renewer = _vault(_session("ali", 1)), Renewer()
        refused = vault.current()
        assert refused is not None
        waiting = [asyncio.ensure_future(vault.renewed(refused, renewer.renew)) for _ in range(3)]
        await _settle()
        renewer.release.set()
        return list(await asyncio.gather(*waiting)), renewer, vault

    results, renewer, vault = asyncio.run(scene())
    assert renewer.calls == ["ali-r1"]  # the refresh token is spent once
    assert results == [_session("ali", 2)] * 3 and vault.current() == _session("ali", 2)


def test_a_caller_that_read_the_session_before_a_renewal_ended_renews_nothing() -> None:
    async def scene() -> tuple[Session | None, Renewer]:
        vault, renewer = _vault(_session("ali", 1)), Renewer()
        stale = vault.current()
        assert stale is not None
        renewer.release.set()
        await vault.renewed(stale, renewer.renew)
        return await vault.renewed(stale, renewer.renew), renewer  # its 401 came after the renewal

    late, renewer = asyncio.run(scene())
    assert renewer.calls == ["ali-r1"] and late == _session("ali", 2)


def test_a_cancelled_caller_leaves_the_renewal_to_finish_and_be_kept() -> None:
    async def scene() -> tuple[Session | None, Renewer]:
        vault, renewer = _vault(_session("ali", 1)), Renewer()
        refused = vault.current()
        assert refused is not None
        first = asyncio.ensure_future(vault.renewed(refused, renewer.renew))
        await _settle()
        first.cancel()  # the screen that asked went away
        await _settle()
        renewer.release.set()
        second = await vault.renewed(refused, renewer.renew)
        return second, renewer

    second, renewer = asyncio.run(scene())
    assert renewer.calls == ["ali-r1"] and second == _session("ali", 2)


def test_a_renewal_that_ends_after_another_member_signed_in_is_discarded_not_kept() -> None:
    async def scene() -> tuple[Session | None, Renewer, SessionVault]:
        vault, renewer = _vault(_session("ali", 1)), Renewer()
        refused = vault.current()
        assert refused is not None
        renewing = asyncio.ensure_future(vault.renewed(refused, renewer.renew, renewer.discard))
        await _settle()
        await vault.put(_session("sara", 1))  # sara signs in on this device meanwhile
        renewer.release.set()
        return await renewing, renewer, vault

    result, renewer, vault = asyncio.run(scene())
    assert result is None and vault.current() == _session("sara", 1)
    assert renewer.discarded == [_session("ali", 2)]  # ali's new tokens go to nobody (and are revoked)


def test_a_request_of_one_member_is_never_given_another_members_session() -> None:
    async def scene() -> tuple[Session | None, Renewer]:
        vault, renewer = _vault(_session("sara", 1)), Renewer()
        return await vault.renewed(_session("ali", 1), renewer.renew), renewer  # ali's request, sara signed in

    result, renewer = asyncio.run(scene())
    assert result is None and renewer.calls == []


def test_a_renewal_that_asks_for_its_own_session_to_be_renewed_is_answered_none_not_left_waiting() -> None:
    """Headless sync's password sign-in (the refresh token refused) ends the old sign-in from inside the
    renewal: it must not wait for the renewal it is part of."""

    async def scene() -> tuple[Session | None, Session | None]:
        vault = _vault(_session("ali", 1))
        refused = vault.current()
        assert refused is not None
        inner: list[Session | None] = []

        async def renew(old: Session) -> Session:
            inner.append(await asyncio.wait_for(vault.renewed(old, renew), 5))
            return _session("ali", 2)

        return await asyncio.wait_for(vault.renewed(refused, renew), 5), inner[0]

    outer, inner = asyncio.run(scene())
    assert inner is None and outer == _session("ali", 2)
