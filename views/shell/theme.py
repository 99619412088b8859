"""Colours, spacing, sizes and text styles of the app, light and dark: screens take them from here, never raw."""

from __future__ import annotations

from typing import ClassVar

import flet as ft

FONT_FAMILY = "Vazirmatn"
#: Relative to the assets folder; the variable font gives real weights 100–900 on web.
FONTS = {FONT_FAMILY: "fonts/Vazirmatn-Variable.ttf"}

#: Below this width the phone layout (bottom navigation bar); at or above it the desktop layout (rail).
PHONE_MAX_WIDTH = 640

# A steel blue: the association's colour, readable on light and dark surfaces.
SEED_COLOUR = "#2B5D8A"


class Space:
    """Spacing steps (logical pixels)."""

    XS = 4
    S = 8
    M = 12
    L = 16
    XL = 24
    XXL = 32


class Size:
    """Fixed sizes that layout logic depends on."""

    #: Height of a row in the phone list; the windowed list computes positions from it.
    LIST_ROW = 76
    #: Height of a row in the desktop table.
    TABLE_ROW = 52
    TABLE_HEADER = 48  # two lines (a title and its unit), and a tap target a finger can hit
    RAIL_WIDTH = 96
    CONTENT_MAX_WIDTH = 1100
    ICON_S = 18
    ICON_M = 24
    ICON_L = 48
    RADIUS = 12
    RADIUS_S = 6
    PILL = 24  # fully rounded ends for a one-line field
    PROGRESS = 20
    PICKER_WIDTH = 440
    PICKER_HEIGHT = 360
    DROPDOWN_WIDTH = 260
    YEAR_WIDTH = 130
    #: Desktop table columns (the name column takes what is left).
    COL_OWNER = 220
    COL_PROVINCE = 130
    COL_PROCESSES = 240  # «آهن اسفنجی (DRI)، کورهٔ قوس الکتریکی» on one line in Persian
    COL_CAPACITY = 190
    LABEL_WIDTH = 150
    #: A fact's label on a phone: narrower, so the value (a URL, a source's name) is not squeezed to a sliver.
    LABEL_WIDTH_PHONE = 112


class Tone:
    """Colour roles from the Material scheme, so light and dark come out right by themselves."""

    PRIMARY = ft.Colors.PRIMARY
    ON_PRIMARY = ft.Colors.ON_PRIMARY
    TEXT = ft.Colors.ON_SURFACE
    MUTED = ft.Colors.ON_SURFACE_VARIANT
    SURFACE = ft.Colors.SURFACE
    CARD = ft.Colors.SURFACE_CONTAINER_LOW
    CARD_HIGH = ft.Colors.SURFACE_CONTAINER_HIGH
    HEADER = ft.Colors.SURFACE_CONTAINER
    OUTLINE = ft.Colors.OUTLINE_VARIANT
    ERROR = ft.Colors.ERROR
    ERROR_CONTAINER = ft.Colors.ERROR_CONTAINER
    ON_ERROR_CONTAINER = ft.Colors.ON_ERROR_CONTAINER
    INFO_CONTAINER = ft.Colors.SECONDARY_CONTAINER
    ON_INFO_CONTAINER = ft.Colors.ON_SECONDARY_CONTAINER
    FAVOURITE = ft.Colors.AMBER_700
    DEMO = ft.Colors.TERTIARY
    ON_DEMO = ft.Colors.ON_TERTIARY


