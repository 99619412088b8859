"""A drop-down field whose arrow has a name a screen reader says, and whose open menu leaves the field in sight.

Flutter's drop-down menu draws its arrow as a button with no name, and a long menu over a field near the
bottom of a screen (or above a phone's keyboard) covers the text being typed into it.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from views.shell import i18n
from views.shell.i18n import Lang

#: Rows of a menu shown at once (~48 px each): a menu this tall fits under a field in most of a phone's screen.
MENU_HEIGHT = 5 * 48
#: The drop-down's arrow button pads its icon by 9 px a side: a 30 px box makes it 48.
ARROW_BOX = 30


def labelled_dropdown(lang: Lang, **props: Any) -> ft.Control:
    """A searchable drop-down (type to narrow the choices) with named open/close arrows; one that is not typed
    into (``editable=False``) is named by its label and choice."""
    props.setdefault("enable_filter", True)
    props.setdefault("editable", True)
    props.setdefault("dense", True)
    props.setdefault("menu_height", MENU_HEIGHT)
    dropdown = ft.Dropdown(
        trailing_icon=_arrow(ft.Icons.ARROW_DROP_DOWN, i18n.t("menu_open", lang)),
        selected_trailing_icon=_arrow(ft.Icons.ARROW_DROP_UP, i18n.t("menu_close", lang)),
        **props,
    )
    if props["editable"]:  # its field is an input that the label names
        return dropdown
    # Not typed into, Flutter (flet 1.0.5) makes the field one button with no name: the label in the field is
    # drawn, not said. A label on the same semantics node names it (the button is no boundary of its own).
    return ft.Semantics(label=_name(props), content=dropdown)


def _name(props: dict[str, Any]) -> str:
    """The field's label and its choice, as the field shows them: «Process: DRI»."""
    label = props.get("label")
    label = label if isinstance(label, str) else ""
    chosen = next((o.text or o.key for o in props.get("options", []) if o.key == props.get("value")), None)
    return f"{label}: {chosen}" if label and chosen else label or (chosen or "")


def _arrow(icon: ft.IconData, label: str) -> ft.Control:
    """The arrow, named, in a box that makes the button around it a finger's size."""
    return ft.Container(ft.Icon(icon, semantics_label=label), width=ARROW_BOX, height=ARROW_BOX)
