"""Words the shell needs for the localization half of the app: roles, organisations, the demo mark and where the
directory's records come from. Registered by views/shell/i18n.py (the shell's own words, like import issues)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "nav_suppliers": ("تأمین‌کنندگان", "Suppliers"),
    "nav_needs": ("نیازها", "Needs"),
    "nav_fund": ("صندوق", "Fund"),
    "nav_visits": ("بازدیدها", "Visits"),
    # roles (models/orgs.py)
    "role_member": ("عضو", "Member"),
    "role_supplier": ("تأمین‌کننده", "Supplier"),
    "role_field_staff": ("کارشناس میدانی", "Field staff"),
    "role_admin": ("مدیر سامانه", "Administrator"),
    "role_fund_officer": ("کارشناس صندوق", "Fund officer"),
    "role_reviewer": ("داور", "Reviewer"),
    "role_can_member": (
        "نیاز ساخت داخل برای کارخانه‌های سازمانتان ثبت و ویرایش می‌کنید، نیازهای منتشرشده و تأمین‌کنندگان را "
        "می‌بینید و به پاسخ تأمین‌کنندگان جواب می‌دهید.",
        "You raise and edit localisation needs for your organisation's plants, see published needs and the "
        "directory, and reply to suppliers' answers.",
    ),
    "role_can_supplier": (
        "نیازهای منتشرشده را می‌بینید، به آن‌ها پاسخ «می‌توانیم بسازیم» می‌دهید و جواب تولیدکننده را می‌بینید.",
        'You see published needs, answer them with "we can make this" and see the producer\'s reply.',
    ),
    "role_can_field_staff": (
        "تأمین‌کنندگان و نیازهای منتشرشده را می‌بینید؛ بازدیدها در بخش بازدید ثبت می‌شود.",
        "You see the directory and published needs; visits are recorded in the visits section.",
    ),
    "role_can_admin": (
        "همهٔ نیازها را می‌بینید و ویرایش می‌کنید و به پاسخ‌ها جواب می‌دهید.",
        "You see and edit every need and reply to answers.",
    ),
    "role_can_fund_officer": (
        "تأمین‌کنندگان و نیازهای منتشرشده را می‌بینید.",
        "You see the directory and published needs.",
    ),
    "role_can_reviewer": ("تأمین‌کنندگان و نیازهای منتشرشده را می‌بینید.", "You see the directory and published needs."),
    "account_org": ("سازمان", "Organisation"),
    # who you are
    "org_association": ("انجمن تولیدکنندگان فولاد ایران", "Iranian Steel Producers Association"),
    "org_unknown": ("سازمان {id}", "Organisation {id}"),
    "org_none": ("بدون سازمان", "No organisation"),
    "who_line": ("{user} · {role} · {org}", "{user} · {role} · {org}"),
    "who_signed_out": ("وارد نشده‌اید", "Not signed in"),
    "who_tooltip": ("حساب: {user}، {role}، {org}", "Account: {user}, {role}, {org}"),
    "who_signed_out_tooltip": ("وارد نشده‌اید؛ برای ورود بزنید", "Not signed in: tap to sign in"),
    # the demo mark on records, lists, exports
    "demo_badge": ("نمایشی", "DEMO"),
    "demo_badge_tooltip": (
        "دادهٔ نمایشی: ساختگی است و شرکت یا نیاز واقعی نیست.",
        "Demo data: made up, not a real company or need.",
    ),
    # where the directory's records come from
    "directory_source_register": (
        "منبع: ثبت تأمین‌کنندگان انجمن · برای اعضای انجمن · دریافت‌شده در {as_of}",
        "Source: the association's supplier register · for the association's members · received {as_of}",
    ),
    "directory_source_demo": (
        "دادهٔ نمایشی ساختگی زنجیره (شرکت‌ها، تلفن‌ها و نشانی‌ها واقعی نیستند) · دریافت‌شده در {as_of}",
        "Zanjireh's made-up demo data (the companies, numbers and addresses are not real) · received {as_of}",
    ),
    "needs_source_register": (
        "منبع: ثبت نیازهای ساخت داخل انجمن و اعضا · دریافت‌شده در {as_of}",
        "Source: the association's and members' register of localisation needs · received {as_of}",
    ),
    "needs_source_demo": (
        "نیاز نمایشی ساختگی، ثبت‌شده برای کارخانه‌های واقعی اطلس (نیاز واقعی آن‌ها نیست) · دریافت‌شده در {as_of}",
        "A made-up demo need against a real plant of the atlas (not that plant's real need) · received {as_of}",
    ),
    "as_of_never": ("هنوز دریافت نشده", "not received yet"),
    "directory_loading": (
        "فهرست تأمین‌کنندگان و نیازها در حال آماده شدن روی این دستگاه است…",
        "Getting the suppliers and needs ready on this device…",
    ),
    "directory_register_source": ("ثبت تأمین‌کنندگان انجمن", "The association's supplier register"),
    "directory_demo_source": (
        "دادهٔ نمایشی زنجیره: ساختگی، شرکت‌ها و تلفن‌ها و نشانی‌ها واقعی نیستند",
        "Zanjireh demo data: made up, the companies, numbers and addresses are not real",
    ),
    "needs_register_source": ("ثبت نیازهای ساخت داخل انجمن و اعضا", "The association's and members' register of needs"),
    "needs_demo_source": (
        "دادهٔ نمایشی زنجیره: نیازهای ساختگی برای کارخانه‌های واقعی اطلس",
        "Zanjireh demo data: made-up needs against the atlas's real plants",
    ),
    "register_licence": ("ویژهٔ اعضای انجمن", "For the association's members"),
    "demo_licence": ("ساختگی، برای آزمودن برنامه", "Made up, for trying the app"),
    # suppliers: kinds, sizes, standing, where a fact came from
    "company_manufacturer": ("تولیدکننده", "Manufacturer"),
    "company_distributor": ("توزیع‌کننده", "Distributor"),
    "company_custom_manufacturer": ("سازندهٔ سفارشی", "Custom manufacturer"),
    "company_service": ("خدمات فنی", "Service company"),
    "company_engineering": ("مهندسی", "Engineering company"),
    "size_micro": ("خرد (کمتر از ۱۰ نفر)", "Micro (under 10 staff)"),
    "size_small": ("کوچک (۱۰ تا ۴۹ نفر)", "Small (10–49 staff)"),
    "size_medium": ("متوسط (۵۰ تا ۲۴۹ نفر)", "Medium (50–249 staff)"),
    "size_large": ("بزرگ (۲۵۰ نفر و بیشتر)", "Large (250+ staff)"),
    "qualification_none": ("بدون ارزیابی", "Not assessed"),
    "qualification_surveyed": ("پرسش‌نامه تکمیل شده", "Surveyed"),
    "qualification_visited": ("بازدید شده", "Visited"),
    "qualification_approved": ("تأیید شده", "Approved"),
    "qualification_conditional": ("تأیید مشروط", "Conditionally approved"),
    "qualification_rejected": ("رد شده", "Rejected"),
    "qualification_suspended": ("تعلیق شده", "Suspended"),
    "qualification_expired": ("منقضی", "Expired"),
    "provenance_self_declared": ("اظهار خود تأمین‌کننده", "Self-declared"),
    "provenance_register": ("ثبت انجمن", "The association's register"),
    "provenance_visit": ("تأییدشده در بازدید", "Verified on a visit"),
    "provenance_demo": ("ساختگی (نمایشی)", "Made up (demo)"),
    "knowledge_based": ("دانش‌بنیان", "Knowledge-based"),
    "certificate_valid_until": ("معتبر تا {date}", "Valid until {date}"),
    "certificate_expiring": ("رو به انقضا: تا {date}", "Expiring: valid until {date}"),
    "certificate_expired_on": ("منقضی از {date}", "Expired on {date}"),
    "certificate_not_yet": ("از {date} معتبر", "Valid from {date}"),
    # needs: the workflow, criticality, units
    "need_status_open": ("باز (فقط سازمان خودتان)", "Open (your organisation only)"),
    "need_status_published": ("منتشرشده", "Published"),
    "need_status_matched": ("تأمین‌کننده انتخاب شده", "Matched"),
    "need_status_prototype": ("ساخت نمونه", "Prototype"),
    "need_status_trial": ("آزمایش در کارخانه", "On trial"),
    "need_status_approved_source": ("منبع تأییدشده", "Approved source"),
    "need_status_closed": ("بسته", "Closed"),
    "criticality_A": ("حیاتی (A)", "Critical (A)"),
    "criticality_B": ("مهم (B)", "Important (B)"),
    "criticality_C": ("عادی (C)", "Routine (C)"),
    "unit_t": ("{value} تن", "{value} t"),
    "unit_kg": ("{value} کیلوگرم", "{value} kg"),
    "unit_piece": ("{value} عدد", "{value} pieces"),
    "unit_piece#one": ("{value} عدد", "{value} piece"),
    "unit_set": ("{value} دست", "{value} sets"),
    "unit_set#one": ("{value} دست", "{value} set"),
    "unit_m": ("{value} متر", "{value} m"),
    "unit_m3": ("{value} مترمکعب", "{value} m³"),
    "unit_l": ("{value} لیتر", "{value} L"),
    "per_year": ("{amount} در سال", "{amount} a year"),
    "eur_amount": ("{value} یورو", "€{value}"),
    "km_amount": ("{value} کیلومتر", "{value} km"),
    # why the server refuses a write of a shared record (models/access.py: REFUSAL_CODES)
    "refusal_role_may_not_write": (
        "حساب شما با این نقش اجازهٔ این کار را ندارد.",
        "Your account's role may not do this.",
    ),
    "refusal_no_organisation": (
        "حساب شما به هیچ سازمانی وصل نیست؛ از انجمن بخواهید سازمانتان را ثبت کند.",
        "Your account belongs to no organisation; ask the association to set it.",
    ),
    "refusal_not_your_organisation": ("این مورد متعلق به سازمان دیگری است.", "This belongs to another organisation."),
    "refusal_plant_not_owned": (
        "این کارخانه متعلق به سازمان شما نیست؛ نیاز را فقط برای کارخانه‌های خودتان می‌توانید ثبت کنید.",
        "This plant is not your organisation's; you raise needs only for your own plants.",
    ),
    "refusal_no_such_plant": ("این کارخانه در اطلس سرور نیست.", "The server's atlas has no such plant."),
    "refusal_plant_changed": ("کارخانهٔ یک نیاز عوض نمی‌شود.", "A need stays with its plant."),
    "refusal_fixed_field": ("این بخش را فقط سرور می‌نویسد.", "Only the server writes this field."),
    "refusal_status_move_not_allowed": (
        "این تغییر وضعیت در روند نیاز مجاز نیست.",
        "The workflow does not allow this status change.",
    ),
    "refusal_delete_not_allowed": (
        "نیاز پاک نمی‌شود، بسته می‌شود (پیشینه‌اش می‌ماند).",
        "A need is closed, not deleted (its history stays).",
    ),
    "refusal_no_such_need": (
        "این نیاز وجود ندارد یا شما به آن دسترسی ندارید.",
        "This need does not exist or is not visible to you.",
    ),
    "refusal_need_not_open_for_answers": (
        "این نیاز منتشر نشده یا بسته شده و پاسخ نمی‌پذیرد.",
        "The need is not published, or is closed, and takes no answers.",
    ),
    "refusal_no_such_answer": ("پاسخی نیست که به آن جواب دهید.", "There is no answer to reply to."),
}