class Palette:
    """Data colours, one palette per meaning, no colour shared between two meanings (a test holds it): blue is
    EAF on every chart and map, never also "operating". Mid tones that read on light and dark surfaces alike;
    every bar and marker also carries its words."""

    #: By main process, upstream to downstream (after Tableau 10); "other" gathers sinter, coke, open hearth…
    PROCESS: ClassVar[dict[str, str]] = {
        "iron_ore": "#9C755F",
        "pellet": "#F28E2B",
        "dri": "#59A14F",
        "bf": "#E15759",
        "eaf": "#4E79A7",
        "bof": "#B07AA1",
        "other": "#8C8C8C",
    }
    #: By status, as a project moves on: one hue (teal, no process has it), deeper the further along; a status
    #: the source does not give is an empty outlined segment (``UNKNOWN_EDGE``), not a colour.
    STATUS: ClassVar[dict[str, str]] = {
        "operating": "#137C80",
        "construction": "#45AFAB",
        "announced": "#97D3CC",
        "unknown": ft.Colors.TRANSPARENT,
    }
    UNKNOWN_EDGE = ft.Colors.OUTLINE
    #: Supply against need: ink, not a hue (the balance is about amounts, not about which process).
    SUPPLY = ft.Colors.with_opacity(0.72, ft.Colors.ON_SURFACE)
    REQUIREMENT = ft.Colors.with_opacity(0.3, ft.Colors.ON_SURFACE)
    #: A gap: short against surplus (ColorBrewer's red-green ends, apart from the process reds and greens).
    DEFICIT = "#D7301F"
    SURPLUS = "#1A9850"
    #: The map: land, province borders, the chosen province and marker outlines.
    LAND = ft.Colors.SURFACE_CONTAINER_HIGHEST
    BORDER = ft.Colors.OUTLINE
    CHOSEN = ft.Colors.PRIMARY_CONTAINER
    MARKER_EDGE = ft.Colors.SURFACE


class Type:
    """Text styles: sizes and weights in one place."""

    DISPLAY = ft.TextStyle(size=28, weight=ft.FontWeight.W_700)
    TITLE = ft.TextStyle(size=22, weight=ft.FontWeight.W_700)
    SECTION = ft.TextStyle(size=17, weight=ft.FontWeight.W_600)
    BODY = ft.TextStyle(size=15)
    BODY_STRONG = ft.TextStyle(size=15, weight=ft.FontWeight.W_600)
    LABEL = ft.TextStyle(size=13, weight=ft.FontWeight.W_500)
    CAPTION = ft.TextStyle(size=12)
    FIGURE = ft.TextStyle(size=24, weight=ft.FontWeight.W_700)


#: The smallest target a finger hits reliably (Material, WCAG 2.5.5): every tappable is at least this big.
TOUCH = 48
#: Buttons' padding: a one-line label is TOUCH high (Flutter web on a desktop browser would make them compact,
#: 32 px, and a phone's browser is a "desktop" to it too).
_BUTTON = ft.ButtonStyle(
    padding=ft.Padding.symmetric(horizontal=Space.L, vertical=14), visual_density=ft.VisualDensity.STANDARD
)


def build_theme() -> ft.Theme:
    """One theme for both brightnesses; Flutter derives the dark scheme from the same seed. Standard density
    and roomy buttons and chips: every tappable at least TOUCH × TOUCH px."""
    return ft.Theme(
        color_scheme_seed=SEED_COLOUR,
        font_family=FONT_FAMILY,
        use_material3=True,
        visual_density=ft.VisualDensity.STANDARD,
        text_button_theme=ft.TextButtonTheme(style=_BUTTON),
        filled_button_theme=ft.FilledButtonTheme(style=_BUTTON),
        outlined_button_theme=ft.OutlinedButtonTheme(style=_BUTTON),
        button_theme=ft.ButtonTheme(style=_BUTTON),
        segmented_button_theme=ft.SegmentedButtonTheme(style=_BUTTON),
        icon_button_theme=ft.IconButtonTheme(
            style=ft.ButtonStyle(padding=ft.Padding.all(12), visual_density=ft.VisualDensity.STANDARD)
        ),
        # 8 px a side: a chip of one short word («کک») was 44 px wide at 4
        chip_theme=ft.ChipTheme(padding=ft.Padding.symmetric(horizontal=Space.S, vertical=14)),
    )


def theme_mode(name: str) -> ft.ThemeMode:
    return ft.ThemeMode.DARK if name == "dark" else ft.ThemeMode.LIGHT


def card_style() -> dict:
    """Keyword arguments for a Container drawn as a flat card."""
    return {
        "bgcolor": Tone.CARD,
        "border_radius": Size.RADIUS,
        "padding": Space.L,
        "border": ft.Border.all(1, Tone.OUTLINE),
    }
