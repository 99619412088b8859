"""Command line: ``python -m server serve | migrate | import-gem | import-suppliers | import-needs | import-fund |
import-checklists | seed-demo | create-user | purge-tombstones`` and the account commands ``disable-user |
enable-user | reset-password | revoke-tokens | delete-user``."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import sqlalchemy as sa
from pydantic import ValidationError

from server.config import Settings
from server.schemas import ROLES

PROG = "python -m server"
#: How long uvicorn keeps an idle connection open (its default is 5 s). Longer than the app's client keeps one
#: (``sync.api_client.KEEPALIVE_EXPIRY_S``), so the client, not the server, ends an idle connection and never
#: sends a request on one the server is closing at that moment.
KEEP_ALIVE_S = 20


class CommandFailed(Exception):
    """A command could not do its work; the message is printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: these commands run from scripts and cron.
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Zanjireh's reference sync API server.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    db_help = "SQLAlchemy database URL (default: $ZANJIREH_DB, else a SQLite file in $ZANJIREH_SERVER_DATA)"

    serve = commands.add_parser("serve", help="apply migrations, then serve the API")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--db", help=db_help)
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes sharing the port (default 1); more than one needs PostgreSQL, as in production",
    )

    migrate = commands.add_parser("migrate", help="bring the database schema up to date")
    migrate.add_argument("--db", help=db_help)

    gem = commands.add_parser("import-gem", help="import a GEM release (folder of CSV/XLSX, or a workbook)")
    gem.add_argument("path", metavar="DIR", type=Path, help="the GEM release folder or workbook")
    gem.add_argument("--release", help='the release, when the files do not tell it (e.g. "September 2025 (V1)")')
    gem.add_argument("--db", help=db_help)

    for name, what in (("import-suppliers", "suppliers"), ("import-needs", "needs")):
        register = commands.add_parser(
            name, help=f"import the association's {what} register (CSV or XLSX; docs/registers.md)"
        )
        register.add_argument("path", metavar="FILE", type=Path, help=f"the {what} register, .csv or .xlsx")
        register.add_argument("--lang", choices=["en", "fa"], default="en", help="language of the problems listed")
        register.add_argument("--db", help=db_help)

    fund = commands.add_parser(
        "import-fund", help="import the Fund's programmes and calls (a JSON file; docs/fund.md); the file owns them"
    )
    fund.add_argument("path", metavar="FILE", type=Path, help='a JSON file {"programmes": [...], "calls": [...]}')
    fund.add_argument("--db", help=db_help)

    demo = commands.add_parser(
        "seed-demo", help="load the demo suppliers, needs and the Fund's demo programmes and calls (labelled demo)"
    )
    demo.add_argument("count", metavar="N", type=int, help="number of demo suppliers (0 to 100000); needs ≈ N/10")
    demo.add_argument("--db", help=db_help)

    checklists = commands.add_parser(
        "import-checklists", help="serve the field-visit checklist templates (default: the bundled assets/checklists)"
    )
    checklists.add_argument("path", metavar="DIR", type=Path, nargs="?", help="a folder of <id>.v<N>.json templates")
    checklists.add_argument("--db", help=db_help)

    user = commands.add_parser("create-user", help="create a user; the password is read from standard input")
    user.add_argument("name", metavar="NAME")
    user.add_argument("--role", required=True, choices=ROLES, help=", ".join(ROLES))
    user.add_argument(
        "--org",
        metavar="ORG_ID",
        help="the account's organisation: a GEM entity id of a plant's owner or parent (members), a supplier id "
        "(suppliers), or 'association' (the default for the association's roles)",
    )
    user.add_argument("--db", help=db_help)

    for name, text in (
        ("disable-user", "stop a user signing in, and end every session they have"),
        ("enable-user", "let a disabled user sign in again"),
        ("revoke-tokens", "end every session of a user (they sign in again)"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("name", metavar="NAME")
        command.add_argument("--db", help=db_help)

    reset = commands.add_parser(
        "reset-password", help="set a user's password (read from standard input) and end their sessions"
    )
    reset.add_argument("name", metavar="NAME")
    reset.add_argument("--db", help=db_help)

    delete = commands.add_parser("delete-user", help="delete a user and their records, or hand the records over")
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--hand-over-to", metavar="OTHER", help="give the user's favourites and notes to OTHER")
    delete.add_argument("--yes", action="store_true", help="needed to delete without handing over")
    delete.add_argument("--db", help=db_help)

    purge = commands.add_parser("purge-tombstones", help="forget deletions older than the retention period")
    purge.add_argument("--older-than-days", type=int, help="default: $ZANJIREH_TOMBSTONE_RETENTION_DAYS (90)")
    purge.add_argument("--db", help=db_help)
    return parser


def load_settings(db: str | None) -> Settings:
    try:
        return Settings(db=db) if db else Settings()
    except ValidationError as error:
        messages = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        raise CommandFailed(f"bad settings: {messages}") from None


def redacted(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<unparseable URL>"


def prepare_database(settings: Settings) -> str:
    """Check the database can be reached and bring its schema to the latest migration."""
    from server import migrations
    from server.db import ensure_sqlite_folder

    url = settings.database_url
    try:
        if settings.uses_default_database:
            ensure_sqlite_folder(url)
        migrations.upgrade(url)
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise CommandFailed(f"cannot reach the database {redacted(url)}: {reason}") from None
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ModuleNotFoundError) as error:
        raise CommandFailed(f"not a usable database URL {redacted(url)}: {error}") from None
    except OSError as error:
        raise CommandFailed(f"cannot open the database {redacted(url)}: {error}") from None
    return url


def check_connections(settings: Settings, workers: int) -> None:
    """Refuse to start when the workers' pools could ask PostgreSQL for more connections than it allows: at the
    busiest moment the last ones would fail to connect, and their requests with them."""
    url = settings.database_url
    if url.startswith("sqlite"):
        return
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            allowed = int(connection.exec_driver_sql("SHOW max_connections").scalar_one())
            reserved = int(connection.exec_driver_sql("SHOW superuser_reserved_connections").scalar_one())
    finally:
        engine.dispose()
    wanted = workers * settings.pool.most
    if wanted > allowed - reserved:
        raise CommandFailed(
            f"{workers} worker(s) × {settings.pool.most} connections (ZANJIREH_DB_POOL_SIZE {settings.db_pool_size}"
            f" + ZANJIREH_DB_POOL_OVERFLOW {settings.db_pool_overflow}) = {wanted}, more than PostgreSQL allows "
            f"({allowed} max_connections − {reserved} reserved); lower them or --workers, or raise max_connections"
        )


def read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    line = sys.stdin.readline()
    return line.removesuffix("\n").removesuffix("\r")


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from server.main import create_app

    settings = load_settings(args.db)
    if args.workers < 1:
        raise CommandFailed("--workers must be at least 1")
    prepare_database(settings)  # once, before any worker starts
    check_connections(settings, args.workers)
    print(
        f"Zanjireh API on http://{args.host}:{args.port}/api/v1 (database {redacted(settings.database_url)}"
        f"{f', {args.workers} workers' if args.workers > 1 else ''})"
    )
    sys.stdout.flush()
    # proxy_headers=False: uvicorn would believe X-Forwarded-For from any loopback peer; the app believes
    # it only from ZANJIREH_TRUSTED_PROXIES (server.accounts.client_address).
    options: dict[str, Any] = {
        "host": args.host, "port": args.port, "log_level": args.log_level, "timeout_graceful_shutdown": 10,
        "timeout_keep_alive": KEEP_ALIVE_S, "proxy_headers": False,
        "timeout_worker_healthcheck": settings.worker_healthcheck_seconds,
    }  # fmt: skip
    if args.workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    # Each worker process builds its own app from the environment: what --db said travels there. Everything
    # the processes share (records, tokens, the sign-in limiter's counts) is in the database.
    os.environ["ZANJIREH_DB"] = settings.database_url
    uvicorn.run("server.main:create_app", factory=True, workers=args.workers, **options)


def cmd_migrate(args: argparse.Namespace) -> None:
    from server import migrations

    settings = load_settings(args.db)
    url = prepare_database(settings)
    print(f"Database {redacted(url)} is at migration {migrations.current_revision(url)}.")


def cmd_import_gem(args: argparse.Namespace) -> None:
    from server.db import Database
    from server.importing import import_gem

    path: Path = args.path
    if not path.exists():
        raise CommandFailed(f"no such folder or file: {path}")
    if not (path.is_dir() or path.suffix.lower() == ".xlsx"):
        raise CommandFailed(f"not a folder or an .xlsx workbook: {path}")
    try:
        from sync.errors import ImportFailed
    except ImportError as error:
        raise CommandFailed(f"the GEM importer is not available: {error}") from None
    settings = load_settings(args.db)
    url = prepare_database(settings)
    database = Database(url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    try:
        report = import_gem(
            database,
            path=path.resolve(),
            imported_by=f"cli:{getpass.getuser()}",
            retention_days=settings.tombstone_retention_days,
            release=args.release,
        )
    except ImportFailed as error:
        raise CommandFailed(f"nothing imported: {error.detail or error}") from None
    finally:
        database.dispose()
    print("\n".join(report.lines()))


def cmd_create_user(args: argparse.Namespace) -> None:
    from server import persistence
    from server.accounts import AccountError, create_user
    from server.db import Database

    settings = load_settings(args.db)
    password = read_password()
    if not password:
        raise CommandFailed("empty password; write it as one line on standard input")
    url = prepare_database(settings)
    database = Database(url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    try:
        name = create_user(
            database, username=args.name, role=args.role, password=password, settings=settings, org_id=args.org
        )
        with database.read() as session:
            stored = persistence.get_user_by_name(session, username=name)
            org = stored.org_id if stored is not None else None
    except AccountError as error:
        raise CommandFailed(str(error)) from None
    finally:
        database.dispose()
    print(f"Created user {name!r} with role {args.role}.")
    if org:
        print(f"  organisation: {org}")


def _account_command(args: argparse.Namespace, work):  # type: ignore[no-untyped-def]
    """Run ``work(database, settings)`` for an account command; AccountError becomes the command's error."""
    from server.accounts import AccountError
    from server.db import Database

    settings = load_settings(args.db)
    url = prepare_database(settings)
    database = Database(url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    try:
        return work(database, settings)
    except AccountError as error:
        raise CommandFailed(str(error)) from None
    finally:
        database.dispose()


def cmd_disable_user(args: argparse.Namespace) -> None:
    from server import accounts

    ended = _account_command(args, lambda db, _s: accounts.set_disabled(db, username=args.name, disabled=True))
    print(f"Disabled {args.name!r}; {ended} session(s) ended.")


def cmd_enable_user(args: argparse.Namespace) -> None:
    from server import accounts

    _account_command(args, lambda db, _s: accounts.set_disabled(db, username=args.name, disabled=False))
    print(f"Enabled {args.name!r}; they can sign in again.")


def cmd_revoke_tokens(args: argparse.Namespace) -> None:
    from server import accounts

    ended = _account_command(args, lambda db, _s: accounts.revoke_tokens(db, username=args.name))
    print(f"Ended {ended} session(s) of {args.name!r}; their devices must sign in again.")


def cmd_reset_password(args: argparse.Namespace) -> None:
    from server import accounts

    password = read_password()
    if not password:
        raise CommandFailed("empty password; write it as one line on standard input")
    ended = _account_command(
        args, lambda db, settings: accounts.reset_password(db, username=args.name, password=password, settings=settings)
    )
    print(f"Set a new password for {args.name!r}; {ended} session(s) ended.")


def cmd_delete_user(args: argparse.Namespace) -> None:
    from server import accounts

    if args.hand_over_to is None and not args.yes:
        raise CommandFailed("this deletes the user's favourites and notes; add --yes, or --hand-over-to OTHER")
    removal = _account_command(
        args, lambda db, _s: accounts.delete_user(db, username=args.name, hand_over_to=args.hand_over_to)
    )
    print(f"Deleted user {args.name!r} and {removal.deleted} of their records.")
    if args.hand_over_to is not None:
        print(
            f"Handed {removal.handed_over} records over to {args.hand_over_to!r}"
            f" ({removal.kept_theirs} they already had under the same id kept as theirs)."
        )


def cmd_purge_tombstones(args: argparse.Namespace) -> None:
    from server import persistence
    from server.db import Database

    settings = load_settings(args.db)
    days = settings.tombstone_retention_days if args.older_than_days is None else args.older_than_days
    if days < 0:
        raise CommandFailed("--older-than-days must be 0 or more")
    url = prepare_database(settings)
    database = Database(url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    now = dt.datetime.now(dt.UTC)
    try:
        with database.write() as session:
            purged = persistence.purge_tombstones(session, deleted_before=now - dt.timedelta(days=days))
            dead_tokens = persistence.delete_dead_tokens(session, before=now - dt.timedelta(days=1))
            # A client that never acknowledges (an old app) would otherwise keep every answer for ever.
            old_results = persistence.delete_old_results(session, before=now - dt.timedelta(days=days))
    finally:
        database.dispose()
    total = sum(p.count for p in purged)
    print(f"Purged {total} tombstones older than {days} days.")
    for p in purged:
        print(f"  {p.collection}{' of user ' + p.owner if p.owner else ''}: {p.count}")
    print(f"Removed {dead_tokens} expired or revoked tokens.")
    print(f"Removed {old_results} stored push answers older than {days} days.")


def _register_command(args: argparse.Namespace, kind: str) -> None:
    from server.db import Database
    from server.registers import RegisterRefused, import_needs, import_suppliers
    from sync.errors import ImportFailed
    from sync.registers import issue_text

    path: Path = args.path
    if not path.is_file():
        raise CommandFailed(f"no such file: {path}")
    settings = load_settings(args.db)
    url = prepare_database(settings)
    database = Database(url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    run = import_suppliers if kind == "suppliers" else import_needs
    try:
        report = run(
            database,
            path=path.resolve(),
            imported_by=f"cli:{getpass.getuser()}",
            retention_days=settings.tombstone_retention_days,
        )
    except RegisterRefused as refused:
        issues = refused.result.issues
        for issue in issues:
            print(issue_text(issue, args.lang), file=sys.stderr)
        rows = len({issue.row for issue in issues})
        raise CommandFailed(
            f"nothing imported: {len(issues)} problems in {rows} of {refused.result.rows} rows of {path.name}"
        ) from None
    except ImportFailed as error:
        raise CommandFailed(f"nothing imported: {error.detail or error}") from None
    finally:
        database.dispose()
    print("\n".join(report.lines()))


def cmd_import_suppliers(args: argparse.Namespace) -> None:
    _register_command(args, "suppliers")


def cmd_import_needs(args: argparse.Namespace) -> None:
    _register_command(args, "needs")


def cmd_import_fund(args: argparse.Namespace) -> None:
    from server.db import Database
    from server.fund_import import FundFileRefused, import_fund

    path: Path = args.path
    if not path.is_file():
        raise CommandFailed(f"no such file: {path}")
    settings = load_settings(args.db)
    url = prepare_database(settings)
    database = Database(url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    try:
        report = import_fund(
            database,
            path=path.resolve(),
            imported_by=f"cli:{getpass.getuser()}",
            retention_days=settings.tombstone_retention_days,
        )
    except FundFileRefused as refused:
        for problem in refused.problems:
            print(problem, file=sys.stderr)
        raise CommandFailed(f"nothing imported: {len(refused.problems)} problems in {path.name}") from None
    finally:
        database.dispose()
    print("\n".join(report.lines()))


def cmd_seed_demo(args: argparse.Namespace) -> None:
    from models.demo import MAX_SUPPLIERS
    from server.db import Database
    from server.registers import NoPlants, seed_demo

    if not 0 <= args.count <= MAX_SUPPLIERS:
        raise CommandFailed(f"N must be between 0 and {MAX_SUPPLIERS}")
    settings = load_settings(args.db)
    url = prepare_database(settings)
    database = Database(url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    try:
        report = seed_demo(
            database,
            suppliers=args.count,
            imported_by=f"cli:{getpass.getuser()}",
            retention_days=settings.tombstone_retention_days,
        )
    except NoPlants as error:
        raise CommandFailed(str(error)) from None
    finally:
        database.dispose()
    print("\n".join(report.lines()))
    print("  every record of this set says demo: true")


def cmd_import_checklists(args: argparse.Namespace) -> None:
    from server.checklists import ASSETS, ChecklistRefused, import_checklists
    from server.db import Database

    folder: Path = args.path or ASSETS
    if not folder.is_dir():
        raise CommandFailed(f"no such folder: {folder}")
    settings = load_settings(args.db)
    url = prepare_database(settings)
    database = Database(url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    try:
        report = import_checklists(
            database,
            folder=folder.resolve(),
            imported_by=f"cli:{getpass.getuser()}",
            retention_days=settings.tombstone_retention_days,
        )
    except ChecklistRefused as error:
        raise CommandFailed(f"nothing imported: {error}") from None
    finally:
        database.dispose()
    print("\n".join(report.lines()))


COMMANDS = {
    "serve": cmd_serve,
    "migrate": cmd_migrate,
    "import-gem": cmd_import_gem,
    "import-suppliers": cmd_import_suppliers,
    "import-needs": cmd_import_needs,
    "import-fund": cmd_import_fund,
    "seed-demo": cmd_seed_demo,
    "import-checklists": cmd_import_checklists,
    "create-user": cmd_create_user,
    "purge-tombstones": cmd_purge_tombstones,
    "disable-user": cmd_disable_user,
    "enable-user": cmd_enable_user,
    "revoke-tokens": cmd_revoke_tokens,
    "reset-password": cmd_reset_password,
    "delete-user": cmd_delete_user,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except CommandFailed as error:
        print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
