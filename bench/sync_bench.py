"""Benchmark: an initial sync of many records from a local server, then a sync with nothing to do.

    .venv/bin/python bench/sync_bench.py [--records 50000] [--page-size 1000]

Starts the real reference server (SQLite) on a loopback port, imports a synthetic GEM release of
``--records`` plants into it, then runs each sync in a fresh client process and prints its wall time,
requests, bytes received and peak memory (max RSS). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "bench password 1"


def child(data_dir: str, api: str, page_size: int) -> None:
    """One sync cycle in this process; prints its figures as JSON."""
    from sync.engine import SyncEngine
    from sync.store import LocalStore

    started = time.perf_counter()
    store = LocalStore.open(Path(data_dir))
    opened = time.perf_counter() - started
    engine = SyncEngine(store, page_size=page_size, snapshot_page_size=page_size, password_provider=lambda: PASSWORD)
    store.device.set_setting("username", "bench")
    if engine.session() is None:
        asyncio.run(engine.sign_in(api, "bench", PASSWORD))
    result = asyncio.run(engine.sync_once("bench"))
    total = time.perf_counter() - started
    pulled = {k: v.added + v.changed + v.removed for k, v in result.pulled.items()}
    print(json.dumps({
        "ok": result.ok,
        "error": result.error.detail if result.error else None,
        "open_s": opened,
        "cycle_s": result.duration_s,
        "total_s": total,
        "requests": result.requests,
        "bytes": result.bytes_received,
        "records": pulled,
        "plants_in_store": len(store.plants),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))  # fmt: skip
    store.close()


def run_child(data_dir: Path, api: str, page_size: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(data_dir), api, str(page_size)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args()

    from tests.support.live_server import LiveServer
    from tests.sync_e2e.gem_files import write_gem_folder

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        folder = write_gem_folder(tmp_path, list(range(1, args.records + 1)))
        with LiveServer(f"sqlite:///{tmp_path / 'server.sqlite3'}").start() as server:
            started = time.perf_counter()
            server.run_cli("import-gem", str(folder), timeout=1800)
            print(f"server import of {args.records:,} synthetic plants: {time.perf_counter() - started:.1f} s")
            server.create_user("bench", "member", PASSWORD)
            client_dir = tmp_path / "client"
            for label in ("initial sync", "sync with nothing to do"):
                figures = run_child(client_dir, server.url, args.page_size)
                if not figures["ok"]:
                    raise SystemExit(f"{label} failed: {figures['error']}")
                print(
                    f"{label:>24}: {figures['cycle_s']:7.2f} s cycle ({figures['total_s']:.2f} s with opening "
                    f"the store: {figures['open_s']:.2f} s), {figures['requests']:4d} requests, "
                    f"{figures['bytes'] / 1e6:7.2f} MB received, peak RSS {figures['max_rss_mb']:6.1f} MB, "
                    f"{figures['plants_in_store']:,} plants in the store"
                )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
