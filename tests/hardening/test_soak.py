"""A few rounds of the crash soak (``bench/soak.py``) in the test command: a client killed at random moments
while saving notes and a Fund draft, attaching photos to a visit and syncing, the server killed in one of the
rounds. The full 200 rounds
are ``python -m bench.soak`` (docs/reliability.md); ``ZANJIREH_SOAK_RUNS`` sets how many rounds run here."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.live_server import REPO_ROOT

RUNS = int(os.environ.get("ZANJIREH_SOAK_RUNS", "3"))


@pytest.mark.slow
def test_clients_and_a_server_killed_mid_write_lose_nothing_and_duplicate_nothing_photos_included() -> None:
    command = [sys.executable, "-m", "bench.soak", "--runs", str(RUNS), "--server-kill-every", "2", "--json"]
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert completed.returncode == 0, completed.stderr[-3000:]
    figures = json.loads(completed.stdout.strip().splitlines()[-1])

    assert figures["acknowledged_saves"] > 0, "no save was acknowledged before a kill: the soak proved nothing"
    assert figures["server_kills"] >= 1
    assert figures["unreadable_files"] == 0
    assert figures["acknowledged_saves_lost"] == 0
    assert figures["server_duplicates"] == 0
    assert figures["ops_left_after_final_sync"] == 0
    assert figures["acknowledged_photos"] > 0, "no photo was attached before a kill: photos were not soaked"
    assert figures["photos_corrupt"] == 0
    assert figures["photos_left_after_final_sync"] == 0
    assert figures["photos_sent_again"] == 0
