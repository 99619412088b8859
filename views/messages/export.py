"""Words of the Excel export (column headers, sheet names): key → (Persian, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "export_id": ("شناسهٔ GEM", "GEM id"),
    "export_name_fa": ("نام فارسی", "Persian name"),
    "export_name_en": ("نام انگلیسی", "English name"),
    "export_kind": ("نوع", "Kind"),
    "export_owners": ("مالکان", "Owners"),
    "export_province": ("استان", "Province"),
    "export_municipality": ("شهر", "Municipality"),
    "export_latitude": ("عرض جغرافیایی", "Latitude"),
    "export_longitude": ("طول جغرافیایی", "Longitude"),
    "export_mine_status": ("وضعیت معدن", "Mine status"),
    "export_capacity_header": ("{process} — {status} (هزار تن در سال)", "{process} — {status} (kt/y)"),
    "export_source": ("منبع", "Source"),
    "export_licence": ("مجوز", "Licence"),
    "export_as_of": ("داده‌ها تا", "As of"),
    "export_url": ("نشانی", "Address"),
    "export_sheet_atlas": ("اطلس", "Atlas"),
    "export_sheet_sources": ("منابع", "Sources"),
    "export_rows": ("{count} ردیف", "{count} rows"),
    "export_demo": ("نمایشی", "demo"),
    "export_written": ("{count} ردیف در {path} نوشته شد.", "Wrote {count} rows to {path}."),
}
