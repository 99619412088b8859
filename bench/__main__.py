"""Zanjireh at the network's real scale, against SQLite and the transfer floor, in one run on one data set.

    .venv/bin/python -m bench [--quick] [--json] [--no-browser]

Builds (or takes from ``.data/bench/``) the scale data set — the real GEM plants and mines, the category tree,
demo suppliers and needs from ``seed-demo``: 65,000 records, 6,500 with ``--quick`` —, serves it from the
reference server (SQLite) in its own process, and measures, each probe in a fresh process
(``bench/probes.py``): the transfer floor and the app's first sync, a sync with nothing to do, the cold
start against ``json.load`` of the same files, a user save with an empty cache and a full one, 200 searches
through the app's own index and through SQLite FTS5 (``bench/fts.py``, ``bench/queries.py``), then the list
and the first readable frame in headless Chromium (``bench/browser.py``), and last a sync of 100 changes.
Prints a table, and with ``--json`` one JSON object on its last line. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import scale_data  # noqa: E402
from bench.probes import PASSWORD, USER  # noqa: E402
from bench.queries import build_queries  # noqa: E402
from sync.directory_cache import CACHE_FILE  # noqa: E402

FULL, QUICK = 65_000, 6_500
#: seed-demo N+91 adds 91 suppliers and 9 needs at N = 58,9xx and 5,7xx: one hundred changes.
CHANGED_SUPPLIERS = 91


def probe(name: str, **args: Any) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.probes", name, json.dumps(args)],
        cwd=ROOT, capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"probe {name} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def supplier_records(database: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT data FROM records WHERE collection = 'suppliers' AND owner = '' AND deleted = 0 ORDER BY record_id"
        )
        return [json.loads(r[0]) for r in rows]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, load average {load:.1f}"


def run(total: int, browser: bool, log: Any, work: Path | None = None) -> dict[str, Any]:
    from tests.support.live_server import LiveServer

    data = scale_data.build(total, log=log)
    # An installed app runs from bytecode; a checkout compiles each module at import unless its bytecode is kept
    # (and this machine sets PYTHONDONTWRITEBYTECODE): compile once, so that a cold start does not pay it.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "models", "sync", "views", "bench"], cwd=ROOT, check=True)
    figures: dict[str, Any] = {"records": data.records, "suppliers": data.suppliers, "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="zanjireh-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if work is not None:  # kept after the run, to look into
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            tmp = work
        database = tmp / "server.sqlite3"
        shutil.copyfile(data.database, database)
        queries = build_queries(supplier_records(database))
        (tmp / "queries.json").write_text(json.dumps([q.to_json() for q in queries], ensure_ascii=False), "utf-8")
        client = tmp / "client"
        with LiveServer(f"sqlite:///{database}").start() as server:
            server.create_user(USER, "admin", PASSWORD)
            log(f"serving {data.records:,} records ({data.suppliers:,} suppliers) on {server.url}")

            floors = [probe("floor", api=server.url)]
            first = probe("sync", data_dir=str(client), api=server.url)
            floors.append(probe("floor", api=server.url))
            log(f"initial sync {first['cycle_s']:.1f} s, transfer floor {min(f['floor_s'] for f in floors):.1f} s")
            idle = [probe("sync", data_dir=str(client), api=server.url) for _ in range(3)]
            figures |= {
                "initial_sync_s": first["cycle_s"],
                "requests": first["requests"],
                "bytes": first["bytes"],
                "peak_rss_mb": first["peak_rss_mb"],
                "synced_records": first["records"],
                "transfer_floor_s": min(f["floor_s"] for f in floors),
                "floor_requests": floors[0]["requests"],
                "floor_bytes": floors[0]["bytes"],
                "idle_sync_ms": median_of(idle, "cycle_s") * 1000,
            }

            # The first start after a pull builds the directory's index and keeps it beside the store
            # (sync/directory_cache.py); every start after it reads it. Both are shown; the goal is the usual one.
            (client / CACHE_FILE).unlink(missing_ok=True)
            first_start = probe("cold_start", data_dir=str(client))
            colds, raws = [], []
            for _ in range(3):
                colds.append(probe("cold_start", data_dir=str(client)))
                raws.append(probe("raw_json", data_dir=str(client)))
            figures |= {
                "cold_start_s": median_of(colds, "cold_start_s"),
                "cold_start_building_index_s": first_start["cold_start_s"],
                "cold_start_index_s": median_of(colds, "index_and_page_s"),
                "cold_start_imports_s": median_of(colds, "imports_s"),
                "cold_start_open_s": median_of(colds, "open_s"),
                "cold_start_rss_mb": median_of(colds, "peak_rss_mb"),
                "raw_json_load_s": median_of(raws, "raw_json_load_s"),
                "store_bytes": raws[0]["bytes"],
                "store_files": raws[0]["files"],
            }
            log(f"cold start {figures['cold_start_s']:.2f} s, json.load {figures['raw_json_load_s']:.2f} s")

            empty = tmp / "empty"
            full = tmp / "full"  # a copy: the saves must not reach the server, nor the folders measured next
            shutil.copytree(client, full, ignore=shutil.ignore_patterns("zanjireh.lock"))
            # A save is an fsync'd write on a disk shared with other work: the two cases take turns, three
            # times, so that neither is measured only in a slow minute.
            at_0, at_full = [], []
            for _ in range(3):
                at_0.append(probe("save", data_dir=str(empty), saves=20))
                at_full.append(probe("save", data_dir=str(full), saves=20, loaded=True))
            figures["save_ms_at_0"] = median_of(at_0, "save_ms")
            figures["save_ms_at_65k"] = median_of(at_full, "save_ms")
            figures["save_cpu_ms_at_0"] = median_of(at_0, "save_cpu_ms")
            figures["save_cpu_ms_at_65k"] = median_of(at_full, "save_cpu_ms")
            figures["save_ms_runs"] = {"at_0": [r["save_ms"] for r in at_0], "at_full": [r["save_ms"] for r in at_full]}

            fts_db = data.database.parent / "fts.db"  # kept with the data set: built once
            search = probe("search", data_dir=str(client), queries=str(tmp / "queries.json"), fts_db=str(fts_db))
            figures |= search
            log(f"search p95 {search['search_p95_ms']:.1f} ms, SQLite FTS5 p95 {search['sqlite_fts_p95_ms']:.1f} ms")

            if browser:
                figures |= browser_figures(client, tmp)

            server.run_cli("seed-demo", str(data.suppliers + CHANGED_SUPPLIERS), timeout=1800)
            changed = probe("sync", data_dir=str(client), api=server.url)
            figures["sync_100_changes_ms"] = changed["cycle_s"] * 1000
            figures["changes_pulled"] = sum(changed["pulled"].values())
    return figures


def browser_figures(client: Path, tmp: Path) -> dict[str, Any]:
    from bench import browser
    from tests.support.flet_pw import missing_browser_reason

    reason = missing_browser_reason()
    if reason is not None:
        return {"browser_skipped": reason}
    app_dir = tmp / "app-data"
    shutil.copytree(client, app_dir, ignore=shutil.ignore_patterns("zanjireh.lock"))
    screen = browser_screen(app_dir)
    figures = browser.measure(app_dir, tmp / "app.log", screen)
    return figures | {"list_screen": screen.nav_label}


def browser_screen(data_dir: Path) -> Any:
    """The list the browser figures are taken on: the supplier directory (the biggest list: 58,969 at 65,000
    records), with the counts the app's own search gives."""
    import views.suppliers  # noqa: F401  (registers the directory's words with the catalogue)
    from bench.browser import ListScreen
    from models.supplier_query import SupplierFilter
    from sync.directory_cache import directory_index
    from sync.store import LocalStore
    from views.shell import i18n, labels

    store = LocalStore.open(data_dir)
    try:
        index = directory_index(store, dt.date.today())  # the app's day: it is what the screen judges by
    finally:
        store.close()

    def count(text: str) -> int:
        return len(index.search(SupplierFilter(text=text)))

    total = count("")
    typed, key = keystroke_for([index.row_at(p).name_fa for p in range(0, len(index), 97)], count)

    def count_text(n: int) -> str:
        return labels.count_text("suppliers_count", n, "fa")

    return ListScreen(i18n.t("nav_suppliers", "fa"), count_text, total, typed, count(typed), key, count(typed + key))


