"""What the benchmark measures inside a process of its own: each probe prints one JSON object on its last line.

    python -m bench.probes PROBE JSON_ARGS

A probe is a fresh interpreter, as the app on a phone starts one: nothing is warm but the disk cache. Times
are taken with ``time.perf_counter``; ``peak_rss_mb`` is the process's maximum resident set (getrusage).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import of the app: cold start counts the app's imports

import asyncio  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench password 1"
USER = "bench"
FIRST_PAGE = 200  # rows a list screen holds at most (docs/decisions.md §13)


def peak_rss_mb() -> float:
    """This process's peak resident set since it started.

    Linux's ``getrusage`` maximum survives ``exec``: a probe started by the benchmark's own process (which
    holds the queries and a decoded copy of every supplier, hundreds of MB) would report that process's size.
    ``VmHWM`` in ``/proc/self/status`` is the peak of this process's own memory, made new at ``exec``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reference_files(data_dir: Path) -> list[Path]:
    """Every file of the reference collections: what a naive app would json.load at start."""
    from sync.store import COLLECTION_DIRS

    files: list[Path] = []
    for sub in sorted(set(COLLECTION_DIRS.values())):
        folder = data_dir / sub
        if folder.exists():
            files += sorted(p for p in folder.rglob("*") if p.is_file() and ".tmp-" not in p.name)
    return files


# ---- the store and the sync engine ---------------------------------------------------------------------
def probe_sync(args: dict[str, Any]) -> dict[str, Any]:
    """One sync cycle of the app's engine into ``data_dir`` (signing in first when it has no session)."""
    from sync.engine import SyncEngine
    from sync.store import LocalStore

    store = LocalStore.open(Path(args["data_dir"]))
    engine = SyncEngine(store, password_provider=lambda: PASSWORD)
    store.device.set_setting("username", USER)
    if store.user.auth() is None:
        asyncio.run(engine.sign_in(args["api"], USER, PASSWORD))
    gc.collect()
    result = asyncio.run(engine.sync_once("bench"))
    if not result.ok:
        raise SystemExit(f"the sync failed: {result.error}")
    out = {
        "cycle_s": result.duration_s,
        "requests": result.requests,
        "bytes": result.bytes_received,
        "pulled": {k: v.total for k, v in result.pulled.items()},
        "records": sum(len(c) for c in store.reference.values()),
        "peak_rss_mb": peak_rss_mb(),
    }
    store.close()
    return out


def probe_floor(args: dict[str, Any]) -> dict[str, Any]:
    """The transfer floor: the pages a first sync asks for, fetched with bare httpx and parsed, nothing kept."""
    import httpx

    from sync.engine import SNAPSHOT_PAGE_SIZE

    api = args["api"].rstrip("/") + "/api/v1"
    headers = {"X-Zanjireh-Schema": "1", "Accept-Encoding": "gzip"}
    with httpx.Client(base_url=api, headers=headers, timeout=120) as http:
        token = http.post("/auth/token", json={"username": USER, "password": PASSWORD}).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        started = time.perf_counter()
        requests, received, records = 0, 0, 0
        ping = http.get("/ping")
        requests, received = 1, ping.num_bytes_downloaded
        collections = ping.json()["collections"]
        for name in [*collections.get("reference", []), *collections.get("shared", []), *collections.get("user", [])]:
            cursor = None
            while True:
                params: dict[str, Any] = {"limit": SNAPSHOT_PAGE_SIZE}
                if cursor:
                    params["cursor"] = cursor
                response = http.get(f"/changes/{name}", params=params, headers=auth)
                response.raise_for_status()
                page = json.loads(response.content)
                requests += 1
                received += response.num_bytes_downloaded
                records += len(page["items"])
                cursor = page["next_cursor"]
                if not page["has_more"]:
                    break
        elapsed = time.perf_counter() - started
    return {"floor_s": elapsed, "requests": requests, "bytes": received, "records": records}


def probe_raw_json(args: dict[str, Any]) -> dict[str, Any]:
    """``json.load`` of every reference file of the data folder, in a fresh process."""
    files = reference_files(Path(args["data_dir"]))
    started = time.perf_counter()
    loaded = 0
    for path in files:
        raw = path.read_bytes()
        if path.suffix == ".json":
            json.loads(raw)
        else:  # a file of JSON lines (one record per line) or a segment of them
            for line in raw.splitlines():
                if line.strip():
                    json.loads(line)
        loaded += len(raw)
    return {"raw_json_load_s": time.perf_counter() - started, "bytes": loaded, "files": len(files)}


