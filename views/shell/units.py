"""One unit per view: a list, a chart or a comparison shows all its tonnages in one unit, and says it once.

Mixing "10.0 million t" with "9,100 thousand t" makes 9,100 read as bigger than 11.0 in a ranking. A view
gathers its values, asks :func:`scale_for` for the one unit they share (Mt with a decimal once any value
reaches a million tonnes, kt below), shows bare :func:`figure` texts in it and names the unit once
(:func:`unit_note`, or a column header). A value standing alone carries its unit (:func:`amount`).
Any feature that shows tonnages (atlas, balance, suppliers' capacities, needs' quantities) uses this.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from views.shell import i18n
from views.shell.i18n import Lang

#: A million tonnes, in the kilotonnes every figure is kept in.
MILLION_KT = 1_000.0


class Scale(Enum):
    KT = "kt"
    MT = "mt"


def scale_for(values_kt: Iterable[float | None]) -> Scale:
    """Mt once any value reaches a million tonnes (a view of 0.4 and 9.1 Mt reads in Mt), else kt."""
    return Scale.MT if any(v is not None and abs(v) >= MILLION_KT for v in values_kt) else Scale.KT


def _decimals_mt(value_mt: float) -> int:
    """One decimal; more only for a small value that one decimal would show as zero (a 30 kt/y unit in a
    list of Mt is 0.03, not 0.0)."""
    size = abs(value_mt)
    if size == 0 or size >= 0.05:
        return 1
    return 2 if size >= 0.005 else 3


def figure(value_kt: float, scale: Scale, lang: Lang, *, signed: bool = False) -> str:
    """The number alone, in ``scale``: «۷٫۶» / "7.6" (Mt), «۹۵۰» / "950" (kt)."""
    if scale is Scale.MT:
        value = value_kt / MILLION_KT
        text = i18n.number(abs(value), lang, _decimals_mt(value))
    else:
        value = value_kt
        fractional = not float(value).is_integer() and abs(value) < 10
        text = i18n.number(abs(value), lang, 1 if fractional else 0)
    if value < 0 and text.strip("0٠۰.,٫٬") != "":
        text = "\u2212" + text  # a real minus sign: a hyphen reads as a dash beside Persian digits
    elif signed and value > 0:
        text = "+" + text
    return i18n.ltr(text) if lang == "fa" and text[:1] in "+\u2212" else text


def unit_name(scale: Scale, lang: Lang, *, per_year: bool = True) -> str:
    """ "Mt/y" / «میلیون تن در سال»; without ``per_year`` a stock or a year's output: "Mt" / «میلیون تن»."""
    key = f"unit_name_{scale.value}{'pa' if per_year else ''}"
    return i18n.t(key, lang)


def amount(value_kt: float, scale: Scale | None, lang: Lang, *, per_year: bool = True, signed: bool = False) -> str:
    """A value with its unit: «۷٫۶ میلیون تن در سال» / "7.6 Mt/y"; its own scale when ``scale`` is None."""
    chosen = scale or scale_for([value_kt])
    key = f"unit_{chosen.value}{'pa' if per_year else ''}"
    return i18n.t(key, lang, value=figure(value_kt, chosen, lang, signed=signed))


def unit_note(scale: Scale, lang: Lang, *, per_year: bool = True) -> str:
    """The one line that names a view's unit: «ارقام به میلیون تن در سال» / "Figures in Mt/y"."""
    return i18n.t("units_note", lang, unit=unit_name(scale, lang, per_year=per_year))
