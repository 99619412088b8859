"""How the suite is spread over pytest-xdist workers (``--dist loadgroup``) and which tests count as slow.

- Every browser test runs on one worker, one after another: two Chromiums and two Flutter apps drawing at
  once on a two-core machine fight for it, and their step timeouts would be what fails.
- The tests of a module that share a module- or class-scoped fixture (a server with the GEM data imported, a
  browser) stay together on one worker, so that fixture is made once, not once per worker or more.
- Every other test is scheduled on its own, wherever a worker is free (xdist hands out the groups, biggest
  first, then the single tests).

Nothing here changes what a test does; without xdist (plain ``pytest``) the marks are harmless.
"""

from __future__ import annotations

from pathlib import Path

import pytest

BROWSER_GROUP = "browser"
E2E_DIR = Path(__file__).resolve().parents[1] / "e2e"
SHARED_SCOPES = frozenset({"class", "module", "package"})


def is_browser_test(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None or item.path.is_relative_to(E2E_DIR)


def shares_fixtures(item: pytest.Item) -> bool:
    """Whether the test uses a fixture made once for several tests of its module or class."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(defs and defs[-1].scope in SHARED_SCOPES for defs in info.name2fixturedefs.values())


def worker_group(item: pytest.Item) -> str | None:
    """The xdist group of a test: ``browser``, its module's path, or None (scheduled on its own)."""
    if is_browser_test(item):
        return BROWSER_GROUP
    if shares_fixtures(item):
        return item.nodeid.split("::", 1)[0]
    return None


def mark_for_workers(items: list[pytest.Item]) -> None:
    """Mark browser tests ``slow`` and give tests their ``xdist_group`` (a group a test names itself wins)."""
    for item in items:
        if is_browser_test(item) and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("xdist_group") is not None:
            continue
        group = worker_group(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
