"""Fixtures for the hardening tests: one live server per module with an account of every role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hardening.world import World, world_on


@pytest.fixture(scope="module")
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The world on SQLite; a module overrides it with ``params=BACKENDS`` to run on PostgreSQL too."""
    with world_on("sqlite", request, tmp_path_factory.mktemp("hardening")) as built:
        yield built
