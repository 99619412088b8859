"""Checklist templates for field visits, and the pure scoring of a visit's answers against one.

A template (reference collection ``checklists``, id ``<template id>@<version>``) has sections, each
with questions of six kinds. Scoring is a weighted average anyone can redo by hand:

- every *scored* question gives a fraction between 0 and 1 — a score of 0–5 gives score/5, yes/no
  gives 1 for the good answer and 0 for the other, a choice the option's points over the best
  option's, a number the points of the band it falls in over 5;
- a section's percent is ``100 × Σ(weight × fraction) / Σ(weight)`` over its visible scored questions
  that have an answer (an unanswered optional question and one answered "not applicable" count
  neither way); a section passes when that percent reaches its pass mark;
- the visit's percent is the average of its sections' percents weighted by the sections' weights
  (sections with nothing scored are left out);
- a *critical* question answered below its floor (the bad answer of a yes/no, a score under
  ``critical_min``) fails its section and the visit whatever the percents.

A question with ``show_if`` is asked only when an earlier answer calls for it; hidden questions are
neither required nor scored. The suggested outcome follows the template's marks: every section
passed and the total at the pass mark → approved; no critical failure and the total at the
conditional mark → conditional; otherwise rejected. The auditor proposes, an admin decides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.categories import CODE_PATTERN, is_within

TEMPLATE_ID_PATTERN = r"^[a-z][a-z0-9-]{1,60}$"
QUESTION_ID_PATTERN = r"^[a-z][a-z0-9_]{0,40}(\.[a-z0-9_]{1,40})?$"
SCORE_LEVELS = 6  # 0, 1, 2, 3, 4, 5
MAX_SCORE = SCORE_LEVELS - 1
#: The answer that says "this question does not apply here" (only where ``allow_na`` is set).
NOT_APPLICABLE = "na"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class _Frozen(BaseModel):
    # extra="ignore": a newer server may send fields this client does not know yet.
    model_config = ConfigDict(frozen=True, extra="ignore")


class Text(_Frozen):
    """A text in both languages (Persian first)."""

    fa: str = Field(min_length=1, max_length=2000)
    en: str = Field(min_length=1, max_length=2000)

    def get(self, lang: str) -> str:
        return self.fa if lang == "fa" else self.en


class QuestionKind(StrEnum):
    YES_NO = "yes_no"
    SCORE = "score"  # 0–5, each level with its anchor text
    NUMBER = "number"  # with a unit, optionally scored by bands
    CHOICE = "choice"  # one of the options, optionally scored by their points
    TEXT = "text"
    PHOTO = "photo"  # one or more photos are the answer


class ChoiceOption(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    label: Text
    #: Points when the question is scored (the best option's points count as full marks).
    points: float | None = Field(default=None, ge=0)


class Band(_Frozen):
    """A number at or above ``at_least`` (and below the next band's) earns ``points`` out of 5."""

    at_least: float
    points: int = Field(ge=0, le=MAX_SCORE)


class Condition(_Frozen):
    """When an earlier question's answer calls for this one: it is one of ``equals``, or a score or
    number within ``at_most``/``at_least``. A hidden or unanswered earlier question hides this one."""

    question: str = Field(pattern=QUESTION_ID_PATTERN)
    equals: tuple[bool | str, ...] = ()
    at_most: float | None = None
    at_least: float | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        if not self.equals and self.at_most is None and self.at_least is None:
            raise ValueError("a condition needs equals, at_most or at_least")
        return self

    def holds(self, value: Any) -> bool:
        if value is None or value == NOT_APPLICABLE:
            return False
        if self.equals:
            return any(value is wanted or value == wanted for wanted in self.equals if type(value) is type(wanted))
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.at_most is not None and value > self.at_most:
            return False
        return not (self.at_least is not None and value < self.at_least)


class Question(_Frozen):
    id: str = Field(pattern=QUESTION_ID_PATTERN)
    kind: QuestionKind
    text: Text
    #: What the auditor looks at, asks for or counts (shown under the question).
    guide: Text | None = None
    required: bool = True
    #: Weight within its section; 0 makes a question unscored (kept for the record only).
    weight: float = Field(default=1.0, ge=0)
    allow_na: bool = False
    show_if: Condition | None = None
    #: A critical question answered below its floor fails its section and the visit.
    critical: bool = False
    # ---- per kind --------------------------------------------------------------------------------
    #: score: the meaning of each level 0..5 (exactly six).
    anchors: tuple[Text, ...] = ()
    #: score: a critical question scoring below this fails (default 2: "exists but is not followed").
    critical_min: int = Field(default=2, ge=1, le=MAX_SCORE)
    #: yes_no: the answer that earns the points (True for most questions; False for "any fatal accident?").
    good: bool = True
    #: number: its unit, shown beside the field and the answer; the accepted range; scoring bands.
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    bands: tuple[Band, ...] = ()
    #: choice: the options.
    options: tuple[ChoiceOption, ...] = ()
    #: photo: how many photos the answer needs.
    min_photos: int = Field(default=1, ge=1, le=20)

    @model_validator(mode="after")
    def _kind_fields(self) -> Question:
        kind = self.kind
        if kind is QuestionKind.SCORE and len(self.anchors) != SCORE_LEVELS:
            raise ValueError(f"{self.id}: a score question has an anchor for each level 0–5 ({SCORE_LEVELS} anchors)")
        if kind is not QuestionKind.SCORE and self.anchors:
            raise ValueError(f"{self.id}: only score questions have anchors")
        if kind is QuestionKind.NUMBER:
            if self.unit is None:
                raise ValueError(f"{self.id}: a number question states its unit")
            if self.min is not None and self.max is not None and self.min > self.max:
                raise ValueError(f"{self.id}: min is above max")
            limits = [b.at_least for b in self.bands]
            if limits != sorted(set(limits)):
                raise ValueError(f"{self.id}: bands go up strictly by at_least")
        elif self.unit is not None or self.bands:
            raise ValueError(f"{self.id}: only number questions have a unit and bands")
        if kind is QuestionKind.CHOICE:
            ids = [o.id for o in self.options]
            if len(ids) < 2 or len(set(ids)) != len(ids):
                raise ValueError(f"{self.id}: a choice has two or more options with distinct ids")
            if self.weight > 0 and any(o.points is None for o in self.options):
                raise ValueError(f"{self.id}: a scored choice gives every option its points (or weight 0)")
        elif self.options:
            raise ValueError(f"{self.id}: only choice questions have options")
        if self.critical and kind not in (QuestionKind.YES_NO, QuestionKind.SCORE):
            raise ValueError(f"{self.id}: only yes/no and score questions can be critical")
        if self.critical and self.weight == 0:
            raise ValueError(f"{self.id}: a critical question is scored (weight above 0)")
        return self

    @property
    def scored(self) -> bool:
        """Whether the answer counts towards the section's percent."""
        if self.weight == 0:
            return False
        if self.kind in (QuestionKind.YES_NO, QuestionKind.SCORE, QuestionKind.CHOICE):
            return True
        return self.kind is QuestionKind.NUMBER and bool(self.bands)

    def fraction(self, value: Any) -> float | None:
        """The share of full marks ``value`` earns (0..1), or None when it earns nothing either way."""
        if not self.scored or value is None or value == NOT_APPLICABLE:
            return None
        if self.kind is QuestionKind.YES_NO:
            return 1.0 if value is self.good else 0.0
        if self.kind is QuestionKind.SCORE:
            return int(value) / MAX_SCORE
        if self.kind is QuestionKind.CHOICE:
            best = max(o.points or 0.0 for o in self.options)
            option = next((o for o in self.options if o.id == value), None)
            if option is None or best == 0:
                return None
            return (option.points or 0.0) / best
        points = 0
        for band in self.bands:  # NUMBER with bands
            if float(value) >= band.at_least:
                points = band.points
        return points / MAX_SCORE

    def fails_critically(self, value: Any) -> bool:
        if not self.critical or value is None or value == NOT_APPLICABLE:
            return False
        if self.kind is QuestionKind.YES_NO:
            return value is not self.good
        return int(value) < self.critical_min

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not an answer to this question (English, a stable prefix), or None."""
        if value == NOT_APPLICABLE and not isinstance(value, bool):
            return None if self.allow_na else "not_applicable_not_allowed"
        kind = self.kind
        if kind is QuestionKind.YES_NO:
            return None if isinstance(value, bool) else "expected_yes_or_no"
        if kind is QuestionKind.SCORE:
            ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SCORE
            return None if ok else "expected_score_0_to_5"
        if kind is QuestionKind.NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
                return "expected_number"
            if self.min is not None and value < self.min:
                return "below_minimum"
            if self.max is not None and value > self.max:
                return "above_maximum"
            return None
        if kind is QuestionKind.CHOICE:
            return None if any(o.id == value for o in self.options) else "not_an_option"
        if kind is QuestionKind.TEXT:
            return None if isinstance(value, str) and len(value.strip()) > 0 and len(value) <= 4000 else "expected_text"
        # PHOTO: a list of content hashes
        if not isinstance(value, list | tuple) or not all(isinstance(h, str) and _SHA256.fullmatch(h) for h in value):
            return "expected_photo_hashes"
        return None

    def is_answered(self, value: Any) -> bool:
        """Answered well enough for a required question (photos: at least ``min_photos``)."""
        if value is None:
            return False
        if self.kind is QuestionKind.PHOTO and value != NOT_APPLICABLE:
            return isinstance(value, list | tuple) and len(value) >= self.min_photos
        if self.kind is QuestionKind.TEXT and isinstance(value, str):
            return bool(value.strip())
        return True


class Section(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")
    title: Text
    #: What this section looks at (shown at its head).
    intro: Text | None = None
    #: Weight of this section in the visit's percent.
    weight: float = Field(default=1.0, ge=0)
    #: Percent (0–100) the section must reach to pass.
    pass_mark: float = Field(default=60.0, ge=0, le=100)
    questions: tuple[Question, ...] = Field(min_length=1)


class Outcome(StrEnum):
    """What an auditor proposes and an admin decides for a supplier's categories."""

    APPROVED = "approved"
    CONDITIONAL = "conditional"
    REJECTED = "rejected"


class TemplateStatus(StrEnum):
    ACTIVE = "active"  # offered for new visits
    RETIRED = "retired"  # kept so that visits made with it still show and score


class ChecklistTemplate(_Frozen):
    """One version of a checklist (collection ``checklists``, id ``<id>@<version>``)."""

    id: str = Field(pattern=TEMPLATE_ID_PATTERN)
    version: int = Field(ge=1)
    title: Text
    intro: Text | None = None
    #: Supplier categories this checklist is written for (empty: any supplier).
    categories: tuple[str, ...] = ()
    status: TemplateStatus = TemplateStatus.ACTIVE
    #: The visit's percent at which, with every section passed, approval is suggested.
    pass_mark: float = Field(default=70.0, ge=0, le=100)
    #: The visit's percent at which, with no critical failure, a conditional approval is suggested.
    conditional_mark: float = Field(default=55.0, ge=0, le=100)
    sections: tuple[Section, ...] = Field(min_length=1)
    #: Where the content comes from (the standards and practices it follows), for the auditors' review.
    basis: str | None = Field(default=None, max_length=2000)
    demo: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> ChecklistTemplate:
        if self.conditional_mark > self.pass_mark:
            raise ValueError("the conditional mark is above the pass mark")
        for code in self.categories:
            if not re.fullmatch(CODE_PATTERN, code):
                raise ValueError(f"categories: {code!r} is not a category code")
        seen: dict[str, Question] = {}
        for section in self.sections:
            for question in section.questions:
                if question.id in seen:
                    raise ValueError(f"question id {question.id} appears twice")
                condition = question.show_if
                if condition is not None:
                    # Only an earlier question may call for a later one: no cycles, and a form reads top down.
                    earlier = seen.get(condition.question)
                    if earlier is None:
                        raise ValueError(f"{question.id}: show_if names {condition.question}, which is not earlier")
                    for wanted in condition.equals:
                        if earlier.problem(wanted) is not None:
                            raise ValueError(f"{question.id}: show_if value {wanted!r} is no answer to {earlier.id}")
                seen[question.id] = question
        if len({s.id for s in self.sections}) != len(self.sections):
            raise ValueError("section ids repeat")
        return self

    @property
    def key(self) -> str:
        return template_key(self.id, self.version)

    def questions(self) -> list[tuple[Section, Question]]:
        return [(section, question) for section in self.sections for question in section.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for _, q in self.questions() if q.id == question_id), None)


