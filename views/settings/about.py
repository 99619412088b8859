"""About: the app's version and every attribution its data and assets require."""

from __future__ import annotations

import importlib.metadata

import flet as ft

from views.shell import i18n
from views.shell.context import use_app
from views.shell.facts import caption, fact, section
from views.shell.loading import loading
from views.shell.session import SessionState
from views.shell.source_line import source_line
from views.shell.theme import Space, Tone, Type

#: Attributions that do not depend on what was imported: (title key, body key, link).
FIXED_CREDITS: tuple[tuple[str, str, str], ...] = (
    ("about_font_title", "about_font_body", "https://github.com/rastikerdar/vazirmatn"),
    ("about_map_title", "about_map_body", "https://github.com/simamojtahedi/react-iran-map"),
    ("about_iso_title", "about_iso_body", "https://www.iso.org/obp/ui/#iso:code:3166:IR"),
    ("about_pdf_title", "about_pdf_body", "https://github.com/py-pdf/fpdf2"),
)
#: The trackers the importer reads; a release not imported yet is still credited with its licence.
GEM_TRACKERS: tuple[tuple[str, str], ...] = (
    ("Global Iron and Steel Tracker", "https://globalenergymonitor.org/projects/global-iron-and-steel-tracker/"),
    ("Global Iron Ore Mines Tracker", "https://globalenergymonitor.org/projects/global-iron-ore-mines-tracker/"),
)


def app_version() -> str:
    try:
        return importlib.metadata.version("zanjireh")
    except importlib.metadata.PackageNotFoundError:  # a checkout, not an installed package
        import tomllib

        from sync.paths import project_root

        with open(project_root() / "pyproject.toml", "rb") as file:
            return str(tomllib.load(file)["project"]["version"])


def _real_and_demo(state: SessionState) -> ft.Control:
    """What is made up and what is not: the atlas (GEM's, real), the directory and the needs (counted on this
    device: the association's register, or the demo generator's)."""
    lang = state.lang
    if not state.directory_ready:
        return section(state.t("about_real_title"), [loading(state.t("directory_loading"))], data="about-demo")
    counts = state.directory.demo_counts()
    atlas_demo = any(s.is_demo for s in state.sources())
    lines: list[ft.Control] = [
        fact(state.t("about_atlas"), state.t("about_atlas_demo" if atlas_demo else "about_atlas_real")),
    ]
    for collection, key in (("suppliers", "about_suppliers"), ("needs", "about_needs")):
        demo, real = counts[collection]
        words = (
            state.t("about_counts", demo=i18n.number(demo, lang), real=i18n.number(real, lang))
            if demo or real
            else state.t("about_not_synced")
        )
        lines.append(fact(state.t(key), words))
    lines += [
        ft.Text(state.t("about_demo_suppliers"), style=Type.BODY, color=Tone.TEXT),
        ft.Text(state.t("about_demo_needs"), style=Type.BODY, color=Tone.TEXT),
        ft.Text(state.t("about_register"), style=Type.BODY, color=Tone.TEXT),
        caption(state.t("about_demo_marked")),
    ]
    return section(state.t("about_real_title"), lines, data="about-demo")


def _link(label: str, url: str) -> ft.Control:
    return ft.TextButton(content=label, icon=ft.Icons.OPEN_IN_NEW, url=url, tooltip=url)


@ft.component
def AboutView() -> ft.Control:
    state = use_app()
    lang = state.lang
    sources = {s.title: s for s in state.sources()}
    gem: list[ft.Control] = []
    for title, url in GEM_TRACKERS:
        source = sources.get(title)
        if source is not None:  # the same line as under every figure: attribution, licence, as-of
            gem.append(source_line(source, lang))
        else:
            gem.append(ft.Text(i18n.t("about_gem_not_loaded", lang, title=title), style=Type.BODY, color=Tone.TEXT))
        gem.append(_link(title, url))
    gem.append(_link("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"))
    credits = [
        section(
            state.t(title),
            [
                ft.Text(state.t(body), style=Type.BODY, color=Tone.TEXT),
                _link(url.split("//", 1)[1], url),
            ],
        )
        for title, body, url in FIXED_CREDITS
    ]
    return ft.ListView(
        [
            ft.Text(state.t("about_title"), style=Type.TITLE, color=Tone.TEXT),
            ft.Text(state.t("about_body"), style=Type.BODY, color=Tone.MUTED),
            caption(state.t("about_version", version=i18n.digits(app_version(), lang))),
            _real_and_demo(state),
            section(state.t("about_gem_title"), gem, data="about-gem"),
            *credits,
            caption(state.t("about_offline")),
        ],
        padding=Space.L,
        spacing=Space.L,
        expand=True,
        data="about",
    )
