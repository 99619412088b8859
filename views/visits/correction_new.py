"""Propose a correction to a plant, mine or supplier record: which field is wrong, its value now beside the
correct one, a note, photos and the device's location. Works offline: every change of the form is kept on the
device (a killed app loses nothing) and the proposal, once saved, waits in the outbox for the next sync."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import flet as ft

from models.corrections import FIELDS, CorrectedField, TargetKind
from models.enums import Status
from models.photos import PhotoRef
from models.visits import VisitLocation
from sync import clock
from sync.errors import PhotoRefused, ZanjirehError
from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.context import use_services
from views.shell.facts import caption, empty_line, fact, section
from views.shell.theme import Space, Tone, Type
from views.shell.typing_field import TypingField
from views.visits.context import use_visits
from views.visits.correction_messages import MESSAGES as CORRECTION_MESSAGES
from views.visits.correction_words import (
    PARTS,
    current_value,
    form_parts,
    parse_value,
    target,
    target_name,
    target_path,
    value_words,
)
from views.visits.device_location import NoPosition, device_position
from views.visits.photos import THUMB

#: Pause in typing after which the form is kept on the device.
KEEP_AFTER_SECONDS = 0.6


def _kind(text: str) -> TargetKind | None:
    try:
        return TargetKind(text)
    except ValueError:
        return None


@ft.component
def ProposeCorrectionView() -> ft.Control:
    state = use_visits()
    services = use_services()
    app = state.app
    lang = app.lang
    query = paths.use_query()
    kind = _kind(query.get("kind", ""))
    record_id = query.get("id", "")
    record = target(app, kind, record_id) if kind is not None else None
    fields = FIELDS[kind] if kind is not None else ()
    kept = state.work.correction_draft(kind, record_id) if kind is not None else None
    form, set_form = ft.use_state(lambda: kept or {"field": fields[0].value if fields else ""})
    problem, set_problem = ft.use_state("")
    locating, set_locating = ft.use_state(False)

    back = icon_button(
        ft.Icons.ARROW_BACK,
        app.t("correction_back"),
        on_click=lambda: paths.go(target_path(kind, record_id) if kind is not None else paths.CORRECTIONS),
        data="back",
    )
    title = ft.Row(
        [back, ft.Text(app.t("correction_new_title"), style=Type.TITLE, color=Tone.TEXT, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    if kind is None or record is None or not app.signed_in:
        words = app.t("corrections_sign_in") if record is not None else app.t("correction_no_record", id=record_id)
        return ft.ListView([title, empty_line(words)], padding=Space.L, spacing=Space.M, expand=True)

    field = CorrectedField(form.get("field") or fields[0].value)
    now = current_value(record, field)
    typed: dict[str, str] = dict(form.get("parts") or {}) or form_parts(field, now, lang)

    def change(**changes: Any) -> None:
        """The form with ``changes``, drawn and kept on the device at once."""
        updated = {**form, **changes}
        set_form(updated)
        set_problem("")
        state.work.keep_correction_draft(kind, record_id, updated)

    def choose_field(value: str | None) -> None:
        if value and value != field.value:
            change(field=value, parts={})

    def type_part(name: str, text: str) -> None:
        change(parts={**typed, name: text})

    async def add_photos() -> None:
        files = await services.file_picker.pick_files(
            dialog_title=app.t("correction_add_photos"),
            file_type=ft.FilePickerFileType.IMAGE,
            allow_multiple=True,
            with_data=True,
        )
        refs = list(form.get("photos") or [])
        for picked in files or []:
            data = picked.bytes
            if data is None and picked.path:  # a desktop dialog may hand the path only
                data = await asyncio.to_thread(Path(picked.path).read_bytes)
            if not data:
                continue
            try:
                ref = await asyncio.to_thread(state.work.keep_photo, bytes(data))
            except PhotoRefused as error:
                app.report(PhotoRefused(f"{picked.name}: {error.detail}", reason=error.code, file=picked.name))
                continue
            if all(r["sha256"] != ref.sha256 for r in refs):
                refs.append(ref.model_dump(mode="json"))
        change(photos=refs)

    def remove_photo(sha256: str) -> None:
        change(photos=[r for r in form.get("photos") or [] if r["sha256"] != sha256])

    async def add_location() -> None:
        set_locating(True)
        try:
            position = await device_position(services.geolocator)
        except NoPosition as refused:
            change(location=None, location_problem=refused.key)
            return
        finally:
            set_locating(False)
        at = clock.now().isoformat()
        where = {"lat": position.lat, "lon": position.lon, "accuracy_m": position.accuracy_m, "at": at}
        change(location=where | {"source": "device"}, location_problem=None)

    def send() -> None:
        try:
            value = parse_value(
                field, typed if field not in (CorrectedField.STATUS,) else {"value": typed.get("value")}
            )
        except ValueError as error:
            words = str(error)
            set_problem(app.t("correction_bad_value", problem=words) if words else app.t("correction_bad_value_empty"))
            return
        if value == now:
            set_problem(app.t("correction_same_value"))
            return
        where = form.get("location")
        try:
            state.work.propose_correction(
                kind, record_id, field.value, value,
                note=(form.get("note") or "").strip() or None,
                kept=[PhotoRef.model_validate(r) for r in form.get("photos") or []],
                location=VisitLocation.model_validate(where) if where else None,
            )  # fmt: skip
        except ZanjirehError as error:
            app.report(error)
            return
        state.work.keep_correction_draft(kind, record_id, None)
        state.data_version += 1
        app.tell("correction_saved")
        paths.go(target_path(kind, record_id))

    kinds = ft.RadioGroup(
        value=field.value,
        on_change=lambda e: choose_field(e.control.value),
        content=ft.Column(
            [
                ft.Radio(value=f.value, label=app.t(f"correction_field_{f.value}"), data=f"correction-field:{f.value}")
                for f in fields
            ],
            spacing=0,
            tight=True,
        ),
        data="correction-fields",
    )
    value_lines: list[ft.Control] = [fact(app.t("correction_now"), value_words(app, field, now))]
    value_lines += _value_inputs(app, field, typed, type_part)
    if problem:
        value_lines.append(ft.Text(problem, style=Type.BODY, color=Tone.ERROR, data="correction-problem"))

    photos = list(form.get("photos") or [])
    photo_tiles: list[ft.Control] = []
    for ref in photos:
        thumb = state.work.thumbnail(ref["sha256"])
        picture: ft.Control = (
            ft.Image(src=thumb, width=THUMB, height=THUMB, fit=ft.BoxFit.COVER, border_radius=6)
            if thumb
            else ft.Container(ft.Icon(ft.Icons.IMAGE_OUTLINED, color=Tone.MUTED), width=THUMB, height=THUMB)
        )
        photo_tiles.append(
            ft.Stack(
                [
                    picture,
                    ft.Container(
                        icon_button(
                            ft.Icons.CLOSE,
                            app.t("correction_remove_photo"),
                            on_click=lambda _e, sha=ref["sha256"]: remove_photo(sha),
                            icon_size=16,
                            data=f"correction-remove-photo:{ref['sha256'][:12]}",
                        ),
                        bgcolor=Tone.CARD_HIGH,
                        border_radius=16,
                        right=0,
                        top=0,
                    ),
                ],
                width=THUMB,
                height=THUMB,
                data=f"correction-photo:{ref['sha256'][:12]}",
            )
        )
    where = form.get("location")
    if where:
        accuracy = (
            app.t("visit_location_accuracy", metres=i18n.number(where["accuracy_m"], lang))
            if where.get("accuracy_m") is not None
            else app.t("visit_location_device")
        )
        coordinates = i18n.digits(f"{where['lat']:.5f}", lang), i18n.digits(f"{where['lon']:.5f}", lang)
        where_words = app.t("correction_where_at", lat=coordinates[0], lon=coordinates[1], accuracy=accuracy)
    else:
        where_words = app.t("correction_where_none")
    where_lines: list[ft.Control] = [
        ft.Text(where_words, style=Type.BODY, color=Tone.TEXT if where else Tone.MUTED, data="correction-where"),
        ft.OutlinedButton(
            content=app.t("correction_where_add"),
            icon=ft.Icons.MY_LOCATION,
            on_click=add_location,
            disabled=locating,
            data="correction-locate",
        ),
    ]
    if form.get("location_problem"):
        # The visit's words point to its map and typed form; this screen has neither, so it says its own.
        problem = str(form["location_problem"]).replace("visit_location_", "correction_location_", 1)
        where_lines.append(
            ft.Text(
                app.t(problem if problem in CORRECTION_MESSAGES else "correction_location_failed"),
                style=Type.CAPTION,
                color=Tone.ERROR,
                data="correction-location-problem",
            )
        )

    return ft.ListView(
        [
            title,
            ft.Text(
                f"{app.t(f'correction_kind_{kind.value}')}: {target_name(app, kind, record_id)}",
                style=Type.SECTION,
                color=Tone.PRIMARY,
                data="correction-target",
            ),
            section(app.t("correction_field"), [kinds], data="correction-field-section"),
            section(app.t("correction_proposed_value"), value_lines, data="correction-value"),
            section(
                app.t("correction_note"),
                [
                    TypingField(
                        form.get("note") or "",
                        lambda text: change(note=text),
                        debounce=KEEP_AFTER_SECONDS,
                        multiline=True,
                        min_lines=2,
                        max_lines=6,
                        max_length=4000,
                        data="correction-note",
                    )
                ],
            ),
            section(
                app.t("correction_photos"),
                [
                    ft.Row(photo_tiles, wrap=True, spacing=Space.S, run_spacing=Space.S),
                    ft.OutlinedButton(
                        content=app.t("correction_add_photos"),
                        icon=ft.Icons.ADD_A_PHOTO_OUTLINED,
                        on_click=add_photos,
                        data="correction-add-photos",
                    ),
                ],
                data="correction-photos",
            ),
            section(app.t("correction_where"), where_lines, data="correction-location"),
            ft.FilledButton(
                content=app.t("correction_send"), icon=ft.Icons.SEND, on_click=send, data="correction-send"
            ),
            caption(app.t("correction_draft_kept")),
            caption(app.t("corrections_offline_note")),
        ],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="correction-new",
    )


def _value_inputs(app: Any, field: CorrectedField, typed: dict[str, str], type_part: Any) -> list[ft.Control]:
    """The inputs of the correct value: coordinates, an owner's two names, a status, or one text."""
    if field is CorrectedField.STATUS:
        return [
            ft.Dropdown(
                label=app.t("correction_proposed_value"),
                value=typed.get("value"),
                options=[ft.DropdownOption(key=s.value, text=app.t(f"status_{s.value}")) for s in Status],
                on_select=lambda e: type_part("value", e.control.value or ""),
                data="correction-status",
            )
        ]
    names = PARTS.get(field, ("value",))
    labels = {
        "lat": "correction_lat",
        "lon": "correction_lon",
        "name": "correction_owner_en",
        "name_fa": "correction_owner_fa",
        "value": "correction_proposed_value",
    }
    latin = {"lat", "lon", "name"} | (
        {"value"}
        if field
        in (
            CorrectedField.PHONE,
            CorrectedField.EMAIL,
            CorrectedField.WEBSITE,
            CorrectedField.NAME_EN,
            CorrectedField.WORKFORCE,
        )
        else set()
    )
    keyboard = {
        CorrectedField.PHONE: ft.KeyboardType.PHONE,
        CorrectedField.EMAIL: ft.KeyboardType.EMAIL,
        CorrectedField.WEBSITE: ft.KeyboardType.URL,
        CorrectedField.WORKFORCE: ft.KeyboardType.NUMBER,
        CorrectedField.LOCATION: ft.KeyboardType.NUMBER,
    }.get(field, ft.KeyboardType.TEXT)
    return [
        TypingField(
            typed.get(name, ""),
            lambda text, name=name: type_part(name, text),
            debounce=KEEP_AFTER_SECONDS,
            label=app.t(labels[name]),
            rtl=False if name in latin else None,
            keyboard_type=keyboard,
            data=f"correction-value:{name}",
        )
        for name in names
    ]
