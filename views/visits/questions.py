"""One checklist question as the auditor answers it: yes/no, a score 0–5 with each level's anchor, a number with
its unit, a choice, a text, photos — with its note. Every change is saved on the device at once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from models.checklists import NOT_APPLICABLE, Question, QuestionKind
from views.shell import i18n
from views.shell.facts import caption
from views.shell.theme import Space, Tone, Type
from views.shell.typing_field import TypingField
from views.visits.context import use_visits
from views.visits.photos import photo_strip, pick_for

#: A pause in typing after which a text answer or a note is saved (each keystroke would be a write).
TYPING_SAVE_SECONDS = 0.6


def _radio_value(kind: QuestionKind, value: Any) -> str | None:
    if value is None:
        return None
    if value == NOT_APPLICABLE and not isinstance(value, bool):
        return NOT_APPLICABLE
    if kind is QuestionKind.YES_NO:
        return "yes" if value is True else "no"
    return str(value)


def _from_radio(kind: QuestionKind, chosen: str) -> Any:
    if chosen == NOT_APPLICABLE:
        return NOT_APPLICABLE
    if kind is QuestionKind.YES_NO:
        return chosen == "yes"
    if kind is QuestionKind.SCORE:
        return int(chosen)
    return chosen


@ft.component
def QuestionCard(
    visit_id: str,
    question: Question,
    value: Any,
    note: str,
    editable: bool,
    photos: tuple[str, ...],
    pick: Callable[[str | None], Awaitable[None]],
    problem: str | None = None,
) -> ft.Control:
    state = use_visits()
    app = state.app
    lang = app.lang
    error, set_error = ft.use_state("")
    note_open, set_note_open = ft.use_state(bool(note))
    kind = question.kind

    marks = []
    if question.required:
        marks.append(app.t("visit_required"))
    if question.critical:
        marks.append(app.t("visit_critical"))
    lines: list[ft.Control] = [
        ft.Text(question.text.get(lang), style=Type.BODY_STRONG, color=Tone.TEXT, data=f"question:{question.id}"),
    ]
    if question.guide is not None:
        lines.append(caption(question.guide.get(lang)))
    if marks:
        lines.append(
            ft.Text(" · ".join(marks), style=Type.CAPTION, color=Tone.ERROR if question.critical else Tone.MUTED)
        )

    def radio(options: list[tuple[str, str]]) -> ft.Control:
        if question.allow_na:
            options = [*options, (NOT_APPLICABLE, app.t("visit_answer_na"))]
        return ft.RadioGroup(
            value=_radio_value(kind, value),
            on_change=lambda e: state.answer(visit_id, question.id, _from_radio(kind, e.control.value or "")),
            content=ft.Column(
                [
                    ft.Radio(value=v, label=label, disabled=not editable, data=f"answer:{question.id}:{v}")
                    for v, label in options
                ],
                spacing=0,
                tight=True,
            ),
        )

    def scale() -> ft.Control:
        """A score's levels: the level beside its radio and the anchor's words wrapping beside it (a radio's own
        label never wraps: at 360 px the anchors were cut off mid-sentence), a tap on the words choosing it."""

        def choose(level: str) -> None:
            if level:
                state.answer(visit_id, question.id, _from_radio(kind, level))

        rows: list[ft.Control] = []
        options = [(str(n), anchor.get(lang)) for n, anchor in enumerate(question.anchors)]
        if question.allow_na:
            options.append((NOT_APPLICABLE, app.t("visit_answer_na")))
        for level, words in options:
            digit = i18n.digits(level, lang) if level != NOT_APPLICABLE else "—"
            rows.append(
                ft.Container(
                    ft.Row(
                        [
                            ft.Radio(value=level, label=digit, disabled=not editable,
                                     data=f"answer:{question.id}:{level}"),
                            ft.Text(words, style=Type.BODY, color=Tone.TEXT if editable else Tone.MUTED, expand=True),
                        ],
                        spacing=Space.XS,
                        vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    ),
                    on_click=(lambda _e, level=level: choose(level)) if editable else None,
                )
            )  # fmt: skip
        return ft.RadioGroup(
            value=_radio_value(kind, value),
            on_change=lambda e: choose(e.control.value or ""),
            content=ft.Column(rows, spacing=0, tight=True),
        )

    if kind is QuestionKind.YES_NO:
        lines.append(radio([("yes", app.t("visit_answer_yes")), ("no", app.t("visit_answer_no"))]))
    elif kind is QuestionKind.SCORE:
        lines.append(scale())
    elif kind is QuestionKind.CHOICE:
        lines.append(radio([(o.id, o.label.get(lang)) for o in question.options]))
    elif kind is QuestionKind.NUMBER:
        shown = "" if value is None or value == NOT_APPLICABLE else i18n.digits(f"{value:g}", lang)

        def typed(text: str) -> None:
            set_error(state.answer_number(visit_id, question.id, text) or "")

        unit = question.unit.get(lang) if question.unit is not None else ""
        lines.append(
            TypingField(
                shown,
                typed,
                debounce=TYPING_SAVE_SECONDS,
                label=unit,
                keyboard_type=ft.KeyboardType.NUMBER,
                disabled=not editable,
                rtl=False,
                error=error or None,
                data=f"answer:{question.id}",
            )
        )
    elif kind is QuestionKind.TEXT:
        lines.append(
            TypingField(
                value if isinstance(value, str) else "",
                lambda text: state.answer(visit_id, question.id, text if text.strip() else None),
                debounce=TYPING_SAVE_SECONDS,
                multiline=True,
                min_lines=1,
                max_lines=6,
                disabled=not editable,
                data=f"answer:{question.id}",
            )
        )
    else:  # photos answer it
        hashes = tuple(value) if isinstance(value, list | tuple) else ()
        need = i18n.number(question.min_photos, lang)
        lines.append(caption(app.t("visit_photos_needed", count=need)))
        lines.append(photo_strip(state, visit_id, hashes, editable))
        if editable:
            lines.append(
                ft.OutlinedButton(
                    content=app.t("visit_add_photos"),
                    icon=ft.Icons.ADD_A_PHOTO_OUTLINED,
                    on_click=pick_for(pick, question.id),
                    data=f"answer:{question.id}:photos",
                )
            )
    if photos and kind is not QuestionKind.PHOTO:
        lines.append(photo_strip(state, visit_id, photos, editable))
    if problem:
        lines.append(ft.Text(problem, style=Type.CAPTION, color=Tone.ERROR))
    if note_open or note:
        lines.append(
            TypingField(
                note,
                lambda text: state.note(visit_id, question.id, text),
                debounce=TYPING_SAVE_SECONDS,
                label=app.t("visit_report_note_label"),
                multiline=True,
                min_lines=1,
                max_lines=5,
                disabled=not editable,
                data=f"note:{question.id}",
            )
        )
    elif editable:
        lines.append(
            ft.TextButton(
                content=app.t("visit_add_note"),
                icon=ft.Icons.NOTE_ADD_OUTLINED,
                on_click=lambda: set_note_open(True),
                data=f"add-note:{question.id}",
            )
        )
    return ft.Container(
        content=ft.Column(lines, spacing=Space.XS, tight=True),
        padding=ft.Padding.only(bottom=Space.M),
        border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)),
    )
