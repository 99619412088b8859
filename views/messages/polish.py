"""Words of the Excel export action and of the site map on plant and mine screens."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- exporting the atlas from the app ----
    "export_action": ("خروجی اکسل", "Export to Excel"),
    "export_more": ("کارهای بیشتر", "More actions"),
    "export_busy": ("در حال ساختن فایل اکسل…", "Making the Excel file…"),
    "export_dialog_title": ("ذخیرهٔ خروجی اکسل", "Save the Excel export"),
    "export_downloaded": (
        "{count} ردیف در فایل «{file}» دانلود شد.",
        "Downloaded {count} rows as '{file}'.",
    ),
    "export_saved": ("{count} ردیف در {path} ذخیره شد.", "Saved {count} rows to {path}."),
    "export_failed": ("فایل اکسل ساخته یا ذخیره نشد: {detail}", "The Excel file could not be made or saved: {detail}"),
    "export_filter_none": ("همهٔ کارخانه‌ها و معادن، بی‌فیلتر", "Every plant and mine, no filter"),
    "export_filter_search": ("جستجو: «{text}»", "Search: '{text}'"),
    "export_filter_facet": ("{facet}: {values}", "{facet}: {values}"),
    "export_filter_kind": ("نوع", "Kind"),
    "export_filter_owner": ("مالک", "Owner"),
    "export_filter_sort": ("ترتیب: {column} ({direction})", "Sorted by: {column} ({direction})"),
    "export_sort_ascending": ("صعودی", "ascending"),
    "export_sort_descending": ("نزولی", "descending"),
    # ---- the site on a small map (plant and mine screens) ----
    "site_map_exact": ("مکان دقیق (مختصات منبع)", "Exact location (the source's coordinates)"),
    "site_map_approximate": ("مکان تقریبی (مختصات منبع)", "Approximate location (the source's coordinates)"),
    "site_map_unknown": ("منبع دقت مختصات را نگفته است", "The source does not say how accurate the coordinates are"),
    "site_map_no_point": (
        "مختصات نامعلوم؛ فقط استان {province} مشخص شده است",
        "No coordinates: only the province, {province}, is shown",
    ),
    "site_map_open": ("{province} روی نقشهٔ اطلس", "{province} on the atlas map"),
    "site_map_semantics": (
        "نقشهٔ کوچک: {name} در استان {province}. برای دیدن نقشهٔ اطلس بزنید.",
        "Small map: {name} in {province}. Tap to open the atlas map.",
    ),
}
