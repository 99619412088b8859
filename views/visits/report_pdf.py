"""A field visit's report as a PDF, in Persian (right to left) or English: who, when, where (with the distance
to the supplier's recorded site), the scores per section, the decision, the proposal, the findings, every
answer with its note, and the photos. Written with the shell's one PDF writer (views/shell/pdf.py).

The report holds the auditor's internal notes and says so at its head: it is the association's, not the
supplier's (a supplier reads the decision about it in the app).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from models.categories import CategoryTree
from models.checklists import NOT_APPLICABLE, ChecklistTemplate, Question, QuestionKind
from models.visits import Visit
from sync.fieldwork import VisitDetail
from views.shell import i18n
from views.shell.directory_labels import categories_line, supplier_name, supplier_other_name
from views.shell.export import file_name
from views.shell.i18n import Lang
from views.shell.pdf import DEMO, MUTED, PRIMARY, PdfWriter, is_latin, new_document

GOOD = (46, 125, 50)
BAD = (198, 40, 40)
INTERNAL = (90, 90, 90)
#: The question's column in the answers: half the page, the answer (and its anchor's words) the other half.
QUESTION_WIDTH = 88.0

PhotoLoader = Callable[[str], bytes | None]


def report_file_name(visit: Visit, day: dt.date, lang: Lang) -> str:
    return file_name(f"visit-{visit.id[:8]}", day, lang, "pdf")


def visit_pdf(detail: VisitDetail, tree: CategoryTree, photo: PhotoLoader, lang: Lang, *, made_on: dt.date) -> bytes:
    """The report's bytes; ``photo(sha)`` gives a photo's bytes (None when it is not on this device)."""
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731 - a local shorthand
    rtl = lang == "fa"
    visit, summary, template = detail.visit, detail.summary, detail.template
    supplier = summary.supplier
    title = supplier_name(supplier, lang) if supplier is not None else visit.supplier_id
    pdf, writer = new_document(f"{t('visit_report_title')} — {title}", lang, made_on=made_on)

    # ---- who, when ----
    writer.paragraph(t("visit_report_title"), 11, colour=MUTED)
    writer.paragraph(title, 18, bold=True, colour=PRIMARY)
    other = supplier_other_name(supplier, lang) if supplier is not None else None
    if other:
        writer.paragraph(other, 12, colour=MUTED, rtl=not rtl, align_start=True)
    writer.paragraph(categories_line(visit.categories, lang, tree), 10, colour=MUTED)
    writer.banner(t("visit_report_internal"), INTERNAL)
    if visit.demo:
        writer.banner(t("visit_report_demo"), DEMO)
    writer.gap()
    day = lambda d: i18n.date(d, lang, with_gregorian=rtl) if d else "—"  # noqa: E731
    checklist = (
        t("visit_report_version", title=template.title.get(lang), version=i18n.digits(str(template.version), lang))
        if template is not None
        else visit.template_key
    )
    writer.row(t("visit_report_checklist"), checklist)
    writer.row(t("visit_report_planned"), day(visit.planned_on))
    writer.row(t("visit_report_visited"), day(visit.visited_on))
    writer.row(t("visit_report_author"), summary.author or "—", value_ltr=is_latin(summary.author or ""))
    if visit.met_with:
        writer.row(t("visit_report_met_with"), visit.met_with)
    writer.row(t("visit_report_state"), t(f"visit_state_{summary.state.value}"))

    _location(writer, detail, lang)
    _scores(writer, detail, lang)
    _decision(writer, detail, lang)
    _proposal(writer, visit, lang)
    _findings(writer, visit, template, lang)
    if visit.summary:
        writer.heading(t("visit_report_summary"))
        writer.paragraph(visit.summary, 10)
    if template is not None:
        _answers(writer, visit, template, detail.asked, lang)
    _photos(writer, visit, template, photo, lang)

    writer.gap()
    writer.paragraph(t("visit_report_ids", id=visit.id), 8, colour=MUTED)
    return bytes(pdf.output())


def answer_words(question: Question, value: Any, lang: Lang) -> str:
    """An answer as the report (and a screen) says it: «بله», "4 of 5 — documented and followed", "96 %"…"""
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    if value is None:
        return t("visit_answer_none")
    if isinstance(value, str) and value == NOT_APPLICABLE and question.kind is not QuestionKind.TEXT:
        return t("visit_answer_na")
    kind = question.kind
    if kind is QuestionKind.YES_NO:
        return t("visit_answer_yes" if value else "visit_answer_no")
    if kind is QuestionKind.SCORE:
        anchor = question.anchors[int(value)].get(lang) if 0 <= int(value) < len(question.anchors) else ""
        return t("visit_answer_score", score=i18n.digits(str(value), lang), anchor=anchor)
    if kind is QuestionKind.NUMBER:
        decimals = next((d for d in (0, 1, 2) if round(float(value), d) == float(value)), 2)
        unit = question.unit.get(lang) if question.unit else ""
        return f"{i18n.number(float(value), lang, decimals)} {unit}".strip()
    if kind is QuestionKind.CHOICE:
        option = next((o for o in question.options if o.id == value), None)
        return option.label.get(lang) if option is not None else str(value)
    if kind is QuestionKind.PHOTO:
        count = len(value) if isinstance(value, list | tuple) else 0
        return t("visit_answer_photos", count=i18n.digits(str(count), lang))
    return str(value)


def _percent(value: float | None, lang: Lang) -> str:
    return "—" if value is None else i18n.number(value, lang, 1)


def _location(writer: PdfWriter, detail: VisitDetail, lang: Lang) -> None:
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    location, check = detail.visit.location, detail.location
    writer.heading(t("visit_report_location"))
    if location is None:
        writer.paragraph(t("visit_location_none"), 10, colour=MUTED)
        return
    # latitude first, in the reader's digits; the coordinates are the value, not a label
    sep = "، " if lang == "fa" else ", "
    words = [i18n.number(location.lat, lang, 5) + sep + i18n.number(location.lon, lang, 5)]
    words.append(t(f"visit_location_{location.source.value}"))
    if location.accuracy_m is not None:
        words.append(t("visit_location_accuracy", metres=i18n.number(location.accuracy_m, lang)))
    writer.row(t("visit_report_coordinates"), " · ".join(words))
    if check.distance_km is None:
        writer.paragraph(t("visit_location_no_site"), 10, colour=MUTED)
        return
    writer.paragraph(t("visit_location_distance", km=i18n.number(check.distance_km, lang, 2)), 10)
    if check.far:
        writer.paragraph(t("visit_location_far", km=i18n.number(check.threshold_km, lang)), 10, bold=True, colour=BAD)


def _scores(writer: PdfWriter, detail: VisitDetail, lang: Lang) -> None:
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    score, template = detail.score, detail.template
    if score is None or template is None:
        return
    writer.heading(t("visit_report_scores"))
    titles = {s.id: s.title.get(lang) for s in template.sections}
    for section in score.sections:
        if section.percent is None:
            writer.row(titles[section.section_id], t("visit_report_not_scored"), colour=MUTED)
            continue
        verdict = t("visit_report_passed" if section.passed else "visit_report_failed")
        words = t("visit_report_section_score", percent=_percent(section.percent, lang),
                  pass_mark=i18n.number(section.pass_mark, lang), verdict=verdict)  # fmt: skip
        writer.row(titles[section.section_id], words, colour=GOOD if section.passed else BAD)
    verdict = t("visit_report_passed")
    if not score.passed:
        # a total over the pass mark fails too when a critical question or a section failed: say which
        if score.critical_failures:
            verdict = t("visit_report_failed_critical")
        elif any(s.passed is False for s in score.sections):
            verdict = t("visit_report_failed_section")
        else:
            verdict = t("visit_report_failed")
    total = t("visit_report_section_score", percent=_percent(score.percent, lang),
              pass_mark=i18n.number(template.pass_mark, lang), verdict=verdict)  # fmt: skip
    writer.row(t("visit_report_total"), total, colour=GOOD if score.passed else BAD)
    writer.paragraph(t("visit_report_suggested", outcome=t(f"visit_outcome_{score.suggested.value}")), 10, bold=True)
    if score.critical_failures:
        texts = [q.text.get(lang) for q in (template.question(i) for i in score.critical_failures) if q is not None]
        sep = "؛ " if lang == "fa" else "; "
        writer.paragraph(t("visit_report_critical_failures", questions=sep.join(texts)), 10, colour=BAD)


def _decision(writer: PdfWriter, detail: VisitDetail, lang: Lang) -> None:
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    writer.heading(t("visit_report_decision"))
    decision = detail.decision
    if decision is None:
        writer.paragraph(t("visit_report_no_decision"), 10, colour=MUTED)
        return
    rtl = lang == "fa"
    colour = GOOD if decision.outcome.value in ("approved", "conditional") else BAD
    writer.paragraph(t(f"visit_outcome_{decision.outcome.value}"), 13, bold=True, colour=colour)
    decided_on = i18n.date(decision.decided_at.date(), lang, with_gregorian=rtl)
    # the admin's Latin username isolated: Persian digits after it would otherwise join its left-to-right run
    by = i18n.ltr(decision.decided_by)
    writer.row(t("visit_report_decided_by"), t("visit_report_decided", by=by, date=decided_on))
    if decision.expires is not None:
        writer.row(t("visit_report_valid_until"), i18n.date(decision.expires, lang, with_gregorian=rtl))
    writer.row(t("visit_report_reasons"), decision.reasons)
    if decision.conditions:
        writer.row(t("visit_report_conditions"), decision.conditions)
    if decision.conditions_due:
        writer.row(t("visit_report_conditions_due"), i18n.date(decision.conditions_due, lang, with_gregorian=rtl))


def _proposal(writer: PdfWriter, visit: Visit, lang: Lang) -> None:
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    writer.heading(t("visit_report_proposal"))
    proposal = visit.proposal
    if proposal is None:
        writer.paragraph(t("visit_report_no_proposal"), 10, colour=MUTED)
        return
    writer.paragraph(t(f"visit_outcome_{proposal.outcome.value}"), 12, bold=True)
    writer.row(t("visit_report_reasons"), proposal.reasons)
    if proposal.conditions:
        writer.row(t("visit_report_conditions"), proposal.conditions)
    if proposal.conditions_due:
        writer.row(
            t("visit_report_conditions_due"), i18n.date(proposal.conditions_due, lang, with_gregorian=lang == "fa")
        )


def _findings(writer: PdfWriter, visit: Visit, template: ChecklistTemplate | None, lang: Lang) -> None:
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    writer.heading(t("visit_report_findings"))
    if not visit.findings:
        writer.paragraph(t("visit_report_no_findings"), 10, colour=MUTED)
    colours = {"major": BAD, "minor": (191, 120, 0)}
    for finding in visit.findings:
        question = template.question(finding.question) if template is not None and finding.question else None
        writer.row(
            t(f"visit_severity_{finding.severity.value}"),
            finding.text,
            colour=colours.get(finding.severity.value, (33, 33, 33)),
        )
        if question is not None:  # its own row: the auditor's words and the checklist's may be in two scripts
            writer.row(t("visit_report_finding_question"), question.text.get(lang), colour=MUTED)


def _answers(writer: PdfWriter, visit: Visit, template: ChecklistTemplate, asked: frozenset[str], lang: Lang) -> None:
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    writer.heading(t("visit_report_answers"))
    for section in template.sections:
        shown = [q for q in section.questions if q.id in asked]
        if not shown:
            continue
        writer.keep(15)
        writer.paragraph(section.title.get(lang), 11, bold=True, colour=PRIMARY)
        for question in shown:
            label = question.text.get(lang) + (f" ({t('visit_critical')})" if question.critical else "")
            writer.row(label, answer_words(question, visit.answers.get(question.id), lang), label_width=QUESTION_WIDTH)
            note = visit.notes.get(question.id)
            if note:
                writer.row(t("visit_report_note_label"), note, colour=INTERNAL, label_width=QUESTION_WIDTH)
        writer.gap(2)


def _photos(
    writer: PdfWriter, visit: Visit, template: ChecklistTemplate | None, photo: PhotoLoader, lang: Lang
) -> None:
    if not visit.photos:
        return
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    writer.heading(t("visit_report_photos"), keep_mm=70)  # the heading stays with the first row of photos
    pictures: list[tuple[bytes, str]] = []
    missing: list[str] = []
    for ref in visit.photos:
        data = photo(ref.sha256)
        question = template.question(ref.question) if template is not None and ref.question else None
        caption = ref.caption or (question.text.get(lang) if question is not None else "")
        if data is None:
            missing.append(ref.sha256[:12])
            continue
        pictures.append((data, caption))
    writer.images(pictures)
    for sha in missing:
        writer.paragraph(f"{sha} — {t('visit_report_photo_missing')}", 8, colour=MUTED)
