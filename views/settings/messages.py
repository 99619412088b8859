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
    "about_font_title": ("قلم وزیرمتن", "Vazirmatn font"),
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
    "about_real_title": ("چه چیزی واقعی است و چه چیزی نمایشی", "What is real and what is demo"),
    "about_atlas": ("اطلس", "The atlas"),
    "about_atlas_real": (
        "واقعی: کارخانه‌ها و معادن از Global Energy Monitor (پایین‌تر)، نام‌های فارسی از جدول بازبینی‌شدهٔ زنجیره.",
        "Real: plants and mines from Global Energy Monitor (below), Persian names from Zanjireh's reviewed table.",
    ),
    "about_atlas_demo": ("دادهٔ نمایشی، نه انتشار GEM.", "Demo data, not a GEM release."),
    "about_suppliers": ("تأمین‌کنندگان", "Suppliers"),
    "about_needs": ("نیازهای ساخت داخل", "Localisation needs"),
    "about_counts": ("{demo} نمایشی، {real} از ثبت انجمن", "{demo} demo, {real} from the association's register"),
    "about_not_synced": ("هنوز روی این دستگاه نیست", "Not on this device yet"),
    "about_demo_suppliers": (
        "تأمین‌کنندگان نمایشی را زنجیره ساخته است، چون فهرست آزاد و عمومی‌ای از تأمین‌کنندگان زنجیرهٔ فولاد ایران "
        "وجود ندارد: نام‌ها، گواهی‌ها و ارزیابی‌ها ساختگی‌اند و تلفن‌ها و نشانی‌ها رزروشده (‎.example‎) و به کسی "
        "نمی‌رسند.",
        "Demo suppliers are made by Zanjireh, as no open register of Iran's steel-chain suppliers exists: their "
        "names, certificates and standing are made up, their numbers and addresses reserved (.example) and reach no "
        "one.",
    ),
    "about_demo_needs": (
        "نیازهای نمایشی برای کارخانه‌های واقعی اطلس و به نام مالکان واقعی آن‌ها ساخته شده‌اند، اما نیاز واقعی آن "
        "کارخانه‌ها نیستند.",
        "Demo needs are raised against the atlas's real plants in their real owners' names, but are not those "
        "plants' real needs.",
    ),
    "about_register": (
        "تأمین‌کنندگان و نیازهای «ثبت انجمن» را انجمن از فهرست‌های خود وارد کرده و برای اعضایش است؛ هر واقعیت "
        "می‌گوید از کجا آمده: اظهار خود تأمین‌کننده، ثبت انجمن یا بازدید.",
        "Suppliers and needs 'from the register' are the association's own lists, for its members; each fact says "
        "where it came from: the supplier's own word, the register, or a visit.",
    ),
    "about_demo_marked": (
        "هر مورد نمایشی در همهٔ صفحه‌ها و خروجی‌ها برچسب «نمایشی» دارد.",
        "Every demo record carries the DEMO mark on every screen and in every export.",
    ),
    "about_pdf_title": ("ساختن PDF", "Making PDFs"),
    "about_pdf_body": (
        "نمایهٔ PDF تأمین‌کنندگان با fpdf2 (مجوز LGPL 3.0) و شکل‌دهی متن HarfBuzz (مجوز MIT) ساخته می‌شود.",
        "Suppliers' PDF profiles are made with fpdf2 (LGPL 3.0) and HarfBuzz text shaping (MIT).",
    ),
}
