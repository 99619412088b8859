"""Which issued guarantees end soon: each programme says how many days ahead its guarantees are flagged (data the
association changes, ``GuaranteeTerms.warn_days_before_expiry``), so the supplier renews in time and the officer
sees it coming. Pure: the day is given (the device's day in Tehran)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from models.fund_programmes import Call, Programme
from models.fund_records import ApplicationRecord, IssuedGuarantee, Stage

#: Used when a record's programme is not on the device (or is no guarantee programme but issued one).
DEFAULT_WARN_DAYS = 30
#: Stages whose guarantees no longer matter to anyone.
_OVER = frozenset({Stage.COMPLETED, Stage.TERMINATED, Stage.WITHDRAWN})


@dataclass(frozen=True)
class ExpiringGuarantee:
    """An issued guarantee within its programme's warning window (or past its end)."""

    application_id: str
    tracking_no: str
    guarantee: IssuedGuarantee
    days_left: int  # 0 on its last day; negative once it has ended

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def warn_days(programme: Programme | None) -> int:
    if programme is None or programme.guarantee is None:
        return DEFAULT_WARN_DAYS
    return programme.guarantee.warn_days_before_expiry


def expiring_guarantees(
    records: Iterable[ApplicationRecord],
    calls: Mapping[str, Call],
    programmes: Mapping[str, Programme],
    today: dt.date,
) -> list[ExpiringGuarantee]:
    """Every guarantee of ``records`` that ends within its programme's window from ``today``, or has ended
    while its application is under way; soonest first."""
    out: list[ExpiringGuarantee] = []
    for record in records:
        if record.agreement is None or record.stage in _OVER:
            continue
        call = calls.get(record.call_id)
        window = warn_days(programmes.get(call.programme_id) if call is not None else None)
        for guarantee in record.agreement.guarantees:
            left = (guarantee.expires_on - today).days
            if left <= window:
                out.append(ExpiringGuarantee(record.id, record.tracking_no, guarantee, left))
    return sorted(out, key=lambda e: (e.days_left, e.tracking_no))
