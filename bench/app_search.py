"""The app's own supplier directory, as the benchmark drives it: the store's records, the app's index, the
list's first page and a query's count and first page — what the list screen asks of them, without a renderer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bench.fts import DAY, collation_key
from bench.queries import Query


def raw_suppliers(store: Any) -> list[dict[str, Any]]:
    """The cached supplier records as stored (JSON dicts), in id order."""
    return [s.model_dump(mode="json") for s in sorted(store.suppliers.all(), key=lambda s: s.id)]


class DirectoryIndex:
    """The supplier index of ``models/supplier_query.py`` over the store's suppliers, and the list's order."""

    def __init__(self, store: Any, day: dt.date = DAY) -> None:
        from models.categories import DEFAULT_TREE, CategoryTree
        from models.supplier_query import SupplierIndex

        tree = CategoryTree(store.categories.all()) if len(store.categories) else DEFAULT_TREE
        self.index = SupplierIndex.build(store.suppliers.all(), day, tree)
        self._names: dict[str, str] | None = None

    def names(self) -> dict[str, str]:
        if self._names is None:
            self._names = {s.id: collation_key(s.name_fa) for s in self.index}
        return self._names

    def first_page(self, limit: int) -> list[Any]:
        """No words, no facets: every supplier by Persian name (the list as it opens); its first rows."""
        names = self.names()
        return sorted(self.index, key=lambda s: names[s.id])[:limit]

    def search(self, query: Query, limit: int) -> tuple[int, list[str]]:
        from models.supplier_query import SupplierFilter
        from models.suppliers import CompanyType

        found = self.index.search(
            SupplierFilter(
                text=query.text,
                categories=query.categories,
                provinces=query.provinces,
                knowledge_based=query.knowledge_based,
                valid_certificate=query.valid_certificate,
                company_types=frozenset(CompanyType(t) for t in query.company_types),
            )
        )
        if not query.text.strip():  # no words to rank by: by name, as the list shows them
            names = self.names()
            found = sorted(found, key=lambda s: names[s.id])
        return len(found), [s.id for s in found[:limit]]


def directory_index(store: Any) -> DirectoryIndex:
    return DirectoryIndex(store)