def first_supplier_page(store: Any) -> list[Any]:
    """The supplier list as it opens: no words typed, no facet, ordered by Persian name; its first rows."""
    from bench.app_search import directory_index

    index = directory_index(store)
    return index.first_page(FIRST_PAGE)


def probe_cold_start(args: dict[str, Any]) -> dict[str, Any]:
    from models.atlas_query import AtlasIndex
    from sync.store import LocalStore

    imported = time.perf_counter() - STARTED
    store = LocalStore.open(Path(args["data_dir"]))
    opened = time.perf_counter() - STARTED
    AtlasIndex.build([*store.plants.all(), *store.mines.all()])
    rows = first_supplier_page(store)
    ready = time.perf_counter() - STARTED
    out = {
        "cold_start_s": ready,
        "imports_s": imported,
        "open_s": opened - imported,
        "index_and_page_s": ready - opened,
        "first_page_rows": len(rows),
        "peak_rss_mb": peak_rss_mb(),
    }
    store.close()
    return out


def probe_save(args: dict[str, Any]) -> dict[str, Any]:
    """A user save with its outbox entry, timed one by one, in a store loaded the way the app loads it."""
    from sync.store import LocalStore

    store = LocalStore.open(Path(args["data_dir"]))
    if args.get("loaded"):
        from models.atlas_query import AtlasIndex

        AtlasIndex.build([*store.plants.all(), *store.mines.all()])
        first_supplier_page(store)
        gc.freeze()  # as the app does once the directory is loaded (views/shell/directory_data.py)
    times: list[float] = []
    cpu: list[float] = []  # the save's own work: the wall time less the waits for the disk (fsync, rename)
    for number in range(int(args["saves"])):
        data = {"asset_id": "P100000120001", "kind": "plant", "text": f"visit draft {number}: kiln lining worn"}
        started, started_cpu = time.perf_counter(), time.thread_time()
        store.user.save("notes", f"bench-{number}", data)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    store.close()
    return {
        "save_ms": statistics.median(times),
        "save_ms_p95": sorted(times)[int(len(times) * 0.95)],
        "save_cpu_ms": statistics.median(cpu),
        "n": len(times),
    }


def probe_search(args: dict[str, Any]) -> dict[str, Any]:
    """The benchmark's queries through the app's own search, then on SQLite FTS5 over the same records."""
    from bench import fts
    from bench.app_search import directory_index, raw_suppliers
    from bench.queries import Query
    from sync.store import LocalStore

    queries = [Query.from_json(q) for q in json.loads(Path(args["queries"]).read_text(encoding="utf-8"))]
    store = LocalStore.open(Path(args["data_dir"]))
    started = time.perf_counter()
    index = directory_index(store, cached=False)  # the build, timed (a start reads the index kept instead)
    app_build_s = time.perf_counter() - started
    app_times, app_counts = [], []
    for query in queries:
        begun = time.perf_counter()
        count, _ = index.search(query, FIRST_PAGE)
        app_times.append((time.perf_counter() - begun) * 1000)
        app_counts.append(count)
    sqlite, fts_build_s = fts.cached(raw_suppliers, store, Path(args["fts_db"]))
    fts_times, fts_counts = [], []
    for query in queries:
        begun = time.perf_counter()
        count, _ = sqlite.search(query, FIRST_PAGE)
        fts_times.append((time.perf_counter() - begun) * 1000)
        fts_counts.append(count)
    sqlite.close()
    store.close()
    return {
        "search_p50_ms": percentile(app_times, 50),
        "search_p95_ms": percentile(app_times, 95),
        "sqlite_fts_p50_ms": percentile(fts_times, 50),
        "sqlite_fts_p95_ms": percentile(fts_times, 95),
        "app_index_build_s": app_build_s,
        "fts_build_s": fts_build_s,
        "queries": len(queries),
        "app_matches_median": statistics.median(app_counts),
        "fts_matches_median": statistics.median(fts_counts),
        "same_count": sum(1 for a, b in zip(app_counts, fts_counts, strict=True) if a == b),
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


PROBES = {
    "sync": probe_sync,
    "floor": probe_floor,
    "raw_json": probe_raw_json,
    "cold_start": probe_cold_start,
    "save": probe_save,
    "search": probe_search,
}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    name, raw_args = sys.argv[1], sys.argv[2]
    print(json.dumps(PROBES[name](json.loads(raw_args))))


if __name__ == "__main__":
    main()
