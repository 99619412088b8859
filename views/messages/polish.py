"""Words of the Excel export action of the atlas list."""

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
}
