"""Runs the real API (``python -m server serve``) in a subprocess on a free port, for tests.

Only the command line and the HTTP API are used here, never the server's modules, so that the
app's sync tests can put a real server behind their client the same way.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

from tests.support.waiting import scaled

REPO_ROOT = Path(__file__).resolve().parents[2]
PING_PATH = "/api/v1/ping"
#: How long a server may take to answer its first ping: generous, since a loaded machine (several test runs,
#: two xdist workers on two cores) can need tens of seconds; it costs time only when the server is broken.
START_TIMEOUT = scaled(120.0)


class LiveServerError(RuntimeError):
    """The server did not start, or a CLI command failed; the message carries its output."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def listens_on(pid: int, port: int) -> bool | None:
    """Whether process ``pid`` holds a listening TCP socket on ``port`` (None where /proc cannot tell)."""
    wanted = f":{port:04X}"
    inodes: set[str] = set()
    try:
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(table, encoding="ascii") as rows:
                for row in rows.readlines()[1:]:
                    fields = row.split()
                    if fields[1].endswith(wanted) and fields[3] == "0A":  # 0A: LISTEN
                        inodes.add(f"socket:[{fields[9]}]")
        held = held_by(pid)
    except OSError:
        return None
    return bool(inodes & held)


def held_by(pid: int) -> set[str]:
    """What process ``pid`` has open, as /proc names it (a socket as «socket:[12345]»); OSError where it cannot tell."""
    return {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc; empty where there is none)."""
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == pid:
                found.append(int(entry))
    return found


def server_env(db_url: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a server process: this one's, minus any ZANJIREH_* of the developer's."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ZANJIREH_")}
    env["ZANJIREH_DB"] = db_url
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.update(extra or {})
    return env


class LiveServer:
    """A running ``python -m server serve``; ``url`` is its base address (no trailing slash)."""

    def __init__(
        self, db_url: str, env: Mapping[str, str] | None = None, port: int | None = None, workers: int = 1
    ) -> None:
        self.db_url = db_url
        self.env = server_env(db_url, env)
        self.workers = workers
        self._port_is_ours = port is None  # a port we picked may be replaced if it was taken meanwhile
        self._started_once = False
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.NamedTemporaryFile(prefix="zanjireh-server-", suffix=".log", delete=False)  # noqa: SIM115
        self.log_path = Path(self._log.name)
        self._process: subprocess.Popen[bytes] | None = None

    # ---- life cycle ----------------------------------------------------------------------------
    def start(self, timeout: float = START_TIMEOUT) -> LiveServer:
        """Start and wait until it answers. A port picked here that someone else took before the server bound
        it (another xdist worker, another engineer's run) is replaced by a new one, on the first start only:
        a restart keeps its address, as a real server's does."""
        if self.running:
            return self
        for attempt in range(3):
            try:
                self._start_once(timeout)
                break
            except LiveServerError as error:
                port_taken = "address already in use" in str(error).lower()
                if not (port_taken and self._port_is_ours and not self._started_once and attempt < 2):
                    raise
                self.port = free_port()
                self.url = f"http://127.0.0.1:{self.port}"
                self._log.seek(0)  # the next attempt's log is the one that counts
                self._log.truncate()
        self._started_once = True
        return self

    def _start_once(self, timeout: float) -> None:
        command = [sys.executable, "-m", "server", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.workers > 1:
            command += ["--workers", str(self.workers)]
        self._process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_answering(timeout)

    def stop(self, timeout: float = 15.0) -> None:
        """Graceful stop (SIGTERM), then SIGKILL if it does not end in time."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)

    def kill(self) -> None:
        """Abrupt stop (SIGKILL), as a crash or power cut would do it."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.kill()
        process.wait(15.0)

    def restart(self, timeout: float = START_TIMEOUT) -> LiveServer:
        """Stop if running, then start again on the same port and database."""
        self.stop()
        return self.start(timeout)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        """Stop the server and remove its log file."""
        self.stop()
        self._log.close()
        self.log_path.unlink(missing_ok=True)

    def __enter__(self) -> LiveServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---- the command line ------------------------------------------------------------------------
    def run_cli(
        self, *args: str, input: str | None = None, check: bool = True, timeout: float = 120.0
    ) -> subprocess.CompletedProcess[str]:
        """``python -m server ARGS`` against this server's database; raises on failure if ``check``."""
        completed = subprocess.run(
            [sys.executable, "-m", "server", *args],
            cwd=REPO_ROOT,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and completed.returncode != 0:
            raise LiveServerError(
                f"python -m server {' '.join(args)} exited {completed.returncode}:\n"
                f"{completed.stdout}{completed.stderr}"
            )
        return completed

    def create_user(self, name: str, role: str = "member", password: str = "correct horse battery") -> None:
        """Create a user through the real CLI (the password goes in on standard input)."""
        self.run_cli("create-user", name, "--role", role, input=password + "\n")

    # ---- internals -------------------------------------------------------------------------------
    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        assert self._process is not None
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self._process.poll() is not None:
                    raise LiveServerError(f"the server exited with {self._process.returncode}:\n{self.log()}")
                # The answer may come from another process that took the port first (ours then fails to bind
                # and exits, and start() tries another port): it counts once our process holds the port.
                if self._answers(client) and listens_on(self._process.pid, self.port) is not False:
                    return
                time.sleep(0.05)
        self.kill()
        raise LiveServerError(f"the server did not answer {PING_PATH} within {timeout:.0f} s:\n{self.log()}")

    def _answers(self, client: httpx.Client) -> bool:
        try:
            answer = client.get(self.url + PING_PATH)
            if answer.status_code == 200 and answer.json().get("service") == "zanjireh-api":
                return True
            # A server set to refuse old clients answers 426: up all the same.
            return answer.status_code == 426 and answer.json()["error"]["code"] == "upgrade_required"
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            return False


def start_live_server(db_url: str, env: dict[str, str] | None = None, workers: int = 1) -> LiveServer:
    """Start the API on a free 127.0.0.1 port with the database at ``db_url``; wait until it answers.

    ``env`` adds ``ZANJIREH_*`` settings (e.g. ``{"ZANJIREH_ACCESS_TOKEN_MINUTES": "0.05"}``); ``workers`` > 1
    serves it as ``serve --workers N`` (uvicorn's processes sharing the port; PostgreSQL only).
    The caller stops it (``stop()``/``close()``, or use it as a context manager).
    """
    last_error: LiveServerError | None = None
    for _attempt in range(3):  # a free port can be taken by someone else before the server binds it
        server = LiveServer(db_url, env, workers=workers)
        try:
            return server.start()
        except LiveServerError as error:
            last_error = error
            server.close()
            if "address already in use" not in str(error).lower():
                raise
    assert last_error is not None
    raise last_error
