"""The answers to a need: a supplier's "we can make this" with a note (its own, editable), the producer's reply
to each; each side sees and writes only what the rules give it (models/access.py)."""

from __future__ import annotations

import flet as ft

from models.needs import Answer, Need, ReplyState
from views.needs.context import use_needs
from views.needs.need_sections import answer_card
from views.needs.state import NeedsState
from views.shell.facts import caption, empty_line, section
from views.shell.theme import Space, Tone, Type
from views.shell.typing_field import TypingField

NOTE_MAX_CHARS = 4000  # the server refuses longer notes (models/needs.py)


@ft.component
def AnswerForm(need: Need, current: Answer | None) -> ft.Control:
    """A supplier's answer: "we can make this" and a note; kept on screen if it cannot be saved."""
    state = use_needs()
    app = state.app
    note = ft.use_ref(current.note or "" if current is not None else "")
    problem, set_problem = ft.use_state("")

    def on_note(text: str) -> None:
        note.current = text

    def on_send() -> None:
        text = (note.current or "").strip()
        if len(text) > NOTE_MAX_CHARS:
            set_problem(app.t("answer_note_too_long"))
            return
        if not state.answer(need, text):
            set_problem(app.t("answer_not_saved"))  # the note stays in the field: nothing typed is lost
            return
        set_problem("")

    lines: list[ft.Control] = [
        ft.Text(app.t("answer_form_title"), style=Type.BODY_STRONG, color=Tone.TEXT),
        TypingField(
            note.current,
            on_note,
            multiline=True,
            min_lines=2,
            max_lines=6,
            label=app.t("answer_note_label"),
            hint_text=app.t("answer_note_hint"),
            data="answer-note-field",
        ),
        ft.Row(
            [
                ft.FilledButton(
                    content=app.t("answer_send" if current is None else "answer_update"),
                    icon=ft.Icons.HANDSHAKE,
                    on_click=on_send,
                    data="answer-send",
                )
            ],
            wrap=True,
            spacing=Space.S,
        ),
    ]
    if problem:
        lines.append(ft.Text(problem, style=Type.CAPTION, color=Tone.ERROR, data="answer-problem"))
    return ft.Column(lines, spacing=Space.S, tight=True, data="answer-form")


def _reply_controls(state: NeedsState, need: Need, answer: Answer) -> list[ft.Control]:
    """The producer's reply buttons under an answer (only when this account may reply)."""
    if not state.may_reply(need, answer):
        return []
    app = state.app
    current = answer.reply.state if answer.reply is not None else None
    buttons = [
        ft.OutlinedButton(
            content=app.t(f"reply_{choice.value}"),
            on_click=lambda _e, c=choice: state.reply(need, answer, c),
            disabled=choice is current,
            data=f"reply:{answer.supplier_id}:{choice.value}",
        )
        for choice in ReplyState
    ]
    return [caption(app.t("answer_reply_how")), ft.Row(buttons, wrap=True, spacing=Space.S, run_spacing=Space.S)]


@ft.component
def AnswersSection(need: Need) -> ft.Control:
    state = use_needs()
    app = state.app
    answers = state.answers(need)
    own = state.own_answer(need)
    lines: list[ft.Control] = []
    if state.may_answer(need):
        lines.append(AnswerForm(need, own, key=f"answer-form-{need.id}"))
    for answer in answers:
        lines.append(answer_card(state, need, answer, _reply_controls(state, need, answer)))
    if not answers:
        lines.append(empty_line(app.t("answers_none")))
    lines.append(caption(app.t("answers_who_sees")))
    return section(app.t("needs_section_answers"), lines, data="need-answers")
