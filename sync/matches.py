"""`main.py match`: a need's ranked matches from the local cache, with reasons in the user's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.categories import DEFAULT_TREE, CategoryTree
from models.match_words import Lang, reason_words, summary_line
from models.matching import rank_matches
from sync.reports import BadReportArgument
from sync.store import LocalStore


class NoSuchNeed(BadReportArgument):
    """The need is not in this device's cache (not synced, or not visible to this account).

    Worded as a bad argument ("Invalid input: …") until the app's catalogue has words of its own.
    """


def category_tree(store: LocalStore) -> CategoryTree:
    """The served tree once synced; the project's own until then (names only, matching needs none)."""
    return CategoryTree(store.categories.all()) if len(store.categories) else DEFAULT_TREE


def plant_point(store: LocalStore, plant_id: str) -> tuple[float, float] | None:
    asset = store.plants.get(plant_id) or store.mines.get(plant_id)
    point = asset.place.point if asset is not None else None
    return (point.lat, point.lon) if point is not None else None


def match_report(
    store: LocalStore, need_id: str, *, lang: Lang = "en", on: dt.date | None = None, limit: int | None = 50
) -> dict[str, Any]:
    """What `main.py match NEED --json` prints: the need and its ranked matches, each with reasons."""
    need = store.needs.get(need_id)
    if need is None:
        raise NoSuchNeed(f"no need {need_id!r} in this device's data: sync first, or check the id", need=need_id)
    day = on or dt.date.today()  # validity is judged on the day the member looks
    tree = category_tree(store)
    matches = rank_matches(
        need, store.suppliers.all(), plant_point=plant_point(store, need.plant_id), on=day, limit=limit or None
    )
    out: list[dict[str, Any]] = []
    for match in matches:
        supplier = store.suppliers.get(match.supplier_id)
        entry = match.to_json()
        entry["name"] = (supplier.name_fa if lang == "fa" else supplier.name_en or supplier.name_fa) if supplier else ""
        for reason, raw in zip(match.reasons, entry["reasons"], strict=True):
            raw["text"] = reason_words(reason, lang, tree)
        entry["summary"] = summary_line(match.reasons, lang, tree)
        out.append(entry)
    return {"need": need.id, "demo": need.demo, "on": day.isoformat(), "lang": lang, "matches": out}
