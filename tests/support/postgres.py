"""A throwaway PostgreSQL for tests: ``$ZANJIREH_TEST_PG_URL`` if set, else a private cluster.

The private cluster is made with initdb in a temporary folder and started with pg_ctl on a free
port, its socket in that folder, trusting local connections. PostgreSQL refuses to run as root, so
under root the binaries run as the ``postgres`` user through ``runuser``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from tests.support.live_server import free_port

PG_URL_ENV = "ZANJIREH_TEST_PG_URL"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries were found (tests needing one are skipped)."""


def find_pg_bin() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, else the newest Debian/Ubuntu install."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name.split(".")[0]), reverse=True
    )
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _sqlalchemy_url(url: str) -> str:
    """SQLAlchemy URLs name the driver; a plain ``postgresql://`` one is given psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _as_root() -> bool:
    return os.geteuid() == 0


def _run_pg(*command: str) -> None:
    """Run a PostgreSQL binary, as the ``postgres`` user when we are root (it refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if _as_root() else []
    completed = subprocess.run(
        [*prefix, *command], capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")


def _libpq_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


class PostgresCluster:
    """A PostgreSQL server to make fresh databases in; ``stop()`` removes what it started."""

    def __init__(
        self, admin_url: str, *, base_dir: Path | None = None, data_dir: Path | None = None, pg_bin: Path | None = None
    ) -> None:
        self.admin_url = _sqlalchemy_url(admin_url)
        self._base_dir = base_dir  # a private cluster's temporary folder, removed by stop()
        self._data_dir = data_dir
        self._pg_bin = pg_bin
        self._databases: list[str] = []

    @classmethod
    def start(cls) -> PostgresCluster:
        """Use ``$ZANJIREH_TEST_PG_URL``, or initdb and start a private cluster."""
        if os.environ.get(PG_URL_ENV):
            return cls(os.environ[PG_URL_ENV])
        pg_bin = find_pg_bin()
        if pg_bin is None:
            raise PostgresUnavailable(f"no PostgreSQL server binaries (initdb, pg_ctl) and no ${PG_URL_ENV}")
        base = Path(tempfile.mkdtemp(prefix="zanjireh-pg-"))
        data_dir, socket_dir = base / "data", base / "socket"
        socket_dir.mkdir()
        if _as_root():
            shutil.chown(base, "postgres", "postgres")
            shutil.chown(socket_dir, "postgres", "postgres")
        port = free_port()
        try:
            _run_pg(
                str(pg_bin / "initdb"), "-D", str(data_dir), "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
            )  # fmt: skip
            options = (
                f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={socket_dir} "
                # A test cluster: durability is not what is being tested, speed is welcome.
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            )
            log = str(base / "log")
            _run_pg(str(pg_bin / "pg_ctl"), "-D", str(data_dir), "-o", options, "-w", "-t", "60", "-l", log, "start")
        except BaseException:
            shutil.rmtree(base, ignore_errors=True)
            raise
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        return cls(url, base_dir=base, data_dir=data_dir, pg_bin=pg_bin)

    def create_database(self, prefix: str = "zanjireh_test") -> str:
        """A new, empty database; its SQLAlchemy URL (``postgresql+psycopg://…``)."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(_libpq_url(self.admin_url), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        self._databases.append(name)
        head, _slash, tail = self.admin_url.rpartition("/")
        query = ("?" + tail.split("?", 1)[1]) if "?" in tail else ""
        return f"{head}/{name}{query}"

    def refill_from(self, url: str, template_url: str) -> None:
        """Make the database at ``url`` a copy of the one at ``template_url`` (its tables and rows), keeping its
        name: ``CREATE DATABASE … TEMPLATE``, a file copy inside PostgreSQL, much cheaper than making the rows
        again. Nobody may be connected to the template."""
        import psycopg

        name = url.rpartition("/")[2].split("?", 1)[0]
        template = template_url.rpartition("/")[2].split("?", 1)[0]
        with psycopg.connect(_libpq_url(self.admin_url), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')  # type: ignore[arg-type]
        if name not in self._databases:
            self._databases.append(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by ``create_database`` (closing its connections first)."""
        import psycopg

        name = url.rpartition("/")[2].split("?", 1)[0]
        with psycopg.connect(_libpq_url(self.admin_url), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]
        if name in self._databases:
            self._databases.remove(name)

    def stop(self) -> None:
        """Drop the databases made here; stop and delete a private cluster."""
        if self._data_dir is None:
            for name in list(self._databases):
                # Best effort on a shared server: never fail a test run for it.
                with contextlib.suppress(Exception):
                    self.drop_database(f"{self.admin_url.rpartition('/')[0]}/{name}")
            return
        assert self._pg_bin is not None
        with contextlib.suppress(RuntimeError):  # already stopped
            _run_pg(str(self._pg_bin / "pg_ctl"), "-D", str(self._data_dir), "-m", "immediate", "stop")
        if self._base_dir is not None:
            shutil.rmtree(self._base_dir, ignore_errors=True)
        self._data_dir = None
