"""Ranked matches on hand-built cases whose right order is known, and the reasons in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.fund_words import reason_text
from models.match_words import reason_words, summary_line
from models.matching import Reason, category_fit, distance_points, rank_matches
from models.needs import Need
from models.suppliers import Supplier

TODAY = dt.date(2026, 12, 1)
MOBARAKEH = (32.244, 51.4263)  # the need's plant: Mobarakeh Steel Complex
NEAR = (32.6342, 51.3668)  # Najafabad, about 44 km away
FAR = (38.0800, 46.2919)  # Tabriz, about 790 km away


def need(**overrides: Any) -> Need:
    data = {
        "id": "N2031",
        "plant_id": "P100000120584",
        "producer_org": "E100000001959",
        "item_fa": "آجر منیزیا-کربن",
        "category": "consumables.refractories.shaped",
        "status": "published",
    }
    return Need.model_validate(data | overrides)


def supplier(sid: str, *, at: tuple[float, float] | None = NEAR, **overrides: Any) -> Supplier:
    data: dict[str, Any] = {
        "id": sid,
        "name_fa": f"تأمین‌کننده {sid}",
        "categories": ["consumables.refractories.shaped"],
    }
    if at is not None:
        data |= {"lat": at[0], "lon": at[1]}
    return Supplier.model_validate(data | overrides)


def approved(category: str = "consumables.refractories", expires: str = "2028-01-01", state: str = "approved") -> dict:
    return {"category": category, "state": state, "since": "2025-01-01", "expires": expires}


def ranked(*suppliers: Supplier, the_need: Need | None = None) -> list[str]:
    return [m.supplier_id for m in rank_matches(the_need or need(), suppliers, plant_point=MOBARAKEH, on=TODAY)]


def test_category_mismatch_never_matches_however_good_the_supplier() -> None:
    bearings = supplier(
        "S1",
        categories=["mechanical.bearings"],
        qualifications=[approved("mechanical.bearings")],
        certificates=[{"scheme": "ISO 9001", "valid_to": "2030-01-01"}],
    )
    root_only = supplier("S2", categories=["consumables"])

    assert ranked(bearings, root_only) == []


def test_parent_and_child_categories_fit_but_roots_do_not() -> None:
    assert category_fit("consumables.refractories.shaped", "consumables.refractories.shaped") == "exact"
    assert category_fit("consumables.refractories", "consumables.refractories.shaped") == "narrower"
    assert category_fit("consumables.refractories.shaped", "consumables.refractories") == "broader"
    assert category_fit("consumables.refractories.shaped", "consumables") is None
    assert category_fit("consumables.refractories.shaped", "consumables.refractories.monolithic") is None


def test_approved_and_near_beats_unqualified_and_far() -> None:
    good = supplier("S9", at=NEAR, qualifications=[approved()])
    poor = supplier("S1", at=FAR, certificates=[{"scheme": "ISO 9001", "valid_to": "2030-01-01"}])

    assert ranked(poor, good) == ["S9", "S1"]


def test_an_expired_certificate_is_not_valid() -> None:
    valid = supplier("S2", certificates=[{"scheme": "ISO 9001", "valid_from": "2025-01-01", "valid_to": "2027-01-01"}])
    expired = supplier("S1", certificates=[{"scheme": "ISO 9001", "valid_to": "2026-11-30"}])
    matches = rank_matches(need(), [expired, valid], plant_point=MOBARAKEH, on=TODAY)

    assert [m.supplier_id for m in matches] == ["S2", "S1"]
    expired_codes = [r.code for r in matches[1].reasons]
    assert "certificate_valid" not in expired_codes and "certificate_expired" in expired_codes


def test_qualification_order_approved_conditional_visited_surveyed_none() -> None:
    states = ["surveyed", "approved", "none", "visited", "conditional"]
    suppliers = [supplier(f"S{i}", qualifications=[approved(state=s)]) for i, s in enumerate(states)]

    assert ranked(*suppliers) == ["S1", "S4", "S3", "S0", "S2"]


def test_rejected_suspended_and_expired_never_rank_as_qualified() -> None:
    unqualified = supplier("S1")
    lapsed = supplier("S2", qualifications=[approved(expires="2026-11-30")])
    rejected = supplier("S3", qualifications=[approved(state="rejected")])
    surveyed = supplier("S4", qualifications=[approved(state="surveyed")])
    matches = rank_matches(need(), [rejected, lapsed, unqualified, surveyed], plant_point=MOBARAKEH, on=TODAY)

    assert [m.supplier_id for m in matches] == ["S4", "S1", "S2", "S3"]
    assert matches[2].reasons[0].code == "qualification_expired"
    assert matches[3].reasons[0] == Reason(
        "disqualified", {"state": "rejected", "category": "consumables.refractories"}, -15.0
    )


def test_nearer_wins_between_equals_and_unknown_distance_goes_last() -> None:
    nowhere = supplier("S1", at=None)
    far = supplier("S2", at=FAR)
    near = supplier("S3", at=NEAR)

    assert ranked(nowhere, far, near) == ["S3", "S2", "S1"]


def test_declared_processes_must_cover_the_needs_and_the_part_must_fit() -> None:
    roll_need = need(category="mechanical.rolls.work", processes=["casting", "machining"], part_weight_kg=9000)
    casts_only = supplier("S1", categories=["mechanical.rolls.work"], capabilities={"processes": ["casting"]})
    too_small = supplier(
        "S2",
        categories=["mechanical.rolls"],
        capabilities={"processes": ["casting", "machining"], "largest_part_kg": 5000},
    )
    able = supplier(
        "S3",
        categories=["mechanical.rolls"],
        capabilities={"processes": ["casting", "machining", "forging"], "largest_part_kg": 20000},
    )
    undeclared = supplier("S4", categories=["mechanical.rolls.work"])

    assert ranked(casts_only, too_small, able, undeclared, the_need=roll_need) == ["S4", "S3"]


def test_score_is_the_sum_of_the_reasons_points() -> None:
    match = rank_matches(
        need(),
        [supplier("S1", qualifications=[approved()], certificates=[{"scheme": "ISO 9001", "valid_to": "2027-01-01"}])],
        plant_point=MOBARAKEH,
        on=TODAY,
    )[0]

    assert match.score == round(sum(r.points for r in match.reasons), 1)
    assert match.score == 45 + 10 + distance_points(match.distance_km or 0) + 15
    assert 40 < (match.distance_km or 0) < 50


def test_reasons_read_in_persian_and_english() -> None:
    match = rank_matches(
        need(),
        [
            supplier(
                "S1",
                qualifications=[approved(expires="2027-04-21")],
                certificates=[{"scheme": "ISO 9001", "valid_to": "2027-01-01"}],
            )
        ],
        plant_point=(32.29, 51.33),
        on=TODAY,
    )[0]

    fa = summary_line(match.reasons, "fa")
    en = summary_line(match.reasons, "en")

    assert fa.startswith("تأیید شده برای نسوز تا ۱۴۰۶/۰۲/۰۱ · ISO 9001 معتبر · ")
    assert fa.endswith(" کیلومتر") and "۳۸" in fa
    assert en == "approved for refractories until 1406/02/01 (2027-04-21) · ISO 9001 valid · 38 km"
    assert reason_words(
        {"code": "qualification_expired", "params": {"category": "mechanical.rolls", "expired_on": "2026-03-20"}}, "en"
    ) == ("qualification for rolls expired on 1404/12/29 (2026-03-20)")


def test_the_national_standard_mark_is_named_in_persian_on_persian_screens() -> None:
    valid = {"code": "certificate_valid", "params": {"scheme": "INSO standard mark"}}
    assert reason_words(valid, "fa") == "نشان استاندارد ملی ایران معتبر"
    assert reason_words(valid, "en") == "INSO standard mark valid"
    assert reason_text("certificate_missing", {"scheme": "INSO standard mark"}, "fa") == (
        "گواهی معتبر نشان استاندارد ملی ایران لازم است"
    )
    assert reason_words({"code": "certificate_valid", "params": {"scheme": "ISO 9001"}}, "fa") == "ISO 9001 معتبر"
