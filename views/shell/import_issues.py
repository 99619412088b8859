"""What can be wrong with a row of an imported file (codes from sync.gem_import.ISSUES), in both languages."""

MESSAGES: dict[str, tuple[str, str]] = {
    "issue_not_a_number": ("عدد نیست", "not a number"),
    "issue_not_a_quantity": ("مقدار قابل استفاده‌ای نیست", "not a usable quantity"),
    "issue_not_a_real_date": ("چنین تاریخی وجود ندارد", "not a real date"),
    "issue_not_a_date": ("نه سال است نه تاریخ", "not a year or a date"),
    "issue_not_coordinates": ("باید «عرض، طول» جغرافیایی باشد", 'expected "latitude, longitude"'),
    "issue_coordinates_out_of_range": ("عرض یا طول جغرافیایی خارج از محدوده است", "latitude or longitude out of range"),
    "issue_owner_id_count": (
        "شمار مالکان ({owners}) با شمار شناسه‌ها ({ids}) نمی‌خواند",
        "the number of owners ({owners}) and of IDs ({ids}) differ",
    ),
    "issue_owner_without_name": ("مالکی بدون نام", "an owner without a name"),
    "issue_invalid_field": ("{field}: {problem}", "{field}: {problem}"),
    "issue_unknown_province": ("استان ناشناخته", "unknown province"),
    "issue_duplicate_plant": ("همین کارخانه دو بار آمده است", "the same plant twice"),
    "issue_duplicate_mine": ("همین معدن دو بار آمده است", "the same mine twice"),
    "issue_not_a_plant_id": (
        "شناسهٔ کارخانهٔ GEM نیست (P و پس از آن رقم)",
        "not a GEM plant ID (P followed by digits)",
    ),
    "issue_not_an_asset_id": ("شناسهٔ GEM نیست (P و پس از آن رقم)", "not a GEM asset ID (P followed by digits)"),
    "issue_plant_without_name": ("کارخانه نام ندارد", "a plant needs a name"),
    "issue_mine_without_name": ("معدن نام ندارد", "a mine needs a name"),
    "issue_no_such_plant": ("این کارخانه در برگهٔ اطلاعات کارخانه‌ها نیست", "no such plant in the plant data sheet"),
    "issue_unknown_status": ("وضعیت ناشناخته", "unknown status"),
    "issue_unknown_production_type": ("نوع تولید ناشناخته", "unknown type of production"),
}
