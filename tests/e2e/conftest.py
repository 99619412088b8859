"""Browser-test plumbing: skip without a browser, one headless Chromium per module, the app served on a new
data folder, the release it imported, and a screenshot left behind by a failing test."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from sync.atlas_import import import_gem_into_store
from sync.store import LocalStore
from tests.e2e.helpers import OPEN_SESSIONS, ROOT, SHOTS
from tests.support.flet_pw import (
    CHROMIUM,
    CHROMIUM_ARGS,
    AppServer,
    missing_browser_reason,
    semantics_text,
    serve_app,
    settle_and_shot,
)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every browser test is skipped, saying why, where Chromium or Playwright is missing."""
    reason = missing_browser_reason()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Generator[None, Any, None]:
    """Remember each phase's outcome, so that ``evidence_on_failure`` knows whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # only once the browser tests are known to run

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> Iterator[AppServer]:
    """The app as a member starts it: a new data folder, filled on first run from ../shared/data."""
    folder = tmp_path_factory.mktemp(request.path.stem)
    with serve_app(ROOT, folder / "data", folder / "app.log") as app:
        yield app


@pytest.fixture(scope="module")
def atlas(shared_data: Path) -> list[Any]:
    """The same release the app imported, read here to know what the screens (and files) must show."""
    store = LocalStore.in_memory()
    import_gem_into_store(store, shared_data)
    return [*store.plants.all(), *store.mines.all()]


@pytest.fixture(autouse=True)
def evidence_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """A failing test leaves its last screen and semantics tree in artifacts/screenshots/failed/; every
    session the test opened is closed afterwards."""
    yield
    report = getattr(request.node, "report_call", None)
    for index, session in enumerate(OPEN_SESSIONS):
        if report is not None and report.failed and session.page is not None and not session.page.is_closed():
            stem = SHOTS / "failed" / f"{request.node.name}-{index}"
            settle_and_shot(session.page, stem.with_suffix(".png"), ms=200)
            stem.with_suffix(".txt").write_text(semantics_text(session.page), encoding="utf-8")
        session.context.close()
    OPEN_SESSIONS.clear()
