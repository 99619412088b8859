"""How the suite is spread over pytest-xdist workers (``--dist loadgroup``) and which tests count as slow.

- Every browser test runs on one worker, one after another: two Chromiums and two Flutter apps drawing at
  once on a two-core machine fight for it, and their step timeouts would be what fails.
- The tests of a module that share a module- or class-scoped fixture (a server with the GEM data imported, a
  browser) stay together on one worker, so that fixture is made once, not once per worker or more.
- Every other test is scheduled on its own, wherever a worker is free (xdist hands out the groups, biggest
  first, then the single tests).

Nothing here changes what a test does; without xdist (plain ``pytest``) the marks are harmless.

Why a scheduler of our own: xdist 3.8's ``loadgroup`` tells groups apart by a suffix it writes into each test's
node id, which pytest 9.2 no longer lets it change (``Node.nodeid`` comes from ``Node._id`` now), so every test
ended up on its own and browser tests ran on both workers at once (pytest-dev/pytest-xdist#1386; its fix is
not released). Here each worker writes the groups it collected to a file named after the run, and the
controller's scheduler (``GroupScheduling``, used for ``--dist loadgroup``) reads it. A group suffix that a
fixed xdist does write is honoured too.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

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


def groups_file(testrun_uid: str) -> Path:
    """Where the workers of one xdist run leave the groups they collected, for the controller."""
    return Path(tempfile.gettempdir()) / f"zanjireh-xdist-groups-{testrun_uid}.json"


def mark_for_workers(items: list[pytest.Item]) -> None:
    """Mark browser tests ``slow``, give tests their ``xdist_group`` (a group a test names itself wins) and, on an
    xdist worker, leave the groups for the controller's scheduler."""
    groups: dict[str, str] = {}
    for item in items:
        if is_browser_test(item) and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow)
        named = item.get_closest_marker("xdist_group")
        if named is not None:
            group = str(named.args[0] if named.args else named.kwargs.get("name", "default"))
        else:
            group = worker_group(item)
            if group is not None:
                item.add_marker(pytest.mark.xdist_group(group))
        if group is not None:
            groups[item.nodeid] = group
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run and os.environ.get("PYTEST_XDIST_WORKER"):
        target = groups_file(run)
        partial = target.with_name(f"{target.name}.{os.environ['PYTEST_XDIST_WORKER']}.{os.getpid()}")
        partial.write_text(json.dumps(groups), encoding="utf-8")
        os.replace(partial, target)  # every worker collects the same tests: whichever lands last is as good


class XdistGroups:
    """A plugin for the xdist controller: ``--dist loadgroup`` uses ``GroupScheduling``."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Any) -> Any:
        if config.getvalue("dist") != "loadgroup":
            return None
        return make_group_scheduling(config, log)


def make_group_scheduling(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling  # only where xdist runs the suite

    class GroupScheduling(LoadScopeScheduling):
        """Load scheduling by groups: a group's tests go to one worker, biggest groups first, then the rest."""

        def __init__(self, config: pytest.Config, log: Any = None) -> None:
            super().__init__(config, log)
            self._groups: dict[str, str] = {}

        def schedule(self) -> None:
            if self.collection is None and self.nodes:
                path = groups_file(self.nodes[0].workerinput["testrunuid"])
                if path.exists():
                    self._groups = json.loads(path.read_text(encoding="utf-8"))
                    path.unlink(missing_ok=True)
            super().schedule()

        def _split_scope(self, nodeid: str) -> str:
            if nodeid.rfind("@") > nodeid.rfind("]"):  # an xdist that could write its group suffix
                return nodeid.rsplit("@", 1)[-1]
            return self._groups.get(nodeid, nodeid)

    return GroupScheduling(config, log)
