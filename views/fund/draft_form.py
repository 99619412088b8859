"""An application drafted on the device: every field autosaved as it is left, "last saved" shown, the call's
documents with their limits before a file is picked, what still stops sealing, then seal and submit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from models.fund_applications import BudgetKind, CoApplicantKind, new_item_id
from models.fund_programmes import FormQuestion, QuestionKind
from models.fund_words import digits, reason_text
from sync.fund_drafts import Draft
from views.fund.context import use_fund
from views.fund.documents import document_limit, file_row, refusal_line
from views.fund.state import FundState
from views.fund.words import money, stamp, when
from views.shell import i18n, labels, paths
from views.shell.buttons import icon_button
from views.shell.context import use_services
from views.shell.directory_labels import quantity_words, spend_words
from views.shell.facts import caption, section
from views.shell.session import SessionState
from views.shell.theme import Space, Tone, Type

#: The file names a picker offers for each type (the file is then judged by its bytes, not by its name).
EXTENSIONS_OF = {
    "application/pdf": ("pdf",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/webp": ("webp",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/zip": ("zip",),
}


def _int(text: str) -> int | None:
    cleaned = text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٬", "0123456789,")).replace(",", "").strip()
    return int(cleaned) if cleaned.isdigit() else None


@ft.component
def DraftFormView() -> ft.Control:
    state = use_fund()
    app = state.app
    lang = app.lang
    services = use_services()
    draft_id = paths.use_path_id(f"{paths.FUND}/draft/")
    problems, set_problems = ft.use_state({})
    draft = state.draft(draft_id)
    if draft is None:
        return ft.Container(
            ft.Column([caption(app.t("fund_no_applications")), _back(state)], tight=True), padding=Space.XL
        )
    call = state.client.call(draft.content.call_id)
    locked = state.read_only(draft)
    content = draft.content

    def save(name: str, value: Any) -> None:
        problem = state.change(draft.id, {name: value})
        set_problems({**{k: v for k, v in problems.items() if k != name}, **({name: problem} if problem else {})})

    def text(name: str, label: str, *, number: bool = False, multiline: bool = False) -> list[ft.Control]:
        value = getattr(content, name)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        shown = "" if value is None else digits(str(value), lang) if number else str(value)

        def on_blur(e: ft.ControlEvent) -> None:
            raw = e.control.value or ""
            save(name, _int(raw) if number else raw)

        out: list[ft.Control] = [
            ft.TextField(
                value=shown,
                label=app.t(label),
                on_blur=on_blur,
                on_submit=on_blur,
                read_only=locked is not None,
                multiline=multiline,
                min_lines=2 if multiline else None,
                keyboard_type=ft.KeyboardType.NUMBER if number else None,
                data=f"fund-draft-{name}",
                dense=True,
            )
        ]
        if problems.get(name):
            out.append(ft.Text(problems[name], style=Type.CAPTION, color=Tone.ERROR))
        return out

    def lines_of(name: str) -> list[dict[str, Any]]:
        return [item.model_dump(mode="json") for item in getattr(content, name)]

    def set_item(name: str, index: int, key: str, value: Any) -> None:
        items = lines_of(name)
        items[index][key] = value
        save(name, items)

    def add_item(name: str, item: dict[str, Any]) -> None:
        save(name, [*lines_of(name), item])

    def remove_item(name: str, index: int) -> None:
        items = lines_of(name)
        del items[index]
        save(name, items)

    def cell(name: str, index: int, key: str, value: Any, label: str, *, number: bool = False,
             width: int | None = None) -> ft.Control:  # fmt: skip
        def on_blur(e: ft.ControlEvent) -> None:
            raw = e.control.value or ""
            set_item(name, index, key, (_int(raw) or 0) if number else raw)

        return ft.TextField(
            value=digits(str(value), lang) if number else str(value), label=app.t(label), on_blur=on_blur,
            read_only=locked is not None, dense=True, width=width, expand=width is None,
            keyboard_type=ft.KeyboardType.NUMBER if number else None, data=f"fund-{name}-{index}-{key}",
        )  # fmt: skip

    budget: list[ft.Control] = []
    for i, line in enumerate(content.budget):
        budget.append(
            ft.Row(
                [
                    ft.Dropdown(
                        value=line.kind.value, dense=True, width=130, disabled=locked is not None,
                        options=[ft.DropdownOption(key=k.value, text=k.value) for k in BudgetKind],
                        on_select=lambda e, i=i: set_item("budget", i, "kind", e.control.value),
                    ),
                    cell("budget", i, "amount_irr", line.amount_irr, "fund_budget_amount", number=True),
                    icon_button(ft.Icons.DELETE_OUTLINE, app.t("fund_remove"),
                                on_click=lambda _e, i=i: remove_item("budget", i)),
                ],
                spacing=Space.S,
            )
        )  # fmt: skip
    budget.append(caption(app.t("fund_budget_total", amount=money(content.budget_total_irr, lang))))
    if locked is None:
        budget.append(
            ft.TextButton(content=app.t("fund_budget_add"), icon=ft.Icons.ADD, data="fund-budget-add",
                          on_click=lambda: add_item("budget", {"id": new_item_id(), "kind": "equipment",
                                                               "amount_irr": 0}))
        )  # fmt: skip

    milestones: list[ft.Control] = []
    for i, m in enumerate(content.milestones):
        milestones.append(cell("milestones", i, "title", m.title, "fund_milestone_title"))
        milestones.append(cell("milestones", i, "deliverable", m.deliverable, "fund_milestone_deliverable"))
        milestones.append(
            ft.Row(
                [
                    cell("milestones", i, "month", m.month, "fund_milestone_month", number=True, width=80),
                    cell("milestones", i, "tranche_irr", m.tranche_irr, "fund_milestone_tranche", number=True),
                    icon_button(ft.Icons.DELETE_OUTLINE, app.t("fund_remove"),
                                on_click=lambda _e, i=i: remove_item("milestones", i)),
                ],
                spacing=Space.S,
            )
        )  # fmt: skip
    milestones.append(caption(app.t("fund_tranches_total", amount=money(content.tranches_total_irr, lang))))
    if locked is None:
        milestones.append(
            ft.TextButton(content=app.t("fund_milestone_add"), icon=ft.Icons.ADD, data="fund-milestone-add",
                          on_click=lambda: add_item("milestones", {"id": new_item_id(), "title": "", "month": 6,
                                                                   "tranche_irr": 0}))
        )  # fmt: skip

    partners: list[ft.Control] = []
    for i, c in enumerate(content.co_applicants):
        partners.append(
            ft.Row(
                [
                    ft.Dropdown(
                        value=c.kind.value, dense=True, width=150, disabled=locked is not None,
                        options=[ft.DropdownOption(key=k.value, text=app.t(f"fund_partner_{k.value}"))
                                 for k in CoApplicantKind],
                        on_select=lambda e, i=i: set_item("co_applicants", i, "kind", e.control.value),
                    ),
                    cell("co_applicants", i, "name_fa", c.name_fa, "fund_partner_name"),
                    icon_button(ft.Icons.DELETE_OUTLINE, app.t("fund_remove"),
                                on_click=lambda _e, i=i: remove_item("co_applicants", i)),
                ],
                spacing=Space.S,
            )
        )  # fmt: skip
        partners.append(cell("co_applicants", i, "role", c.role, "fund_partner_role"))
    if locked is None:
        partners.append(
            ft.TextButton(content=app.t("fund_partner_add"), icon=ft.Icons.ADD, data="fund-partner-add",
                          on_click=lambda: add_item("co_applicants", {"id": new_item_id(), "kind": "university"}))
        )  # fmt: skip

    needs: list[ft.Control] = []
    for n in content.needs:
        plant = app.asset(n.plant_id)
        # quantity_words and spend_words read a need's quantity, unit and FX spend, which its copy keeps alike
        needs.append(
            caption(
                app.t("fund_need_line", item=n.item_fa if lang == "fa" else (n.item_en or n.item_fa),
                      plant=labels.display_name(plant, lang) if plant else n.plant_id,
                      oem=i18n.ltr(n.oem or ""), part=i18n.ltr(n.part_number or ""),
                      qty=quantity_words(n, lang), fx=spend_words(n, lang)),  # type: ignore[arg-type]
                data=f"fund-need-{n.need_id}",
            )
        )  # fmt: skip

    questions: list[ft.Control] = []
    for q in call.form_questions if call else ():
        questions.extend(_question(state, draft, q, locked is not None))

    documents: list[ft.Control] = []
    for doc in call.required_documents if call else ():
        documents.append(ft.Text(document_limit(app, doc), style=Type.BODY, color=Tone.TEXT,
                                 data=f"fund-document-limit-{doc.code}"))  # fmt: skip
        for a in (a for a in content.attachments if a.document == doc.code):
            remove = None if locked is not None else (lambda s=a.sha256: state.detach(draft.id, s))
            documents.append(file_row(state, a, doc, remove))
        refused = refusal_line(state, doc.code)
        if refused is not None and locked is None:
            documents.append(refused)
        if locked is None:
            extensions = [x for t in doc.mime_types for x in EXTENSIONS_OF.get(t, (t.split("/")[-1],))]
            documents.append(
                ft.OutlinedButton(content=app.t("fund_attach"), icon=ft.Icons.UPLOAD_FILE,
                                  on_click=_picker(state, services, draft, doc.code, extensions),
                                  data=f"fund-attach-{doc.code}")
            )  # fmt: skip
    documents.append(caption(app.t("fund_upload_waits")))

    foot: list[ft.Control] = []
    if locked is None:
        found = state.problems(draft)
        if found:
            foot.append(ft.Text(app.t("fund_problems"), style=Type.BODY_STRONG, color=Tone.ERROR))
            for p in found:
                where = _field_words(app, p["field"])
                foot.append(ft.Text("• " + where + reason_text(p["code"], p["params"], lang), style=Type.BODY,
                                    color=Tone.TEXT, data=f"fund-problem-{p['code']}"))  # fmt: skip
        foot.append(
            ft.FilledButton(content=app.t("fund_submit"), icon=ft.Icons.VERIFIED, disabled=bool(found),
                            on_click=lambda: state.submit(draft.id), data="fund-submit")
        )  # fmt: skip
        foot.append(caption(app.t("fund_submit_hint")))
        foot.append(
            ft.TextButton(content=app.t("fund_discard"), icon=ft.Icons.DELETE_OUTLINE, data="fund-discard",
                          on_click=lambda: (state.discard(draft.id), paths.go(f"{paths.FUND}?tab=mine")))
        )  # fmt: skip
    else:
        key = "fund_waiting" if draft.sealed else "fund_read_only_closed"
        foot.append(ft.Text(app.t(key), style=Type.BODY_STRONG, color=Tone.PRIMARY, data=f"fund-locked-{locked}"))
        if draft.seal is not None:
            foot.append(caption(f"SHA-256 {draft.seal.sha256[:16]}… — {when(draft.seal.sealed_at, lang)}", ltr=True))

    title = (call.title_fa if lang == "fa" else call.title_en) if call else content.call_id
    return ft.ListView(
        [
            ft.Row([_back(state), ft.Text(app.t("fund_draft_title"), style=Type.TITLE, color=Tone.TEXT, expand=True)]),
            caption(title),
            ft.Text(app.t("fund_last_saved", time=stamp(draft.saved_at, lang)),
                    style=Type.CAPTION, color=Tone.MUTED, data="fund-last-saved"),
            section(app.t("fund_section_needs"), needs or [caption("—")]),
            section(app.t("fund_section_project"), [
                *text("title_fa", "fund_field_title_fa"), *text("title_en", "fund_field_title_en"),
                *text("summary", "fund_field_summary", multiline=True),
                *text("trl_now", "fund_field_trl_now", number=True),
                *text("trl_target", "fund_field_trl_target", number=True),
                *text("fx_saving_planned_eur", "fund_field_fx", number=True),
            ]),
            section(app.t("fund_section_money"), [
                *text("requested_irr", "fund_field_requested", number=True),
                caption(money(content.requested_irr, lang)),
                *text("own_contribution_irr", "fund_field_own", number=True),
                *text("term_months", "fund_field_term", number=True),
                *text("grace_months", "fund_field_grace", number=True),
            ]),
            section(app.t("fund_section_budget"), budget),
            section(app.t("fund_section_milestones"), milestones),
            *([section(app.t("fund_section_questions"), questions)] if questions else []),
            section(app.t("fund_section_documents"), documents),
            section(app.t("fund_section_partners"), partners or [caption("—")]),
            section(app.t("fund_section_contact"), [
                *text("contact_name", "fund_field_contact_name"), *text("contact_phone", "fund_field_contact_phone"),
            ]),
            *foot,
        ],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="fund-draft",
    )  # fmt: skip


def _back(state: FundState) -> ft.Control:
    return icon_button(ft.Icons.ARROW_BACK, state.app.t("fund_back"), data="back",
                       on_click=lambda: paths.go(f"{paths.FUND}?tab=mine"))  # fmt: skip


def _picker(state: FundState, services: Any, draft: Draft, document: str, extensions: list[str]) -> Callable[[], Any]:
    """Pick one file and attach it (the bytes are read on the device; a browser hands them over in memory)."""

    async def pick() -> None:
        files = await services.file_picker.pick_files(
            file_type=ft.FilePickerFileType.CUSTOM, allowed_extensions=extensions, with_data=True
        )
        for f in files or []:
            data = getattr(f, "bytes", None)
            if data is None and getattr(f, "path", None):
                with open(f.path, "rb") as handle:
                    data = handle.read()
            if data is None:
                continue
            state.attach(draft.id, document, f.name, data)

    return pick


def _question(state: FundState, draft: Draft, question: FormQuestion, locked: bool) -> list[ft.Control]:
    """One of the call's own questions, its answer saved in ``answers`` when the field is left."""
    app = state.app
    lang = app.lang
    label = (question.label_fa if lang == "fa" else question.label_en) + (" *" if question.required else "")
    current = draft.content.answers.get(question.code)

    def save(value: object) -> None:
        answers = dict(draft.content.answers)
        if value in (None, ""):
            answers.pop(question.code, None)
        else:
            answers[question.code] = value  # type: ignore[assignment]
        state.change(draft.id, {"answers": answers})

    data = f"fund-question-{question.code}"
    if question.kind is QuestionKind.YES_NO:
        return [ft.Switch(label=label, value=bool(current), disabled=locked, data=data,
                          on_change=lambda e: save(bool(e.control.value)))]  # fmt: skip
    if question.kind is QuestionKind.CHOICE:
        options = [ft.DropdownOption(key=c.code, text=c.label_fa if lang == "fa" else c.label_en)
                   for c in question.choices]  # fmt: skip
        chosen = current if isinstance(current, str) else None
        return [ft.Dropdown(label=label, value=chosen, options=options, disabled=locked, dense=True, data=data,
                            on_select=lambda e: save(e.control.value))]  # fmt: skip
    number = question.kind is QuestionKind.NUMBER

    def on_blur(e: ft.ControlEvent) -> None:
        raw = (e.control.value or "").strip()
        save(_int(raw) if number else raw)

    shown = "" if current is None else digits(str(current), lang) if number else str(current)
    return [
        ft.TextField(
            label=label, value=shown, read_only=locked, dense=True, data=data, on_blur=on_blur,
            multiline=question.kind is QuestionKind.LONG_TEXT, max_length=question.max_length,
            keyboard_type=ft.KeyboardType.NUMBER if number else None,
        )
    ]  # fmt: skip


FIELD_KEYS = {
    "title_fa": "fund_field_title_fa",
    "title_en": "fund_field_title_en",
    "summary": "fund_field_summary",
    "requested_irr": "fund_field_requested",
    "term_months": "fund_field_term",
    "grace_months": "fund_field_grace",
    "trl_now": "fund_field_trl_now",
    "trl_target": "fund_field_trl_target",
    "contact_name": "fund_field_contact_name",
    "contact_phone": "fund_field_contact_phone",
    "budget": "fund_section_budget",
    "milestones": "fund_section_milestones",
    "needs": "fund_section_needs",
    "attachments": "fund_section_documents",
    "answers": "fund_section_questions",
    "co_applicants": "fund_section_partners",
}


def _field_words(app: SessionState, field: str) -> str:
    """Which field a problem concerns, in words (``milestones.0.deliverable`` → the milestones' section)."""
    key = FIELD_KEYS.get(field) or FIELD_KEYS.get(field.split(".", 1)[0])
    return f"{app.t(key)}: " if key else ""