def template_key(template_id: str, version: int) -> str:
    """The record id of one version of a template."""
    return f"{template_id}@{version}"


# ---- visibility and scoring ---------------------------------------------------------------------------
def visible_questions(template: ChecklistTemplate, answers: Mapping[str, Any]) -> set[str]:
    """The ids of the questions asked, given ``answers``: a question whose ``show_if`` does not hold —
    or names a question that is itself hidden — is not asked."""
    shown: set[str] = set()
    for _, question in template.questions():
        condition = question.show_if
        if condition is None or (condition.question in shown and condition.holds(answers.get(condition.question))):
            shown.add(question.id)
    return shown


@dataclass(frozen=True)
class SectionScore:
    section_id: str
    #: Σ(weight × fraction) and Σ(weight) over the answered scored questions.
    earned: float
    possible: float
    #: None when nothing in the section was scored.
    percent: float | None
    pass_mark: float
    #: None when nothing was scored (the section neither passes nor fails).
    passed: bool | None
    answered: int
    asked: int
    missing_required: tuple[str, ...]
    critical_failures: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "section_id": self.section_id,
            "earned": round(self.earned, 4),
            "possible": round(self.possible, 4),
            "percent": None if self.percent is None else round(self.percent, 1),
            "pass_mark": self.pass_mark,
            "passed": self.passed,
            "answered": self.answered,
            "asked": self.asked,
            "missing_required": list(self.missing_required),
            "critical_failures": list(self.critical_failures),
        }


