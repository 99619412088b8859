"""The crash soak's acknowledgements (``bench/soak.py``): what its child says it saved reaches the soak whole or
not at all, and a line cut short by the kill is never counted as a save — the 15-round soak once counted a
photo "" lost in every check after the child was killed between two of ``print``'s writes (docs/reliability.md).

The child here is a real process killed by a real SIGKILL right after its first write to the pipe, the moment
that cut the line: its stdout is what ``PYTHONUNBUFFERED`` makes of it (a write per piece ``print`` is given).
"""

from __future__ import annotations

import subprocess
import sys

from bench.soak import read_acknowledgements
from tests.support.live_server import REPO_ROOT

VISIT = "6fe11af0-7e2c-4e01-981e-719edc93d6c3"
SHA = "d81a362164995cdaf94c2e5644386ac12e6040c79b0d71ad42405028334a13fa"

#: A child whose stdout writes each piece at once, as with PYTHONUNBUFFERED, and that is SIGKILLed by the
#: kernel right after the first write reaches the pipe.
KILLED_AFTER_FIRST_WRITE = f"""
import io, os, signal, sys
sys.path.insert(0, {str(REPO_ROOT)!r})
from bench.soak import acknowledge
real_write = os.write

def write_then_die(fd, data):
    written = real_write(fd, data)
    os.kill(os.getpid(), signal.SIGKILL)
    return written

class Unbuffered(io.RawIOBase):
    def writable(self):
        return True
    def fileno(self):
        return 1
    def write(self, data):
        return os.write(1, bytes(data))

sys.stdout = io.TextIOWrapper(Unbuffered(), write_through=True)
os.write = write_then_die
"""


def run_killed_child(statement: str) -> list[str]:
    """The lines the soak reads from a child that runs ``statement`` and is killed after its first write."""
    completed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_FIRST_WRITE + statement],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert completed.returncode == -9, "the child was not killed mid-acknowledgement: the test proves nothing"
    return completed.stdout.splitlines(keepends=True)


def test_a_photo_acknowledged_by_a_child_killed_after_one_write_reaches_the_soak_whole() -> None:
    lines = run_killed_child(f"acknowledge('photo', {VISIT!r}, {SHA!r})")

    notes: set[str] = set()
    photos: dict[str, str] = {}
    read_acknowledgements(lines, notes, photos, 0)

    assert lines == [f"photo {VISIT} {SHA}\n"]
    assert photos == {SHA: VISIT}


def test_a_line_cut_short_by_the_kill_is_not_counted_as_an_acknowledged_save() -> None:
    # What the soak's child did before: print's pieces are separate writes, the kill lands after the first.
    lines = run_killed_child(f"print('photo', {VISIT!r}, {SHA!r}, flush=True)")
    notes: set[str] = set()
    photos: dict[str, str] = {}

    draft_rev = read_acknowledgements([*lines, "note abc\n", "draft 7\n", "draft"], notes, photos, 3)

    assert lines == ["photo"], "print wrote the line at once: the cut this test guards against did not happen"
    assert photos == {}  # counted before as a photo "" that no visit names and no file holds: two losses a check
    assert notes == {"abc"}
    assert draft_rev == 7
