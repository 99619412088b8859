"""Writes small GEM-shaped CSV folders for server imports in tests (synthetic plants, marked as such)."""

from __future__ import annotations

import csv
from pathlib import Path

PLANT_HEADER = [
    "Plant ID", "Plant name (English)", "Plant name (other language)", "Other plant names (English)",
    "Owner", "Owner GEM ID", "Parent", "Parent GEM ID", "Municipality", "Subnational unit (province/state)",
    "Country/Area", "Coordinates", "Coordinate accuracy", "Start date", "Pelletizing plant capacity (ttpa)",
]  # fmt: skip
CAPACITY_HEADER = [
    "Plant ID", "Plant name (English)", "Country/Area", "Status", "Nominal crude steel capacity (ttpa)",
    "Nominal EAF steel capacity (ttpa)", "Nominal DRI capacity (ttpa)",
]  # fmt: skip


def plant_id(number: int) -> str:
    return f"P7{number:011d}"


def write_gem_folder(parent: Path, numbers: list[int], release: str = "2025-09", name_suffix: str = "") -> Path:
    """A folder named like GEM's export (``gem-iron-steel-YYYY-MM``) holding plants ``numbers``."""
    folder = parent / f"synthetic-gem-iron-steel-{release}-{name_suffix or 'a'}"
    folder.mkdir(parents=True)
    with open(folder / "plant_data.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PLANT_HEADER)
        for n in numbers:
            writer.writerow([
                plant_id(n), f"Synthetic Steel {n}{name_suffix}", "", "", f"Synthetic Owner {n % 7}", "", "", "",
                "Isfahan", "Isfahan", "Iran", "32.65, 51.67", "approximate", "2019", "",
            ])  # fmt: skip
    with open(folder / "plant_capacities.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CAPACITY_HEADER)
        for n in numbers:
            writer.writerow([plant_id(n), f"Synthetic Steel {n}", "Iran", "operating", "100", "100", "90"])
    return folder
