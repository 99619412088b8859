"""A figure from a source that may be known, known only to be positive, or unknown."""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, model_validator


class Certainty(StrEnum):
    KNOWN = "known"
    #: The source says there is some (GEM writes ``>0``) but not how much: never a number.
    POSITIVE_UNKNOWN = "positive_unknown"
    UNKNOWN = "unknown"


class Quantity(BaseModel):
    """An amount in the unit its field names (kt/y for capacities, kt for reserves)."""

    model_config = ConfigDict(frozen=True)

    value: float | None = None
    certainty: Certainty = Certainty.KNOWN

    @model_validator(mode="after")
    def _consistent(self) -> Quantity:
        if self.certainty is Certainty.KNOWN:
            if self.value is None or not math.isfinite(self.value):
                raise ValueError("a known quantity needs a finite value")
            if self.value < 0:
                raise ValueError("a quantity cannot be negative")
        elif self.value is not None:
            raise ValueError(f"a {self.certainty.value} quantity carries no value")
        return self

    @classmethod
    def known(cls, value: float) -> Quantity:
        return cls(value=float(value))

    @classmethod
    def positive_unknown(cls) -> Quantity:
        return cls(certainty=Certainty.POSITIVE_UNKNOWN)

    @classmethod
    def unknown(cls) -> Quantity:
        return cls(certainty=Certainty.UNKNOWN)

    @property
    def is_known(self) -> bool:
        return self.certainty is Certainty.KNOWN

    @property
    def is_positive_unknown(self) -> bool:
        return self.certainty is Certainty.POSITIVE_UNKNOWN
