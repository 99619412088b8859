"""Benchmark: the supplier directory's in-memory index at scale — build, a keystroke's search, facets, a need's
matches, a plant's qualified suppliers nearby.

    .venv/bin/python bench/directory_bench.py [--suppliers 65000]

Builds ``--suppliers`` demo suppliers (models/demo.py), then times each step a screen asks for and prints
the figures (milliseconds, the median of five runs). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def median_ms(step: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    from models.collation import collation_string
    from models.demo import demo_supplier
    from models.matching import rank_matches
    from models.needs import Need
    from models.supplier_query import SupplierFilter, SupplierIndex

    parser = argparse.ArgumentParser()
    parser.add_argument("--suppliers", type=int, default=65_000)
    args = parser.parse_args()
    suppliers = [demo_supplier(n) for n in range(1, args.suppliers + 1)]
    day = dt.date.today()
    start = time.perf_counter()
    index = SupplierIndex.build(suppliers, day)
    print(f"suppliers: {len(index):,}")
    print(f"build_index_ms: {round((time.perf_counter() - start) * 1000)}")
    print(f"name_keys_ms: {median_ms(lambda: {s.id: collation_string(s.name_fa) for s in suppliers}, 1)}")
    for label, query in (
        ("all", SupplierFilter()),
        ("keystroke_one_letter", SupplierFilter(text="ن")),
        ("keystroke_word", SupplierFilter(text="نسوز")),
        ("keystroke_two_words", SupplierFilter(text="نسوز اصفهان")),
        ("keystroke_english", SupplierFilter(text="refractory isfahan")),
        (
            "facets",
            SupplierFilter(
                categories=frozenset({"consumables.graphite_electrodes"}),
                provinces=frozenset({"IR-10"}),
                schemes=frozenset({"ISO 9001"}),
            ),
        ),
    ):
        found = len(index.search(query))
        print(f"search_{label}_ms: {median_ms(lambda q=query: index.search(q))} ({found:,} found)")
    need = Need(
        id="N1",
        plant_id="P100000120584",
        producer_org="E100000001959",
        item_fa="آجر",
        category="consumables.refractories.shaped",
    )
    candidates = index.candidates(need.category)
    ranked = median_ms(lambda: rank_matches(need, candidates, plant_point=(32.37, 51.49), on=day))
    print(f"need_matches_ms: {ranked} ({len(candidates):,} candidates)")
    print(f"plant_qualified_near_ms: {median_ms(lambda: index.qualified_near(32.37, 51.49, 250))}")


if __name__ == "__main__":
    main()
