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

    def __init__(self, store: Any, day: dt.date = DAY) -> None:
        from models.categories import DEFAULT_TREE, CategoryTree
        from models.directory_index import DirectoryIndex as Index

        tree = CategoryTree(store.categories.all()) if len(store.categories) else DEFAULT_TREE
        self.index = Index(store.suppliers.rows(), day, tree)

    def first_page(self, limit: int) -> list[Any]:
        """No words, no facets: every supplier by Persian name (the list as it opens); its first rows."""
        return self.index.first_page(limit)

    def search(self, query: Query, limit: int) -> tuple[int, list[str]]:
        found = self.index.search(query)  # the query has the filter's fields
        return len(found), found.ids(0, limit)


def directory_index(store: Any) -> DirectoryIndex:
    return DirectoryIndex(store)
