"""The app's own supplier directory, as the benchmark drives it: the store's rows, the app's index, the list's
first page, and a query's count and first page — what the list screen asks of them, without a renderer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bench.fts import DAY
from bench.queries import Query


def raw_suppliers(store: Any) -> list[dict[str, Any]]:
    """The cached supplier records as stored (JSON dicts), in id order."""
    return [s.model_dump(mode="json") for s in sorted(store.suppliers.all(), key=lambda s: s.id)]


class DirectoryIndex:
    """The directory's index (``models/directory_index.py``) over the store's supplier rows."""

    def __init__(self, store: Any, day: dt.date = DAY, cached: bool = True) -> None:
        from models.directory_index import DirectoryIndex as Index
        from sync.directory_cache import directory_index, tree_of

        if cached:  # as the app gets it: the index kept beside the store, else built (and kept)
            self.index = directory_index(store, day)
        else:
            self.index = Index(store.suppliers.rows(), day, tree_of(store))

    def first_page(self, limit: int) -> list[Any]:
        """No words, no facets: every supplier by Persian name (the list as it opens); its first rows."""
        return self.index.first_page(limit)

    def search(self, query: Query, limit: int) -> tuple[int, list[str]]:
        found = self.index.search(query)  # the query has the filter's fields
        return len(found), found.ids(0, limit)


def directory_index(store: Any, cached: bool = True) -> DirectoryIndex:
    return DirectoryIndex(store, cached=cached)