def keystroke_for(names: list[str], count: Any) -> tuple[str, str]:
    """Letters typed, then one more letter that changes what the list shows: the keystroke measured."""
    for name in sorted(names):
        word = name.split()[-1] if name.split() else name
        for end in range(2, len(word)):
            typed, key = word[:end], word[end]
            if count(typed) != count(typed + key) and count(typed + key) > 0:
                return typed, key
    raise ValueError("no keystroke changes what the list shows")


GOALS = [
    ("search_p95_ms", "sqlite_fts_p95_ms", 1.0, "search p95 ≤ SQLite FTS5 p95"),
    ("cold_start_s", "raw_json_load_s", 1.5, "cold start ≤ 1.5 × json.load"),
    ("initial_sync_s", "transfer_floor_s", 1.5, "initial sync ≤ 1.5 × transfer floor"),
    ("save_ms_at_65k", "save_ms_at_0", 1.2, "save at 65k ≤ 1.2 × save at 0"),
]


def table(f: dict[str, Any]) -> str:
    def num(key: str, unit: str, digits: int = 1) -> str:
        value = f.get(key)
        return "—" if value is None else f"{value:,.{digits}f} {unit}"

    rows = [
        ("records on the server", f"{f['records']:,} ({f['suppliers']:,} suppliers)"),
        ("initial sync", f"{num('initial_sync_s', 's', 2)}, {f['requests']} requests, {f['bytes'] / 1e6:.1f} MB"),
        ("transfer floor", f"{num('transfer_floor_s', 's', 2)}, {f['floor_requests']} requests"),
        ("peak RSS during the initial sync", num("peak_rss_mb", "MB", 0)),
        ("sync with nothing to do", num("idle_sync_ms", "ms", 0)),
        ("sync of 100 changes", f"{num('sync_100_changes_ms', 'ms', 0)} ({f.get('changes_pulled')} pulled)"),
        ("cold start to the first supplier page", num("cold_start_s", "s", 2)),
        ("  the first start after a pull (builds the index)", num("cold_start_building_index_s", "s", 2)),
        ("  json.load of the same files", f"{num('raw_json_load_s', 's', 2)} ({f['store_bytes'] / 1e6:.0f} MB)"),
        ("save, empty cache", num("save_ms_at_0", "ms", 2)),
        ("save, full cache", num("save_ms_at_65k", "ms", 2)),
        ("  its CPU, empty / full cache", f"{num('save_cpu_ms_at_0', 'ms', 2)} / {num('save_cpu_ms_at_65k', 'ms', 2)}"),
        ("search p50 / p95", f"{num('search_p50_ms', 'ms', 2)} / {num('search_p95_ms', 'ms', 2)}"),
        ("  SQLite FTS5 p50 / p95", f"{num('sqlite_fts_p50_ms', 'ms', 2)} / {num('sqlite_fts_p95_ms', 'ms', 2)}"),
        ("first readable frame", num("first_readable_ms", "ms", 0)),
        (f"list opens ({f.get('list_screen', '—')})", num("list_open_ms", "ms", 0)),
        ("search keystroke", num("keystroke_ms", "ms", 0)),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [f"{label:<{width}}  {value}" for label, value in rows]
    lines.append("")
    for key, base, factor, words in GOALS:
        if key in f and base in f:
            ratio = f[key] / f[base] if f[base] else float("inf")
            lines.append(f"{words:<40} {ratio:5.2f} × ({'met' if ratio <= factor else 'NOT met'})")
    if "peak_rss_mb" in f:
        met = "met" if f["peak_rss_mb"] <= 300 else "NOT met"
        lines.append(f"{'peak RSS ≤ 300 MB':<40} {f['peak_rss_mb']:5.0f} MB ({met})")
    if "keystroke_ms" in f:
        met = "met" if f["keystroke_ms"] < 100 else "NOT met"
        lines.append(f"{'keystroke < 100 ms':<40} {f['keystroke_ms']:5.0f} ms ({met})")
    lines.append(f"machine: {f['machine']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK:,} records instead of {FULL:,}")
    parser.add_argument("--json", action="store_true", help="end with one JSON object of every figure")
    parser.add_argument("--no-browser", action="store_true", help="leave out the figures taken in Chromium")
    parser.add_argument("--records", type=int, help="another size of the data set")
    parser.add_argument("--work", type=Path, help="keep the run's folders (server, client, app) here")
    args = parser.parse_args()
    total = args.records or (QUICK if args.quick else FULL)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    figures = run(total, browser=not args.no_browser, log=log, work=args.work)
    figures["bench_s"] = time.perf_counter() - started
    print(table(figures))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
