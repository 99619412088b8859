"""Owners and parent companies with their shares and GEM entity ids, in both languages where known."""

from __future__ import annotations

from collections.abc import Sequence

import flet as ft

from models.atlas import OwnerShare
from views.shell import i18n, labels
from views.shell.facts import caption, empty_line
from views.shell.i18n import Lang
from views.shell.theme import Space, Tone, Type


def _owner(owner: OwnerShare, lang: Lang) -> ft.Control:
    name = labels.owner_name(owner, lang)
    lines: list[ft.Control] = [ft.Text(name, style=Type.BODY_STRONG, color=Tone.TEXT)]
    other = owner.name if lang == "fa" else owner.name_fa  # names in both languages, the reader's first
    if other and other != name:
        lines.append(caption(other, ltr=lang == "fa"))
    details = [i18n.t("owner_share", lang, share=labels.share_text(owner.share_pct, lang))]
    if owner.gem_id:
        details.append(i18n.t("gem_id", lang, id=owner.gem_id))
    lines.append(caption(" · ".join(details)))
    if owner.source_name or owner.source_gem_id:
        # The names table renamed or merged this owner: say how GEM writes it, so figures can be traced.
        as_in_gem = i18n.ltr(", ".join(x for x in (owner.source_name or owner.name, owner.source_gem_id) if x))
        lines.append(caption(i18n.t("owner_in_gem", lang, name=as_in_gem)))
    return ft.Column(lines, spacing=0, tight=True)


def owners_block(owners: Sequence[OwnerShare], parents: Sequence[OwnerShare], lang: Lang) -> list[ft.Control]:
    controls: list[ft.Control] = []
    for title_key, people in (("owners", owners), ("parents", parents)):
        controls.append(ft.Text(i18n.t(title_key, lang), style=Type.LABEL, color=Tone.MUTED))
        if people:
            controls += [_owner(o, lang) for o in people]
        else:
            controls.append(empty_line(i18n.t("not_given", lang)))
    return [ft.Column(controls, spacing=Space.S, tight=True, data="owners")]
