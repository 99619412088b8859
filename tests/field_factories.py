"""Factories for field-visit test data: the shipped checklists, complete answers, visits as pushed."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from models.checklists import ChecklistTemplate, QuestionKind
from models.visits import new_visit_id

CHECKLISTS = Path(__file__).resolve().parents[1] / "assets" / "checklists"
#: Sepahan Sample Refractory Industries in docs/registers/suppliers-template.csv, at 32.6342, 51.3668.
SEPAHAN = "S1042"
ARAK = "S1043"
REFRACTORIES = "consumables.refractories.shaped"


@cache
def template(name: str = "general-supplier-audit.v1") -> ChecklistTemplate:
    return ChecklistTemplate.model_validate(json.loads((CHECKLISTS / f"{name}.json").read_text("utf-8")))


def photo_hash(n: int) -> str:
    return f"{n:064x}"


def complete_answers(t: ChecklistTemplate | None = None, *, photos: list[str] | None = None) -> dict[str, Any]:
    """A good answer to every question asked without a condition (and the ISO scope one), optional photos
    left out: a submittable set.
    Photo questions take hashes from ``photos`` in turn (made up when none are given)."""
    t = t or template()
    pool = list(photos or [photo_hash(n) for n in range(1, 40)])
    answers: dict[str, Any] = {}
    for _, q in t.questions():
        if q.show_if is not None:
            continue
        if q.kind is QuestionKind.CHOICE:
            answers[q.id] = q.options[0].id
        elif q.kind is QuestionKind.PHOTO:
            if q.required:  # the optional ones are left for the auditor who sees something worth a photo
                answers[q.id] = [pool.pop(0) for _ in range(q.min_photos)]
        else:
            answers[q.id] = {QuestionKind.YES_NO: q.good, QuestionKind.SCORE: 4, QuestionKind.NUMBER: 96}.get(
                q.kind, "seen"
            )
    if t.question("qms.iso9001_scope") is not None:
        answers["qms.iso9001_scope"] = True
    return answers


def photo_refs(answers: dict[str, Any]) -> list[dict[str, Any]]:
    hashes = [h for value in answers.values() if isinstance(value, list) for h in value]
    return [{"sha256": h, "width": 2048, "height": 1536, "bytes": 400_000} for h in hashes]


def visit_data(
    *,
    visit_id: str | None = None,
    state: str = "submitted",
    supplier_id: str = SEPAHAN,
    lat: float = 32.6342,
    lon: float = 51.3668,
    **overrides: Any,
) -> dict[str, Any]:
    """A visit as an author pushes it: complete, at the supplier's gate, proposing approval."""
    answers = complete_answers()
    data: dict[str, Any] = {
        "id": visit_id or new_visit_id(),
        "supplier_id": supplier_id,
        "categories": [REFRACTORIES],
        "template_id": "general-supplier-audit",
        "template_version": 1,
        "planned_on": "2026-12-01",
        "visited_on": "2026-12-03",
        "answers": answers,
        "notes": {"insp.final": "release signed by the production manager himself (internal)"},
        "photos": photo_refs(answers),
        "location": {"lat": lat, "lon": lon, "accuracy_m": 12.0, "source": "device"},
        "findings": [{"id": "f1", "severity": "minor", "text": "two gauges overdue"}],
        "proposal": {"outcome": "approved", "reasons": "every section passed"},
        "state": state,
    }
    data.update(overrides)
    return data
