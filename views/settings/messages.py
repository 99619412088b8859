"""Words of the settings and about screens: key → (Persian, English). Registered by views/settings/__init__.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    "settings_language": ("زبان", "Language"),
    "settings_theme": ("پوسته", "Theme"),
    "theme_light": ("روشن", "Light"),
    "theme_dark": ("تیره", "Dark"),
    "settings_data": ("داده‌ها", "Data"),
    "data_folder": ("پوشهٔ داده‌ها", "Data folder"),
    "about_title": ("دربارهٔ زنجیره", "About Zanjireh"),
    "about_body": (
        "برنامهٔ اعضای انجمن تولیدکنندگان فولاد ایران: اطلس ملی زنجیرهٔ فولاد، بدون نیاز به اینترنت.",
        "The member app of Iran's steel producers' association: the national steel chain atlas, offline.",
    ),
    "about_version": ("نسخهٔ {version}", "Version {version}"),
    "about_gem_title": ("داده‌های Global Energy Monitor", "Global Energy Monitor data"),
    "about_gem_not_loaded": ("{title}: هنوز وارد نشده است (مجوز CC BY 4.0).", "{title}: not imported yet (CC BY 4.0)."),
    "about_font_title": ("قلم وزیرمتن", "The Vazirmatn font"),
    "about_font_body": (
        "وزیرمتن، اثر صابر راستی‌کردار، با مجوز SIL Open Font License 1.1؛ متن مجوز همراه قلم است.",
        "Vazirmatn by Saber Rastikerdar, under the SIL Open Font License 1.1; the licence ships with the font.",
    ),
    "about_map_title": ("مرز استان‌ها", "Province outlines"),
    "about_map_body": (
        "مرز استان‌ها از بستهٔ react-iran-map (نسخهٔ ۰٫۱٫۳، سیما مجتهدی)، با مجوز MIT؛ متن مجوز همراه داده است.",
        "Province outlines from the react-iran-map package (0.1.3, Sima Mojtahedi), MIT licence; "
        "the licence ships with the data.",
    ),
    "about_iso_title": ("کدهای استان‌ها", "Province codes"),
    "about_iso_body": (
        "کدهای استان‌ها طبق استاندارد ISO 3166-2:IR است.",
        "Provinces are identified by their ISO 3166-2:IR codes.",
    ),
    "about_offline": (
        "همهٔ این صفحه‌ها، قلم‌ها و داده‌ها روی همین دستگاه است؛ برای دیدن آن‌ها به اینترنت نیازی نیست.",
        "Every screen, font and figure here is on this device: none of it needs the internet.",
    ),
}
