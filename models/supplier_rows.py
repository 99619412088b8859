"""What the directory's list, facets and search read of a supplier: a row kept beside each cached record.

A supplier's full record (contacts, products, certificates with issuers and numbers …) is only read on its
own screen. Everything else — a list row, a facet, the search index, the order by name — reads this row,
which the store works out once, when the record arrives (``supplier_row``, from the record's JSON), and keeps
in the page file's header: a phone opening the directory decodes rows, never 65,000 full records.

``SupplierRow`` has the attribute names of ``models.suppliers.Supplier`` for the fields it carries, so code
that shows a supplier in a list takes either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from models.search import normalize, normalize_joined
from models.suppliers import EXPIRING_STATES, CompanyType, QualificationState, SizeBand

#: Bumped when the row's shape changes: rows of another version are worked out again from the records.
ROW_VERSION = 1


def supplier_row(data: dict[str, Any]) -> list[Any]:
    """The row of a supplier record (its JSON, already validated against ``Supplier``)."""
    capabilities = data.get("capabilities") or {}
    free_text = [
        text
        for product in data.get("products") or ()
        for text in (product.get("name_fa"), product.get("name_en"), product.get("oem_part_number"))
        if text
    ]
    free_text += capabilities.get("materials") or ()
    words = normalize_joined(free_text)
    # «S-DEMO-000017»: found by its number too. Normalised on its own: each id is new, and passing it through
    # normalize_joined's cache of repeated words would push those words out of it.
    number = normalize(data["id"])
    words = f"{words} {number}" if words and number else words or number
    return [
        ROW_VERSION,
        data["id"],
        data["name_fa"],
        data.get("name_en"),
        data.get("company_type", CompanyType.MANUFACTURER.value),
        bool(data.get("knowledge_based")),
        data.get("province"),
        data.get("city_fa"),
        data.get("city_en"),
        data.get("lat"),
        data.get("lon"),
        data.get("size_band"),
        list(data.get("categories") or ()),
        bool(data.get("demo")),
        data.get("origin", "register"),
        [[c["scheme"], c.get("valid_from"), c["valid_to"]] for c in data.get("certificates") or ()],
        [[q["category"], q["state"], q.get("expires")] for q in data.get("qualifications") or ()],
        list(capabilities.get("processes") or ()),
        [normalize(data["name_fa"]), normalize(data.get("name_en") or "")],
        words,
    ]


class SupplierRow:
    """A supplier as lists, facets and the search index see it (built from ``supplier_row``'s list)."""

    __slots__ = (
        "categories",
        "certificates",
        "city_en",
        "city_fa",
        "company_type",
        "demo",
        "id",
        "knowledge_based",
        "lat",
        "lon",
        "name_en",
        "name_fa",
        "names_normalized",
        "origin",
        "processes",
        "province",
        "qualifications",
        "size_band",
        "words_normalized",
    )

    def __init__(self, row: Sequence[Any]) -> None:
        (
            _version,
            self.id,
            self.name_fa,
            self.name_en,
            company_type,
            self.knowledge_based,
            self.province,
            self.city_fa,
            self.city_en,
            self.lat,
            self.lon,
            size_band,
            categories,
            self.demo,
            self.origin,
            certificates,
            qualifications,
            processes,
            names,
            self.words_normalized,
        ) = row
        self.company_type = CompanyType(company_type)
        self.size_band = SizeBand(size_band) if size_band else None
        self.categories: tuple[str, ...] = tuple(categories)
        #: (scheme, valid from or None, valid to) of each certificate, dates as ISO text
        self.certificates: tuple[tuple[str, str | None, str], ...] = tuple(tuple(c) for c in certificates)  # type: ignore[misc]
        #: (category, state, expires or None) of each qualification, as recorded (not judged on a day)
        self.qualifications: tuple[tuple[str, str, str | None], ...] = tuple(tuple(q) for q in qualifications)  # type: ignore[misc]
        self.processes: tuple[str, ...] = tuple(processes)
        self.names_normalized: tuple[str, ...] = tuple(n for n in names if n)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    def valid_schemes(self, day: dt.date) -> frozenset[str]:
        """Schemes of the certificates valid on ``day`` (issued by then, not yet expired)."""
        text = day.isoformat()
        return frozenset(s for s, start, end in self.certificates if (start is None or start <= text) and text <= end)

    def standing(self, day: dt.date) -> tuple[tuple[str, QualificationState], ...]:
        """(category, state on ``day``) of each qualification: a lapsed approval is ``expired``."""
        text = day.isoformat()
        out = []
        for category, state, expires in self.qualifications:
            judged = QualificationState(state)
            if judged in EXPIRING_STATES and expires is not None and expires < text:
                judged = QualificationState.EXPIRED
            out.append((category, judged))
        return tuple(out)

    def __repr__(self) -> str:
        return f"SupplierRow({self.id!r}, {self.name_fa!r})"


def is_current(row: Any) -> bool:
    """A row made by this version of ``supplier_row`` (rows of another version are made again)."""
    return isinstance(row, list) and len(row) == 20 and row[0] == ROW_VERSION
