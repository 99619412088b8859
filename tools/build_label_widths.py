"""Write views/map/label_widths.py: Vazirmatn's advance widths, which the map uses to keep province names apart.

Run from the repository root after the font changes::

    .venv/bin/python -m tools.build_label_widths

The app places the map's names on the server side, where no text is laid out: it needs each name's width
before the client draws it. HarfBuzz (``uharfbuzz``, a desktop-only dependency) is what measures here; the
app itself only adds up this table. A Persian letter has up to four shapes (alone, first, middle, last in a
word) of very different widths («ب» alone is three times as wide as in the middle of a word), so each letter
keeps the four; every width is the wider of the two weights the map draws names in (500, and 700 for the
chosen province).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import uharfbuzz as hb

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "assets" / "fonts" / "Vazirmatn-Variable.ttf"
OUT = ROOT / "views" / "map" / "label_widths.py"
WEIGHTS = (500, 700)
ZWJ = "\u200d"
#: Persian letters (and the Arabic forms a name may still carry), and the letters that join only to the one before.
PERSIAN = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگی"
RIGHT_JOINING = "آأؤإادذرزژوة"
LATIN = "".join(chr(c) for c in range(0x20, 0x7F))
PERSIAN_MARKS = "،؛٫٬۰۱۲۳۴۵۶۷۸۹«»\u200c"


def _advances(font: hb.Font, text: str) -> list[tuple[int, int]]:
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    return [(info.cluster, pos.x_advance) for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)]


def _width(font: hb.Font, upem: int, context: str, index: int) -> float:
    """The widest advance, over the weights, of the character at ``index`` of ``context`` (in ems)."""
    widest = 0
    for weight in WEIGHTS:
        font.set_variations({"wght": weight})
        widest = max(widest, sum(a for cluster, a in _advances(font, context) if cluster == index))
    return round(widest / upem + 0.0005, 3)  # rounded up to a thousandth of an em: never narrower than measured


def build() -> str:
    face = hb.Face(FONT.read_bytes())
    font, upem = hb.Font(face), face.upem
    simple = {c: _width(font, upem, c, 0) for c in LATIN + PERSIAN_MARKS}
    forms = {}
    for c in PERSIAN:
        alone = _width(font, upem, c, 0)
        last = _width(font, upem, ZWJ + c, 1)
        if c in RIGHT_JOINING:
            forms[c] = (alone, alone, last, last)
        else:
            forms[c] = (alone, _width(font, upem, c + ZWJ, 0), _width(font, upem, ZWJ + c + ZWJ, 1), last)
    return "\n".join(
        [
            '"""Advance widths of Vazirmatn (in ems), for the map\'s names: written by tools/build_label_widths.py."""',
            "",
            "# fmt: off",
            "SIMPLE: dict[str, float] = {",
            *_wrapped(f"{c!r}: {w!r}," for c, w in simple.items()),
            "}",
            "#: A Persian letter's widths alone, first, in the middle and last in a word.",
            "FORMS: dict[str, tuple[float, float, float, float]] = {",
            *_wrapped(f"{c!r}: {w!r}," for c, w in forms.items()),
            "}",
            f"RIGHT_JOINING = {RIGHT_JOINING!r}",
            "# fmt: on",
            "",
        ]
    )


def _wrapped(items: Iterable[str], width: int = 116) -> list[str]:
    lines, line = [], ""
    for item in items:
        if line and len(line) + 1 + len(item) > width:
            lines.append("    " + line)
            line = ""
        line = f"{line} {item}" if line else item
    return [*lines, "    " + line] if line else lines


def main() -> int:
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
