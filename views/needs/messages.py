"""Words of the needs' screens, a need's matches and answers, a plant's localization section and the needs' export:
key → (Persian, English). Registered by views/needs/__init__.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the list ----
    "needs_search_hint": ("کالا، کارخانه، شمارهٔ قطعه…", "Item, plant, part number…"),
    "needs_search_clear": ("پاک کردن جستجو", "Clear the search"),
    "needs_count": ("{count} نیاز", "{count} needs"),
    "needs_count#one": ("{count} نیاز", "{count} need"),
    "needs_answers_count": ("{count} پاسخ", "{count} answers"),
    "needs_answers_count#one": ("{count} پاسخ", "{count} answer"),
    "needs_filters": ("فیلترها", "Filters"),
    "needs_filters_count": ("فیلترها ({count})", "Filters ({count})"),
    "needs_filters_clear": ("برداشتن فیلترها", "Clear the filters"),
    "needs_show_results": ("نمایش {count} نیاز", "Show {count} needs"),
    "needs_show_results#one": ("نمایش {count} نیاز", "Show {count} need"),
    "needs_clear_all": ("برداشتن همهٔ فیلترها و جستجو", "Clear every filter and the search"),
    "needs_empty": ("هنوز نیازی روی این دستگاه نیست", "No need on this device yet"),
    "needs_empty_hint": (
        "نیازهای منتشرشدهٔ کارخانه‌ها با همگام‌سازی از سرور انجمن می‌آید.",
        "Published needs come from the association's server when this device syncs.",
    ),
    "needs_no_matches": ("هیچ نیازی با این جستجو و فیلترها پیدا نشد", "No need matches"),
    "needs_no_matches_hint": ("واژه‌های کمتری بنویسید یا فیلتری را بردارید.", "Type fewer words or drop a filter."),
    "needs_raise": ("ثبت نیاز تازه", "Raise a need"),
    "needs_pending": ("در انتظار همگام‌سازی", "Waiting to sync"),
    "needs_any": ("همه", "Any"),
    "needs_filter_status": ("وضعیت", "Status"),
    "needs_filter_criticality": ("اهمیت", "Criticality"),
    "needs_filter_category": ("گروه کالا", "Category"),
    "needs_filter_plant": ("کارخانه", "Plant"),
    "needs_filter_ours": ("فقط نیازهای سازمان ما", "Only our organisation's needs"),
    "needs_filter_none": ("همهٔ نیازها، بی‌فیلتر", "Every need, no filter"),
    # ---- a need ----
    "needs_back": ("بازگشت به نیازها", "Back to the needs"),
    "needs_edit": ("ویرایش نیاز", "Edit the need"),
    "needs_missing": (
        "نیاز {id} در داده‌های این دستگاه نیست (همگام‌سازی نشده، یا برای حساب شما پیدا نیست).",
        "Need {id} is not in this device's data (not synced, or not visible to your account).",
    ),
    "needs_demo_note": (
        "این نیاز ساختگی است (دادهٔ نمایشی) و نیاز واقعی این کارخانه نیست.",
        "This need is made up (demo data), not this plant's real need.",
    ),
    "needs_open_plant": ("دیدن این کارخانه در اطلس", "Open this plant in the atlas"),
    "needs_section_facts": ("مشخصات نیاز", "The need"),
    "needs_quantity": ("مقدار سالانه", "Annual quantity"),
    "needs_spend": ("ارزبری سالانهٔ برآوردی", "Estimated annual foreign-currency spend"),
    "needs_processes": ("فرایندهای لازم", "Processes it takes"),
    "needs_part_weight": ("وزن قطعه", "Part weight"),
    "needs_kg": ("{value} کیلوگرم", "{value} kg"),
    "needs_section_workflow": ("روند", "Where it stands"),
    "needs_move_to": ("بردن به «{status}»", "Move to '{status}'"),
    "needs_section_matches": ("تأمین‌کنندگان مناسب", "Suppliers that fit"),
    "needs_matches_how": (
        "{count} تأمین‌کننده با گروه کالا جور است؛ رتبه بر پایهٔ ارزیابی انجمن، گواهی‌های معتبر امروز و فاصله تا "
        "کارخانه (خط مستقیم)، روی همین دستگاه.",
        "{count} suppliers fit the category; ranked on this device by the association's standing, certificates "
        "valid today and the distance to the plant (as the crow flies).",
    ),
    "needs_matches_how#one": (
        "{count} تأمین‌کننده با گروه کالا جور است؛ رتبه بر پایهٔ ارزیابی انجمن، گواهی‌های معتبر امروز و فاصله تا "
        "کارخانه (خط مستقیم)، روی همین دستگاه.",
        "{count} supplier fits the category; ranked on this device by the association's standing, certificates "
        "valid today and the distance to the plant (as the crow flies).",
    ),
    "needs_matches_more": ("{count} مورد بیشتر", "{count} more"),
    "needs_no_matches_found": (
        "هیچ تأمین‌کننده‌ای در فهرست این دستگاه با این نیاز جور نیست.",
        "No supplier in this device's directory fits this need.",
    ),
    "needs_score": ("امتیاز {score}", "score {score}"),
    # ---- answers ----
    "needs_section_answers": ("پاسخ تأمین‌کنندگان", "Suppliers' answers"),
    "answers_none": ("هنوز پاسخی نیامده است.", "No answer yet."),
    "answers_who_sees": (
        "هر پاسخ را فقط تأمین‌کنندهٔ آن، تولیدکنندهٔ صاحب نیاز و انجمن می‌بینند.",
        "Each answer is seen only by the supplier that gave it, the need's producer and the association.",
    ),
    "answer_offer_can_make": ("می‌توانیم بسازیم", "We can make this"),
    "answer_offer_withdrawn": ("پس گرفته شد", "Withdrawn"),
    "answer_reply_title": ("پاسخ تولیدکننده: {state}", "The producer's reply: {state}"),
    "answer_reply_how": ("پاسخ شما به این تأمین‌کننده:", "Your reply to this supplier:"),
    "reply_interested": ("علاقه‌مندیم، پیش‌فاکتور بفرستید", "Interested: send a quotation"),
    "reply_shortlisted": ("در فهرست کوتاه", "Shortlisted"),
    "reply_not_now": ("فعلاً نه", "Not now"),
    "reply_declined": ("نه، سپاس", "Declined"),
    "answer_form_title": ("پاسخ شما: «می‌توانیم بسازیم»", 'Your answer: "we can make this"'),
    "answer_note_label": ("یادداشت برای تولیدکننده", "A note for the producer"),
    "answer_note_hint": (
        "تجربه، ظرفیت، زمان تحویل نمونه…",
        "Experience, capacity, when a first piece could be delivered…",
    ),
    "answer_send": ("فرستادن پاسخ", "Send the answer"),
    "answer_update": ("به‌روز کردن پاسخ", "Update the answer"),
    "answer_note_too_long": ("یادداشت بیش از ۴٬۰۰۰ نویسه است.", "The note is longer than 4,000 characters."),
    "answer_not_saved": ("پاسخ ذخیره نشد؛ متن شما سر جایش است.", "The answer was not saved; your text is still here."),
    # ---- a plant's screen ----
    "plant_localization_title": ("ساخت داخل", "Localization"),
    "needs_raise_here": ("ثبت نیاز برای این کارخانه", "Raise a need here"),
    "plant_needs_open": ("{count} نیاز باز در این کارخانه", "{count} open needs at this plant"),
    "plant_needs_open#one": ("{count} نیاز باز در این کارخانه", "{count} open need at this plant"),
    "plant_needs_all": ("دیدن همهٔ {count} نیاز", "See all {count} needs"),
    "plant_suppliers_near": (
        "تأمین‌کنندگان تأییدشدهٔ انجمن تا {km} کیلومتری، در هر گروه کالا:",
        "Suppliers the association approved within {km} km, by category:",
    ),
    "plant_suppliers_open": ("دیدن تأمین‌کنندگان {category}، نزدیک‌ترین نخست", "Suppliers of {category}, nearest first"),
    "plant_suppliers_none": ("تا {km} کیلومتری تأمین‌کنندهٔ تأییدشده‌ای نیست.", "No approved supplier within {km} km."),
    "plant_suppliers_not_synced": (
        "فهرست تأمین‌کنندگان هنوز روی این دستگاه نیست؛ با همگام‌سازی می‌آید.",
        "The supplier directory is not on this device yet; it comes with a sync.",
    ),
    "plant_suppliers_no_point": (
        "این مکان مختصات ندارد؛ فاصلهٔ تأمین‌کنندگان را نمی‌توان گفت.",
        "This site has no coordinates; suppliers' distances cannot be told.",
    ),
    "plant_suppliers_how": (
        "تأییدشده یعنی ارزیابی «تأیید شده» یا «تأیید مشروط» انجمن که امروز منقضی نشده است؛ فاصله به خط مستقیم.",
        "Approved means the association's 'approved' or 'conditionally approved', not expired today; "
        "distances as the crow flies.",
    ),
    # ---- export ----
    "needs_export_sheet": ("نیازها", "Needs"),
    "needs_export_id": ("شناسه", "Id"),
    "needs_export_item_fa": ("کالا (فارسی)", "Item (Persian)"),
    "needs_export_item_en": ("کالا (انگلیسی)", "Item (English)"),
    "needs_export_plant_id": ("شناسهٔ GEM کارخانه", "Plant's GEM id"),
    "needs_export_producer": ("شناسهٔ تولیدکننده", "Producer's id"),
    "needs_export_oem": ("سازندهٔ اصلی (OEM)", "OEM"),
    "needs_export_part_number": ("شمارهٔ قطعه", "Part number"),
    "needs_export_quantity": ("مقدار سالانه", "Annual quantity"),
    "needs_export_unit": ("یکا", "Unit"),
    "needs_export_spend": ("ارزبری سالانه (یورو)", "Annual foreign-currency spend (EUR)"),
    "needs_export_origin": ("کشور تأمین کنونی", "Current origin"),
    "needs_export_deadline": ("مهلت", "Deadline"),
    "needs_export_answers": ("پاسخ‌ها", "Answers"),
}
