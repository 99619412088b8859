"""Zanjireh: start the app, or run one of its commands (import-gem, balance, sync) from the shell.

python main.py [--data-dir D] [--web] [--host H] [--port P] [--api URL] [--developer]
python main.py import-gem PATH [--data-dir D] [--release "September 2025 (V1)"]
python main.py balance --json [--data-dir D] [--scenario operating|construction|announced] [--province IR-10]
python main.py sync --api URL [--user U] [--data-dir D]
python main.py match NEED_ID [--json] [--lang fa|en] [--on YYYY-MM-DD] [--limit N] [--data-dir D]
python main.py export plants|mines|suppliers|needs --format csv|xlsx --out FILE [--lang fa|en] [--data-dir D]
python main.py export supplier ID --format pdf --out FILE [--lang fa|en] [--data-dir D]
python main.py export ledger --format csv|xlsx|json --out FILE [--lang fa|en] [--data-dir D]
python main.py export visit ID --format pdf --out FILE [--lang fa|en] [--data-dir D]
python main.py export visits --format csv|xlsx --out FILE [--lang fa|en] [--data-dir D]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from sync.errors import ZanjirehError
from sync.paths import default_data_dir


def _data_dir(value: str | None) -> Path:
    return Path(value).expanduser().resolve() if value else default_data_dir()


def _cli_lang():  # the command line speaks the language the app was last used in, English by default
    lang = os.environ.get("ZANJIREH_LANG", "en")
    return "fa" if lang.startswith("fa") else "en"


def _fail(error: ZanjirehError) -> int:
    from views.shell.i18n import error_message

    print(error_message(error, _cli_lang()), file=sys.stderr)
    return 2


def cmd_import_gem(args: argparse.Namespace) -> int:
    from sync.atlas_import import import_gem_into_store
    from sync.store import LocalStore

    source = Path(args.path).expanduser()
    store = LocalStore.open(_data_dir(args.data_dir))
    try:
        report = import_gem_into_store(store, source, release=args.release)
    finally:
        store.close()
    print("\n".join(report.lines()))
    return 0


def cmd_balance(args: argparse.Namespace) -> int:
    from sync.reports import balance_report, format_balance_text
    from sync.store import LocalStore

    store = LocalStore.open(_data_dir(args.data_dir))
    try:
        report = balance_report(store, scenario=args.scenario, province=args.province, basis=args.basis)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_balance_text(report))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from sync.headless import run_sync_once

    return run_sync_once(api=args.api, user=args.user, data_dir=_data_dir(args.data_dir))


def cmd_export_atlas(args: argparse.Namespace) -> int:
    from models.atlas_query import AtlasFilter, AtlasIndex
    from models.enums import Process, Status
    from sync.reports import BadReportArgument, NoAtlasData
    from sync.store import LocalStore
    from views.atlas.export import atlas_workbook
    from views.shell.i18n import digits, t

    try:
        query = AtlasFilter(
            text=args.search or "",
            provinces=frozenset(args.province or ()),
            processes=frozenset(Process(p) for p in args.process or ()),
            statuses=frozenset(Status(s) for s in args.status or ()),
        )
    except ValueError as exc:
        raise BadReportArgument(str(exc)) from exc
    store = LocalStore.open(_data_dir(args.data_dir))
    try:
        if store.is_empty:
            raise NoAtlasData("the data folder holds no plants or mines: import a GEM release first")
        assets = AtlasIndex.build([*store.plants.all(), *store.mines.all()]).search(query)
        payload = atlas_workbook(assets, store.sources.all(), args.lang, filter_text=args.search or "")
    finally:
        store.close()
    out = Path(args.out).expanduser()
    try:
        out.write_bytes(payload)
    except OSError as exc:
        raise BadReportArgument(f"cannot write {out}: {exc.strerror}") from exc
    print(t("export_written", args.lang, count=digits(str(len(assets)), args.lang), path=str(out)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from sync.reports import BadReportArgument
    from sync.store import LocalStore
    from views.exports import ExportRequest, export
    from views.shell.i18n import digits, t

    if args.what in ("supplier", "visit") and not args.record_id:
        raise BadReportArgument(f"name the {args.what}: export {args.what} ID --format pdf --out FILE")
    if args.what not in ("supplier", "visit") and args.record_id:
        raise BadReportArgument(f"export {args.what} takes no id (export supplier ID exports one supplier)")
    request = ExportRequest(
        what=args.what,
        fmt=args.format,
        out=Path(args.out).expanduser(),
        lang=args.lang,
        record_id=args.record_id,
        search=args.search or "",
        provinces=frozenset(args.province or ()),
        categories=frozenset(args.category or ()),
        statuses=frozenset(args.status or ()),
    )
    store = LocalStore.open(_data_dir(args.data_dir))
    try:
        rows, payload = export(store, request)
    finally:
        store.close()
    try:
        request.out.write_bytes(payload)
    except OSError as exc:
        raise BadReportArgument(f"cannot write {request.out}: {exc.strerror}") from exc
    print(t("export_written", args.lang, count=digits(str(rows), args.lang), path=str(request.out)))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    import datetime as dt

    from sync.matches import match_report
    from sync.reports import BadReportArgument
    from sync.store import LocalStore

    try:
        on = dt.date.fromisoformat(args.on) if args.on else None
    except ValueError as exc:
        raise BadReportArgument(f"--on {args.on!r} is not a date (YYYY-MM-DD)") from exc
    store = LocalStore.open(_data_dir(args.data_dir))
    try:
        report = match_report(store, args.need_id, lang=args.lang, on=on, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    demo = " (demo)" if report["demo"] else ""
    print(f"{report['need']}{demo}: {len(report['matches'])} matches on {report['on']}")
    for rank, match in enumerate(report["matches"], start=1):
        tag = " [demo]" if match["demo"] else ""
        print(f"{rank:3d}. {match['supplier_id']} {match['name']}{tag} — {match['score']}: {match['summary']}")
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    from views.app import run

    developer = args.developer or os.environ.get("ZANJIREH_DEVELOPER") == "1"
    run(data_dir=_data_dir(args.data_dir), web=args.web, host=args.host, port=args.port, api=args.api,
        developer=developer)  # fmt: skip
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Zanjireh — Iran's steel atlas in your pocket.")
    parser.add_argument("--data-dir", help="data folder (default: the platform's app-data folder)")
    parser.add_argument("--web", action="store_true", help="serve the app to a browser instead of a window")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve the web app on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port to serve the web app on (default 8550)")
    parser.add_argument("--api", default=None, help="API address to sync with (saved in settings)")
    parser.add_argument(
        "--developer",
        action="store_true",
        help="show the data folder and importing from files (a member signs in and syncs instead)",
    )
    commands = parser.add_subparsers(dest="command")

    imp = commands.add_parser("import-gem", help="import a GEM folder or workbook into the local store")
    imp.add_argument("path", help="folder of GEM CSV sheets and/or XLSX workbooks, or one workbook")
    imp.add_argument("--data-dir", default=argparse.SUPPRESS)
    imp.add_argument("--release", help='the release, when the files do not say it: "September 2025 (V1)"')
    imp.set_defaults(func=cmd_import_gem)

    bal = commands.add_parser("balance", help="print capacity totals and the chain balance of the local store")
    bal.add_argument("--json", action="store_true", help="machine-readable output")
    bal.add_argument("--data-dir", default=argparse.SUPPRESS)
    bal.add_argument("--scenario", choices=["operating", "construction", "announced"], default="operating")
    bal.add_argument("--province", help="ISO 3166-2 code, e.g. IR-10 for Isfahan")
    bal.add_argument(
        "--basis", choices=["capacity", "production"], default="capacity",
        help="supply from capacities (default) or from the latest production figures where GEM gives them",
    )  # fmt: skip
    bal.set_defaults(func=cmd_balance)

    exp = commands.add_parser("export-atlas", help="write the atlas (optionally filtered) to an Excel workbook")
    exp.add_argument("out", help="the .xlsx file to write")
    exp.add_argument("--lang", choices=["fa", "en"], default="fa", help="language of headers and names")
    exp.add_argument("--search", help="the same search as the app's search box")
    exp.add_argument("--province", action="append", help="ISO 3166-2 code, e.g. IR-10 (repeatable)")
    exp.add_argument("--process", action="append", help="iron_ore, pellet, dri, bf, eaf, bof, … (repeatable)")
    exp.add_argument("--status", action="append", help="operating, construction, announced, … (repeatable)")
    exp.add_argument("--data-dir", default=argparse.SUPPRESS)
    exp.set_defaults(func=cmd_export_atlas)

    out = commands.add_parser(
        "export",
        help="write a list (plants, mines, suppliers, needs, visits, the Fund's ledger) to CSV/XLSX, or a "
        "supplier's profile or a visit's report to PDF",
    )
    out.add_argument(
        "what",
        choices=["plants", "mines", "suppliers", "needs", "visits", "ledger", "supplier", "visit"],
        help="what to export",
    )
    out.add_argument("record_id", nargs="?", metavar="ID", help="the supplier's or the visit's id")
    out.add_argument(
        "--format",
        choices=["csv", "xlsx", "pdf", "json"],
        required=True,
        help="csv or xlsx; pdf for a supplier or a visit; json for the Fund's ledger (a 360Giving package)",
    )
    out.add_argument("--out", required=True, help="the file to write")
    out.add_argument("--lang", choices=["fa", "en"], default=_cli_lang(), help="language of headers and words")
    out.add_argument("--search", help="the same search as the app's search box")
    out.add_argument("--province", action="append", help="ISO 3166-2 code, e.g. IR-10 (repeatable)")
    out.add_argument("--category", action="append", help="category code, e.g. consumables.refractories (repeatable)")
    out.add_argument("--status", action="append", help="needs: open, published, matched, … (repeatable)")
    out.add_argument("--data-dir", default=argparse.SUPPRESS)
    out.set_defaults(func=cmd_export)

    syn = commands.add_parser("sync", help="run one sync cycle with the API and print what it did")
    syn.add_argument("--api", required=True, help="API address, e.g. https://api.example.ir")
    syn.add_argument("--user", help="user name (password from ZANJIREH_PASSWORD or standard input)")
    syn.add_argument("--data-dir", default=argparse.SUPPRESS)
    syn.set_defaults(func=cmd_sync)

    mat = commands.add_parser("match", help="rank the suppliers that fit a need, from the local data")
    mat.add_argument("need_id", metavar="NEED_ID", help="the need's id, e.g. N2031")
    mat.add_argument("--json", action="store_true", help="machine-readable output")
    mat.add_argument("--lang", choices=["fa", "en"], default=_cli_lang(), help="language of the reasons")
    mat.add_argument("--on", help="judge certificates and qualifications on this day (default today), YYYY-MM-DD")
    mat.add_argument("--limit", type=int, default=50, help="at most this many matches (0: all; default 50)")
    mat.add_argument("--data-dir", default=argparse.SUPPRESS)
    mat.set_defaults(func=cmd_match)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    func = getattr(args, "func", cmd_app)
    try:
        return func(args)
    except ZanjirehError as error:
        return _fail(error)
    except OSError as error:  # a data folder that cannot be created or read, a full disk
        from sync.errors import StoreError

        return _fail(StoreError(f"{error.strerror or error}: {error.filename or ''}".strip(": ")))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
