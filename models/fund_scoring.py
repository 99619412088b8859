"""Applying a call's thresholds to its reviews: the criteria's means, the weighted overall score, pass or fail.

Each criterion's score is the mean of the reviewers' scores for it; the overall score is the weighted
mean of those, on the same 0–5 scale. An application passes when every criterion reaches its own
threshold and the overall score reaches the set's (or is above it, when the set is strict: krrtf's
"> 3.5"). EU Funding & Tenders' "3 each and 10 of 15" is three criteria of weight 1 with threshold 3
and an overall threshold of 10/3. Comparisons allow a billionth for floating-point sums.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from models.fund_programmes import CriterionSet
from models.fund_records import ReviewRecord, Scoring

EPSILON = 1e-9


def score_problem(criteria: CriterionSet, scores: Mapping[str, float]) -> tuple[str, dict[str, object]] | None:
    """Why ``scores`` are not a complete scoring under ``criteria`` (a code and its parameters), or None."""
    wanted = [c.code for c in criteria.criteria]
    unknown = sorted(set(scores) - set(wanted))
    if unknown:
        return "unknown_criterion", {"criteria": unknown}
    missing = [code for code in wanted if code not in scores]
    if missing:
        return "scores_incomplete", {"missing": missing}
    step = 0.5 if criteria.half_points else 1.0
    for code in wanted:
        value = scores[code]
        if not 0 <= value <= 5 or abs(value / step - round(value / step)) > EPSILON:
            return "score_out_of_scale", {"criterion": code, "step": step}
    return None


def apply_thresholds(criteria: CriterionSet, reviews: Sequence[ReviewRecord], now: dt.datetime) -> Scoring:
    """The scoring of complete ``reviews`` (at least one) under ``criteria``."""
    if not reviews:
        raise ValueError("thresholds apply to at least one review")
    per: dict[str, float] = {}
    failed: list[str] = []
    for criterion in criteria.criteria:
        mean = sum(r.scores[criterion.code] for r in reviews) / len(reviews)
        per[criterion.code] = mean
        if mean < criterion.threshold - EPSILON:
            failed.append(criterion.code)
    weights = sum(c.weight for c in criteria.criteria)
    overall = sum(c.weight * per[c.code] for c in criteria.criteria) / weights
    if criteria.overall_strict:
        overall_ok = overall > criteria.overall_threshold + EPSILON
    else:
        overall_ok = overall >= criteria.overall_threshold - EPSILON
    if not overall_ok:
        failed.append("overall")
    return Scoring(
        per_criterion={code: round(value, 3) for code, value in per.items()},
        overall=round(overall, 3),
        passed=not failed,
        failed=failed,
        reviews=len(reviews),
        applied_at=now,
    )
