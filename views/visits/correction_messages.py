"""Words of corrections from the field — proposing one, where it stands, an admin's review: key → (Persian,
English). Registered by views/visits/__init__.py beside the visits' own words."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the screens ----
    "corrections_title": ("اصلاحیه‌های پیشنهادی", "Proposed corrections"),
    "corrections_mine": ("پیشنهادهای من", "My proposals"),
    "corrections_none_mine": ("هنوز اصلاحی پیشنهاد نکرده‌اید", "You have not proposed a correction yet"),
    "corrections_to_review": ("در انتظار بررسی", "Waiting for review"),
    "corrections_none_to_review": ("اصلاحیه‌ای در انتظار بررسی نیست", "No correction is waiting for review"),
    "corrections_offline_note": (
        "پیشنهادها روی همین دستگاه ذخیره و با همگام‌سازی بعدی فرستاده می‌شوند؛ بدون اینترنت هم کار می‌کند.",
        "Proposals are saved on this device and sent at the next sync; this works with no signal.",
    ),
    "corrections_sign_in": (
        "برای پیشنهاد اصلاح، وارد حساب خود شوید.",
        "Sign in to propose a correction.",
    ),
    "corrections_open_all": ("همهٔ پیشنهادهای من", "All my proposals"),
    "correction_section": ("اصلاح اطلاعات", "Corrections"),
    "correction_section_hint": (
        "چیزی در این سابقه نادرست است؟ اصلاح را با یادداشت، عکس و مکان خود پیشنهاد کنید تا انجمن بررسی کند.",
        "Something wrong in this record? Propose a correction with a note, photos and your location; the "
        "association reviews it.",
    ),
    "correction_source": (
        "{field}: اصلاح‌شده از میدان، پیشنهاد {who}، پذیرفته در {date}",
        "{field}: corrected from the field, proposed by {who}, accepted on {date}",
    ),
    "correction_propose": ("پیشنهاد اصلاح", "Propose a correction"),
    "correction_new_title": ("پیشنهاد اصلاح", "Propose a correction"),
    "correction_no_record": ("سابقهٔ {id} روی این دستگاه نیست", "Record {id} is not on this device"),
    "correction_field": ("چه چیزی نادرست است؟", "What is wrong?"),
    "correction_now": ("مقدار ثبت‌شدهٔ کنونی", "Currently recorded"),
    "correction_now_none": ("ثبت نشده", "not recorded"),
    "correction_proposed_value": ("مقدار درست", "Correct value"),
    "correction_note_short": ("یادداشت", "Note"),
    "correction_field_label": ("مورد", "Field"),
    "corrections_open_waiting": (
        "اصلاحیه‌های پیشنهادی ({count} در انتظار بررسی)",
        "Proposed corrections ({count} waiting for review)",
    ),
    "correction_note": ("یادداشت (چه دیدید و از کجا می‌دانید)", "Note (what you saw and how you know)"),
    "correction_photos": ("عکس‌ها", "Photos"),
    "correction_add_photos": ("افزودن عکس", "Add photos"),
    "correction_remove_photo": ("حذف عکس", "Remove the photo"),
    "correction_where": ("مکان شما", "Your location"),
    "correction_where_add": ("افزودن مکان این دستگاه", "Add this device's location"),
    "correction_where_none": ("مکان دستگاه افزوده نشده است", "No device location added"),
    "correction_where_at": ("{lat}، {lon} ({accuracy})", "{lat}, {lon} ({accuracy})"),
    "correction_location_denied": (
        "اجازهٔ مکان داده نشد. پیشنهاد بدون مکان هم ثبت می‌شود؛ "
        "برای افزودن مکان، در تنظیمات دستگاه اجازه دهید و دوباره بزنید.",
        "Location permission was refused. The proposal can be saved without a location; to add one, allow it in "
        "the device's settings and try again.",
    ),
    "correction_location_denied_forever": (
        "اجازهٔ مکان برای این برنامه بسته است. پیشنهاد بدون مکان هم ثبت می‌شود؛ برای افزودن، از تنظیمات دستگاه باز کنید.",
        "Location is blocked for this app. The proposal can be saved without a location; to add one, allow it "
        "in the device's settings.",
    ),
    "correction_location_off": (
        "مکان‌یاب دستگاه خاموش است. پیشنهاد بدون مکان هم ثبت می‌شود؛ برای افزودن، روشنش کنید و دوباره بزنید.",
        "The device's location is turned off. The proposal can be saved without a location; to add one, turn "
        "it on and try again.",
    ),
    "correction_location_timeout": (
        "دستگاه در ۳۰ ثانیه مکان را پیدا نکرد. پیشنهاد بدون مکان هم ثبت می‌شود؛ در فضای باز دوباره بزنید.",
        "The device found no location in 30 seconds. The proposal can be saved without a location; try again "
        "in the open.",
    ),
    "correction_location_failed": (
        "مکان دستگاه خوانده نشد. پیشنهاد بدون مکان هم ثبت می‌شود.",
        "The device's location could not be read. The proposal can be saved without a location.",
    ),
    "correction_location_unavailable": (
        "این دستگاه مکان نمی‌دهد. پیشنهاد بدون مکان هم ثبت می‌شود.",
        "This device gives no location. The proposal can be saved without a location.",
    ),
    "correction_send": ("ثبت پیشنهاد", "Save the proposal"),
    "correction_draft_kept": (
        "آنچه نوشته‌اید روی دستگاه نگه داشته می‌شود تا پیشنهاد را ثبت کنید.",
        "What you type is kept on this device until you save the proposal.",
    ),
    "correction_saved": (
        "پیشنهاد اصلاح ذخیره شد؛ با همگام‌سازی بعدی فرستاده می‌شود",
        "Correction saved; it will be sent at the next sync",
    ),
    "correction_bad_value": ("مقدار درست را وارد کنید: {problem}", "Enter the correct value: {problem}"),
    "correction_bad_value_empty": ("مقدار درست را وارد کنید", "Enter the correct value"),
    "correction_same_value": ("این همان مقدار ثبت‌شده است", "This is the value already recorded"),
    "correction_lat": ("عرض جغرافیایی", "Latitude"),
    "correction_lon": ("طول جغرافیایی", "Longitude"),
    "correction_owner_en": ("نام مالک (لاتین)", "Owner's name (Latin script)"),
    "correction_owner_fa": ("نام مالک (فارسی)", "Owner's name (Persian)"),
    "correction_title": ("پیشنهاد اصلاح", "Proposed correction"),
    "correction_proposed_by": ("پیشنهاددهنده", "Proposed by"),
    "correction_made_at": ("تاریخ پیشنهاد", "Proposed on"),
    "correction_decided": ("تصمیم", "Decision"),
    "correction_decided_by": ("{who}، {date}", "{who}, {date}"),
    "correction_decision_note": ("یادداشت بررسی‌کننده", "Reviewer's note"),
    "correction_distance": ("{km} کیلومتر از محل ثبت‌شده", "{km} km from the recorded site"),
    "correction_accept": ("پذیرش", "Accept"),
    "correction_decline": ("رد", "Decline"),
    "correction_withdraw": ("پس گرفتن پیشنهاد", "Withdraw the proposal"),
    "correction_review": ("بررسی", "Review"),
    "correction_review_hint": (
        "با پذیرش، مقدار درست برای همه جایگزین می‌شود و این پیشنهاد منبع آن ثبت می‌شود؛ در واردکردن‌های بعدی هم می‌ماند.",
        "Accepting changes the record for everyone, with this proposal as its source; later imports keep it.",
    ),
    "correction_decision_note_label": ("یادداشت برای پیشنهاددهنده", "Note to the proposer"),
    "correction_decline_needs_note": ("دلیل رد را بنویسید", "Give the reason for declining"),
    "correction_decision_queued": (
        "تصمیم ذخیره شد؛ با همگام‌سازی بعدی فرستاده می‌شود",
        "Decision saved; it will be sent at the next sync",
    ),
    "correction_not_found": ("این پیشنهاد روی این دستگاه نیست", "This proposal is not on this device"),
    "correction_back": ("بازگشت", "Back"),
    # ---- where a correction stands (sync.fieldwork.CorrectionSummary.status) ----
    "correction_status_waiting": ("در انتظار ارسال", "Waiting to be sent"),
    "correction_status_refused": ("سرور نپذیرفت: {reason}", "Refused by the server: {reason}"),
    "correction_status_proposed": ("فرستاده شد؛ در انتظار بررسی", "Sent; waiting for review"),
    "correction_status_deciding": ("تصمیم شما در انتظار ارسال است", "Your decision is waiting to be sent"),
    "correction_status_accepted": ("پذیرفته شد", "Accepted"),
    "correction_status_declined": ("رد شد", "Declined"),
    "correction_status_withdrawn": ("پس گرفته شد", "Withdrawn"),
    "correction_photos_sent": ("عکس‌ها: {sent} از {total} فرستاده شد", "Photos: {sent} of {total} sent"),
    # ---- record kinds ----
    "correction_kind_plant": ("کارخانه", "Plant"),
    "correction_kind_mine": ("معدن", "Mine"),
    "correction_kind_supplier": ("تأمین‌کننده", "Supplier"),
    # ---- fields (models.corrections.CorrectedField) ----
    "correction_field_location": ("مکان روی نقشه", "Location on the map"),
    "correction_field_name_fa": ("نام فارسی", "Persian name"),
    "correction_field_name_en": ("نام لاتین", "Latin name"),
    "correction_field_status": ("وضعیت (فعال، تعطیل…)", "Status (operating, closed…)"),
    "correction_field_owner": ("مالک", "Owner"),
    "correction_field_workforce": ("تعداد کارکنان (نفر)", "Workforce (people)"),
    "correction_field_address_fa": ("نشانی", "Address"),
    "correction_field_city_fa": ("شهر", "Town"),
    "correction_field_phone": ("تلفن", "Phone"),
    "correction_field_email": ("رایانامه", "Email"),
    "correction_field_website": ("وبگاه", "Website"),
    "correction_people": ("{count} نفر", "{count} people"),
    "correction_people#one": ("{count} نفر", "{count} person"),
}
