"""The web page the app is served in: flet's own, with the bundled font fetched from the start."""

from __future__ import annotations

from pathlib import Path

import flet_web

from views.shell.theme import FONTS

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "assets" / "index.html"
FLETS = Path(flet_web.__file__).parent / "web" / "index.html"


def _preload_lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if 'rel="preload"' in line]


def test_the_web_page_preloads_the_font_the_theme_names() -> None:
    preloads = _preload_lines(OURS.read_text(encoding="utf-8"))
    for path in FONTS.values():
        assert any(f'href="{path}"' in line and "crossorigin" in line for line in preloads), path
        assert (ROOT / "assets" / path).is_file()


def test_the_web_page_is_flets_own_but_for_the_preload_and_its_comment() -> None:
    """A flet upgrade that changes its page must be carried into ours (copy flet_web/web/index.html, add the
    preload back): an old page served with a new renderer would break the web app."""
    ours = OURS.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(ours) if "<!-- Zanjireh:" in line)
    end = next(i for i, line in enumerate(ours) if 'rel="preload"' in line)
    kept = ours[: start - 1] + ours[end + 1 :]  # the blank line before the comment goes with it
    assert kept == FLETS.read_text(encoding="utf-8").splitlines()
