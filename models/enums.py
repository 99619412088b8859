"""The vocabularies of the steel chain: processes and statuses, with GEM's spellings mapped."""

from __future__ import annotations

from enum import StrEnum


class Process(StrEnum):
    """A step of the chain whose capacity a source reports (kt/y of its output)."""

    IRON_ORE = "iron_ore"  # run-of-mine ore (mines' design capacity)
    CONCENTRATE = "concentrate"  # not covered by GEM; kept for other sources
    PELLET = "pellet"
    SINTER = "sinter"
    COKE = "coke"
    DRI = "dri"
    BF = "bf"
    IRON_OTHER = "iron_other"
    IRON = "iron"  # GEM's nominal iron capacity: DRI + BF + other iron
    EAF = "eaf"
    BOF = "bof"
    OHF = "ohf"
    STEEL_OTHER = "steel_other"
    CRUDE_STEEL = "crude_steel"  # GEM's nominal crude steel capacity: EAF + BOF + OHF + other
    FERRONICKEL = "ferronickel"
    ROLLING = "rolling"  # not covered by GEM; kept for other sources


#: The processes `balance --json` reports, in chain order.
BALANCE_PROCESSES: tuple[Process, ...] = (
    Process.IRON_ORE,
    Process.PELLET,
    Process.DRI,
    Process.BF,
    Process.EAF,
    Process.BOF,
    Process.CRUDE_STEEL,
)


class Status(StrEnum):
    """Where a unit stands. ``UNKNOWN`` is used when the source gives no status at all."""

    OPERATING = "operating"
    OPERATING_PRE_RETIREMENT = "operating_pre_retirement"
    CONSTRUCTION = "construction"
    ANNOUNCED = "announced"
    PROPOSED = "proposed"
    MOTHBALLED = "mothballed"
    SHELVED = "shelved"
    RETIRED = "retired"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, raw: str) -> Status:
        """Map a source's spelling ("operating pre-retirement", "Operating") to a status."""
        key = raw.strip().lower().replace("-", "_").replace(" ", "_")
        aliases = {"under_construction": "construction", "idled": "mothballed", "": "unknown"}
        key = aliases.get(key, key)
        return cls(key)  # ValueError names the unknown spelling
