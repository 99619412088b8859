"""Words of the drawn map: outlines, colour groups, zoom. Registered by views/map/__init__.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- zooming the atlas map ----
    "map_zoom_reset": ("کل ایران", "Whole country"),
    "map_zoom_hint": (
        "با دو انگشت یا چرخ ماوس بزرگ‌نمایی کنید و با کشیدن جابه‌جا شوید.",
        "Pinch or use the mouse wheel to zoom; drag to move around.",
    ),
    # ---- the map: outlines, colour groups ----
    "map_semantics": (
        "نقشهٔ ایران با {count} کارخانه و معدن. استانی را بزنید تا فهرست و توازن به آن محدود شود.",
        "Map of Iran with {count} plants and mines. Tap a province to narrow the list and the balance to it.",
    ),
    "map_semantics#one": (
        "نقشهٔ ایران با {count} کارخانه یا معدن. استانی را بزنید تا فهرست و توازن به آن محدود شود.",
        "Map of Iran with {count} plant or mine. Tap a province to narrow the list and the balance to it.",
    ),
    "map_attribution": (
        "مرز استان‌ها: react-iran-map (مجوز MIT)، ساده‌شده، با دقت حدود ۵ تا ۱۰ کیلومتر",
        "Province outlines: react-iran-map (MIT licence), simplified, accurate to about 5–10 km",
    ),
    "group_iron_ore": ("سنگ آهن", "Iron ore"),
    "group_pellet": ("گندله", "Pellet"),
    "group_dri": ("آهن اسفنجی", "DRI"),
    "group_bf": ("کورهٔ بلند", "Blast furnace"),
    "group_eaf": ("قوس الکتریکی", "EAF"),
    "group_bof": ("کنورتور اکسیژنی", "BOF"),
    "group_other": ("سایر", "Other"),
}
