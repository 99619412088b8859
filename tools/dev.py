"""Set everything up on a fresh clone, then run the app (`run`) or every test (`test`). Standard library only.

python3 tools/dev.py run    # venv + dependencies, a local API seeded from ../shared/data, the app
python3 tools/dev.py test   # venv + dependencies + Chromium/PostgreSQL when missing, then pytest on every core
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
DATA = ROOT / ".data"  # the dev run's app and server data (gitignored)
SHARED_DATA = ROOT.parent / "shared" / "data"
API_PORT = int(os.environ.get("ZANJIREH_DEV_API_PORT", "8760"))


def say(message: str) -> None:
    print(f"[zanjireh] {message}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    """Create .venv and install the project with its dev extras, again only when pyproject.toml changed."""
    if not venv_python().exists():
        say("creating .venv")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    stamp = VENV / ".zanjireh-installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        say("installing dependencies (pip install .[dev])")
        pip = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, f"{ROOT}[dev]"], check=True, cwd=ROOT)
        stamp.write_text(digest)
    return venv_python()


def apt_install(*packages: str) -> bool:
    """Install Debian packages when we may (root with apt-get); say so when we may not."""
    if shutil.which("apt-get") is None or (hasattr(os, "geteuid") and os.geteuid() != 0):
        say(f"cannot install {', '.join(packages)} here (needs apt-get as root): those tests will be skipped")
        return False
    say(f"installing {', '.join(packages)} from Debian")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    update = subprocess.run(["apt-get", "update", "-qq"], env=env)
    install = subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env)
    return update.returncode == 0 and install.returncode == 0


def ensure_test_tools() -> None:
    missing = []
    if not Path("/usr/bin/chromium").exists() and sys.platform.startswith("linux"):
        missing.append("chromium")
    if sys.platform.startswith("linux") and not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        missing.append("postgresql")
    if missing:
        apt_install(*missing)


def pytest_arguments(args: list[str]) -> list[str]:
    """pytest's arguments for the test run: ``args`` plus, unless they say otherwise, one xdist worker per core
    (``ZANJIREH_TEST_WORKERS``: a number, ``auto``, or 0 for one process) with the groups of
    tests/support/parallel.py, and the 30 slowest tests listed at the end (docs/testing.md)."""
    extra: list[str] = []
    parallel_chosen = any(
        arg.startswith(("-n", "--numprocesses", "--dist")) or arg == "no:xdist" or arg.endswith("=no:xdist")
        for arg in args
    )
    workers = os.environ.get("ZANJIREH_TEST_WORKERS", "auto").strip() or "auto"
    if not parallel_chosen and workers != "0":
        extra += ["-n", workers, "--dist", "loadgroup"]
    if not any(arg.startswith("--durations") for arg in args):
        extra.append("--durations=30")
    return [*extra, *args]


def cmd_test(args: list[str]) -> int:
    python = ensure_venv()
    ensure_test_tools()
    arguments = pytest_arguments(args)
    say(f"running every test: pytest {' '.join(arguments)}")
    return subprocess.run([str(python), "-m", "pytest", *arguments], cwd=ROOT).returncode


def _wait_for_api(url: str, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/api/v1/ping", timeout=2) as answer:
                if b"zanjireh-api" in answer.read():
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def start_dev_server(python: Path) -> tuple[subprocess.Popen[bytes], str, str, str] | None:
    """A local reference API seeded from ../shared/data, with a member account for the app."""
    server_data = DATA / "server"
    server_data.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "ZANJIREH_SERVER_DATA": str(server_data), "PYTHONPATH": str(ROOT)}
    env.pop("ZANJIREH_DB", None)
    credentials = server_data / "dev-member.txt"
    if SHARED_DATA.is_dir():
        say(f"seeding the local API from {SHARED_DATA}")
        subprocess.run([str(python), "-m", "server", "import-gem", str(SHARED_DATA)], cwd=ROOT, env=env, check=True)
    # the field-visit checklists the app offers (bundled with the repository; idempotent)
    subprocess.run([str(python), "-m", "server", "import-checklists"], cwd=ROOT, env=env, check=True)
    if not credentials.exists():
        password = secrets.token_urlsafe(12)
        subprocess.run([str(python), "-m", "server", "create-user", "member", "--role", "member"],
                       cwd=ROOT, env=env, input=(password + "\n").encode(), check=True)  # fmt: skip
        credentials.write_text(f"member\n{password}\n", encoding="utf-8")
    username, password = credentials.read_text(encoding="utf-8").split()[:2]
    log = open(server_data / "server.log", "ab")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(
        [str(python), "-m", "server", "serve", "--host", "127.0.0.1", "--port", str(API_PORT)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{API_PORT}"
    if not _wait_for_api(url):
        server.terminate()
        say(f"the local API did not start; see {server_data / 'server.log'}")
        return None
    say(f"local API at {url} (account: {username} / {password})")
    return server, url, username, password


def cmd_run(args: list[str]) -> int:
    python = ensure_venv()
    app_data = DATA / "app"
    started = start_dev_server(python)
    app = [str(python), "main.py", "--data-dir", str(app_data), "--developer"]
    server = None
    if started is not None:
        server, url, username, password = started
        # sign the app in once, so it opens already synced with the local API
        env = {**os.environ, "ZANJIREH_PASSWORD": password}
        subprocess.run([*app, "sync", "--api", url, "--user", username], cwd=ROOT, env=env)
        app += ["--api", url]
    try:
        return subprocess.run([*app, *args], cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)


def main() -> int:
    command, *rest = sys.argv[1:] or ["run"]
    if command == "run":
        return cmd_run(rest)
    if command == "test":
        return cmd_test(rest)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
