"""Words of Home: key → (Persian, English). Registered by views/home/__init__.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    "home_title": ("اطلس زنجیرهٔ فولاد ایران", "Iran's steel chain atlas"),
    "home_subtitle": (
        "کارخانه‌ها و معادن سنگ آهن، ظرفیت‌ها و مالکان — بدون نیاز به اینترنت.",
        "Plants and iron-ore mines, their capacities and owners — no internet needed.",
    ),
    "home_crude_steel_operating": ("ظرفیت فعال فولاد خام", "Operating crude steel capacity"),
    "home_crude_steel_construction": ("فولاد خام در دست ساخت", "Crude steel under construction"),
    "home_iron_operating": ("ظرفیت فعال آهن", "Operating iron capacity"),
    "home_pellet": ("ظرفیت گندله (منبع وضعیتش را نمی‌گوید)", "Pellet capacity (the source gives no status)"),
    "home_ore_operating": ("ظرفیت طراحی معادن فعال", "Design capacity of operating mines"),
    "home_unknown_not_counted": (
        "{count} ظرفیت بدون مقدار در این جمع نیامده است",
        "{count} capacities with no amount are not in this sum",
    ),
    "home_unknown_not_counted#one": (
        "{count} ظرفیت بدون مقدار در این جمع نیامده است",
        "{count} capacity with no amount is not in this sum",
    ),
    "home_not_imported": ("هنوز وارد نشده", "Not imported yet"),
    "home_open_atlas": ("جستجو در اطلس", "Search the atlas"),
    "home_favourites": ("نشان‌شده‌های من", "My favourites"),
    "home_figures_title": ("اطلس در یک نگاه", "The atlas at a glance"),
    "home_no_favourites": (
        "هنوز چیزی نشان نکرده‌اید؛ در صفحهٔ هر کارخانه یا معدن، ستاره را بزنید.",
        "Nothing yet: tap the star on a plant or mine to keep it here.",
    ),
}
