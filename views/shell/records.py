"""Ids of the member's own records that more than one feature reads (the atlas writes favourites, sync marks them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from models.atlas import Asset

FAVOURITES = "favourites"
NOTES = "notes"


def favourite_id(asset: Asset | Noted) -> str:
    """A favourite's record id: one per plant, mine or supplier."""
    return subject_id(asset.kind, asset.id)


def subject_id(kind: str, record_id: str) -> str:
    """The id of a favourite of anything a member can star: ``plant:P…``, ``mine:P…``, ``supplier:S…``."""
    return f"{kind}:{record_id}"


class Noted(Protocol):
    """Anything a member can keep notes on and star: a plant or mine (an ``Asset``), a supplier (``Subject``)."""

    @property
    def kind(self) -> str: ...

    @property
    def id(self) -> str: ...


@dataclass(frozen=True)
class Subject:
    """A record other than a plant or mine that notes and favourites are about: ``Subject("supplier", "S1042")``."""

    kind: str
    id: str
