"""Ids of the member's own records that more than one feature reads (the atlas writes favourites, sync marks them)."""

from __future__ import annotations

from models.atlas import Asset

FAVOURITES = "favourites"
NOTES = "notes"


def favourite_id(asset: Asset) -> str:
    """A favourite's record id: one per plant or mine."""
    return f"{asset.kind}:{asset.id}"
