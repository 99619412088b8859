"""Words of every export (views/shell/export.py, export_action.py): the about-sheet, the actions, the outcomes.
Registered by views/shell/i18n.py; each feature keeps its own column headers."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # columns every list has
    "export_name_fa": ("نام فارسی", "Persian name"),
    "export_name_en": ("نام انگلیسی", "English name"),
    "export_latitude": ("عرض جغرافیایی", "Latitude"),
    "export_longitude": ("طول جغرافیایی", "Longitude"),
    "export_demo_column": ("نمایشی", "Demo"),
    # the about-sheet (and the lines under a CSV's table)
    "export_source": ("منبع", "Source"),
    "export_licence": ("مجوز", "Licence"),
    "export_as_of": ("داده‌ها تا", "As of"),
    "export_url": ("نشانی", "Address"),
    "export_sheet_sources": ("منابع", "Sources"),
    "export_rows": ("{count} ردیف", "{count} rows"),
    "export_rows#one": ("{count} ردیف", "{count} row"),
    "export_demo": ("نمایشی", "demo"),
    "export_written": ("{count} ردیف در {path} نوشته شد.", "Wrote {count} rows to {path}."),
    "export_written#one": ("{count} ردیف در {path} نوشته شد.", "Wrote {count} row to {path}."),
    "export_filter_search": ("جستجو: «{text}»", "Search: '{text}'"),
    "export_filter_facet": ("{facet}: {values}", "{facet}: {values}"),
    "export_filter_sort": ("ترتیب: {column} ({direction})", "Sorted by {column} ({direction})"),
    "export_sort_ascending": ("صعودی", "ascending"),
    "export_sort_descending": ("نزولی", "descending"),
    "export_yes": ("بله", "Yes"),
    "export_no": ("خیر", "No"),
    "export_demo_rows": (
        "{count} ردیف دادهٔ نمایشی است: ساختگی، نه شرکت یا نیاز واقعی (ستون «نمایشی»).",
        "{count} rows are demo data: made up, not a real company or need (the 'Demo' column).",
    ),
    "export_demo_rows#one": (
        "{count} ردیف دادهٔ نمایشی است: ساختگی، نه شرکت یا نیاز واقعی (ستون «نمایشی»).",
        "{count} row is demo data: made up, not a real company or need (the 'Demo' column).",
    ),
    "export_no_demo_rows": ("هیچ ردیفی دادهٔ نمایشی نیست.", "No row is demo data."),
    # the actions and what became of them
    "export_action": ("خروجی اکسل", "Export to Excel"),
    "export_csv_action": ("خروجی CSV", "Export to CSV"),
    "export_pdf_action": ("نمایه به PDF", "Profile as PDF"),
    "export_more": ("کارهای بیشتر", "More actions"),
    "export_busy": ("در حال ساختن فایل…", "Making the file…"),
    "export_dialog_title": ("ذخیرهٔ خروجی", "Save the export"),
    "export_downloaded": (
        "{count} ردیف در فایل «{file}» دانلود شد.",
        "Downloaded {count} rows as '{file}'.",
    ),
    "export_downloaded#one": ("{count} ردیف در فایل «{file}» دانلود شد.", "Downloaded {count} row as '{file}'."),
    "export_saved": ("{count} ردیف در {path} ذخیره شد.", "Saved {count} rows to {path}."),
    "export_saved#one": ("{count} ردیف در {path} ذخیره شد.", "Saved {count} row to {path}."),
    "export_file_downloaded": ("فایل «{file}» دانلود شد.", "Downloaded '{file}'."),
    "export_file_saved": ("در {path} ذخیره شد.", "Saved to {path}."),
    # every PDF's footer (views/shell/pdf.py)
    "pdf_page": ("صفحهٔ {page}", "Page {page}"),
    "pdf_made": ("ساخته‌شده با زنجیره در {date}", "Made with Zanjireh on {date}"),
    "export_failed": ("فایل خروجی ساخته یا ذخیره نشد: {detail}", "The export could not be made or saved: {detail}"),
    "export_failed#brief": ("فایل خروجی ساخته یا ذخیره نشد.", "The export could not be made or saved."),
}