@dataclass(frozen=True)
class VisitScore:
    template: str  # "<id>@<version>"
    sections: tuple[SectionScore, ...]
    percent: float | None
    passed: bool
    suggested: Outcome
    missing_required: tuple[str, ...]
    critical_failures: tuple[str, ...]
    invalid: tuple[tuple[str, str], ...]  # (question id, problem) of answers that are no answers

    @property
    def complete(self) -> bool:
        """Every required question asked has its answer, and every answer is a valid one."""
        return not self.missing_required and not self.invalid

    def section(self, section_id: str) -> SectionScore | None:
        return next((s for s in self.sections if s.section_id == section_id), None)

    def to_json(self) -> dict[str, Any]:
        """The shape stored in a visit's ``scores`` (computed by the server, shown by every reader)."""
        return {
            "template": self.template,
            "percent": None if self.percent is None else round(self.percent, 1),
            "passed": self.passed,
            "suggested": self.suggested.value,
            "missing_required": list(self.missing_required),
            "critical_failures": list(self.critical_failures),
            "sections": [s.to_json() for s in self.sections],
        }


def score_visit(template: ChecklistTemplate, answers: Mapping[str, Any]) -> VisitScore:
    """Score ``answers`` (question id → value) against ``template``: see the module's docstring."""
    shown = visible_questions(template, answers)
    sections: list[SectionScore] = []
    invalid: list[tuple[str, str]] = []
    for section in template.sections:
        earned = possible = 0.0
        answered = asked = 0
        missing: list[str] = []
        critical: list[str] = []
        for question in section.questions:
            if question.id not in shown:
                continue
            asked += 1
            value = answers.get(question.id)
            if value is None:
                if question.required:
                    missing.append(question.id)
                continue
            problem = question.problem(value)
            if problem is not None:
                invalid.append((question.id, problem))
                continue
            if not question.is_answered(value):
                if question.required:
                    missing.append(question.id)
                continue
            answered += 1
            if question.fails_critically(value):
                critical.append(question.id)
            fraction = question.fraction(value)
            if fraction is not None:
                earned += question.weight * fraction
                possible += question.weight
        percent = 100.0 * earned / possible if possible > 0 else None
        passed = None if percent is None else (percent >= section.pass_mark and not critical)
        if percent is None and critical:
            passed = False
        sections.append(
            SectionScore(section.id, earned, possible, percent, section.pass_mark, passed, answered, asked,
                         tuple(missing), tuple(critical))
        )  # fmt: skip
    weighted = [(s, sec.weight) for s, sec in zip(sections, template.sections, strict=True) if s.percent is not None]
    total_weight = sum(w for _, w in weighted)
    percent = sum(s.percent * w for s, w in weighted) / total_weight if total_weight > 0 else None  # type: ignore[operator]
    critical_all = tuple(q for s in sections for q in s.critical_failures)
    every_section = all(s.passed is not False for s in sections)
    passed = percent is not None and every_section and not critical_all and percent >= template.pass_mark
    if passed:
        suggested = Outcome.APPROVED
    elif percent is not None and not critical_all and percent >= template.conditional_mark:
        suggested = Outcome.CONDITIONAL
    else:
        suggested = Outcome.REJECTED
    return VisitScore(
        template=template.key,
        sections=tuple(sections),
        percent=percent,
        passed=passed,
        suggested=suggested,
        missing_required=tuple(q for s in sections for q in s.missing_required),
        critical_failures=critical_all,
        invalid=tuple(invalid),
    )


def latest_templates(templates: list[ChecklistTemplate]) -> list[ChecklistTemplate]:
    """The newest active version of each template, in id order (what a new visit may use)."""
    best: dict[str, ChecklistTemplate] = {}
    for template in templates:
        if template.status is not TemplateStatus.ACTIVE:
            continue
        current = best.get(template.id)
        if current is None or template.version > current.version:
            best[template.id] = template
    return [best[key] for key in sorted(best)]


def templates_for(
    templates: list[ChecklistTemplate], categories: list[str] | tuple[str, ...]
) -> list[ChecklistTemplate]:
    """Active templates that fit a visit of ``categories``: those written for one of them (or a category
    above one of them) first, then the general ones."""
    fitting = [
        t for t in latest_templates(templates) if any(is_within(c, own) for c in categories for own in t.categories)
    ]
    general = [t for t in latest_templates(templates) if not t.categories]
    return fitting + general
