"""Words of sync: indicator, account, history, conflicts, notes, Home's news. Registered by views/sync/__init__.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the indicator on every screen ----
    "sync_state_not_configured": ("همگام‌سازی راه‌اندازی نشده", "Sync not set up"),
    "sync_state_sign_in_needed": ("برای همگام‌سازی وارد شوید", "Sign in to sync"),
    "sync_state_idle": ("همگام‌شده", "Synced"),
    "sync_state_waiting": ("در انتظار همگام‌سازی", "Waiting to sync"),
    "sync_state_never": ("هنوز همگام نشده", "Not synced yet"),
    "sync_state_syncing": ("در حال همگام‌سازی…", "Syncing…"),
    "sync_state_offline": ("آفلاین", "Offline"),
    "sync_state_backing_off": ("سرور پاسخ درستی نداد", "Server trouble"),
    "sync_state_upgrade_needed": ("برنامه را به‌روز کنید", "Update the app to sync"),
    "sync_state_storage_error": ("خطای ذخیره‌سازی", "Storage problem"),
    "sync_retry_in": ("تلاش دوباره تا {seconds} ثانیهٔ دیگر", "retrying in {seconds} s"),
    "sync_last": ("آخرین همگام‌سازی: {when}", "Last sync: {when}"),
    "sync_when": ("{date} ساعت {time}", "{date}, {time}"),
    "sync_when_ago": ("{when} ({ago})", "{when} ({ago})"),
    "sync_ago_now": ("همین حالا", "just now"),
    "sync_ago_minutes": ("{n} دقیقه پیش", "{n} min ago"),
    "sync_ago_hours": ("{n} ساعت پیش", "{n} h ago"),
    "sync_ago_days": ("{n} روز پیش", "{n} d ago"),
    "sync_pending": ("{count} در صف", "{count} waiting"),
    "sync_attention": ("{count} منتظر تصمیم شما", "{count} to resolve"),
    # ---- the sync screen ----
    "sync_title": ("همگام‌سازی", "Sync"),
    "sync_now": ("همگام‌سازی اکنون", "Sync now"),
    "sync_progress_start": ("در حال تماس با سرور…", "Contacting the server…"),
    "sync_progress_push": ("در حال فرستادن تغییرات شما…", "Sending your changes…"),
    "sync_progress_pull": ("در حال دریافت {collection}: {count} رکورد", "Receiving {collection}: {count} so far"),
    "sync_pending_long": (
        "{count} تغییر شما هنوز به سرور نرسیده است.",
        "Changes not on the server yet: {count}.",
    ),
    "sync_nothing_pending": ("همهٔ تغییرات شما به سرور رسیده است.", "All your changes have reached the server."),
    "sync_conflicts_count": ("{count} یادداشت در تعارض", "Notes in conflict: {count}"),
    "sync_rejected_count": ("{count} تغییرِ ردشده", "Refused changes: {count}"),
    "sync_last_error": ("آخرین خطا", "Last error"),
    "sync_retry": ("تلاش دوباره", "Try again"),
    "sync_account_line": ("وارد شده با نام {user} ({role})", "Signed in as {user} ({role})"),
    "sync_account_open": ("حساب کاربری", "Account"),
    "sync_not_configured_body": (
        "نشانی سرور انجمن هنوز وارد نشده است. اطلس بدون آن هم کار می‌کند؛ "
        "برای همگام‌سازی یادداشت‌ها و نشان‌شده‌ها وارد حساب خود شوید.",
        "No server address yet. The atlas works without one; sign in to sync your notes and favourites.",
    ),
    "sync_sign_in_body": (
        "برای همگام‌سازی وارد حساب خود شوید. اطلس و یادداشت‌های شما بدون آن هم روی این دستگاه هست.",
        "Sign in to sync. The atlas and your notes are on this device either way.",
    ),
    "sync_upgrade_body": (
        "سرور با این نسخهٔ برنامه همگام نمی‌شود. برنامه را به‌روز کنید؛ داده‌های شما روی دستگاه می‌ماند.",
        "The server no longer syncs with this version. Update the app; your data stays on the device.",
    ),
    "sync_go_sign_in": ("ورود به حساب", "Sign in"),
    "sync_section_conflicts": ("تعارض‌ها", "Conflicts"),
    "sync_conflicts_help": (
        "این یادداشت‌ها روی دستگاه دیگری هم تغییر کرده‌اند. هر دو نسخه نگه داشته شده تا شما انتخاب کنید.",
        "These notes were also changed on another device. Both copies are kept until you choose.",
    ),
    "sync_section_rejected": ("تغییرهایی که سرور نپذیرفت", "Changes the server refused"),
    "sync_rejected_help": (
        "این تغییرها اینجا می‌مانند تا دوباره بفرستید یا کنار بگذارید.",
        "They stay here until you try again or discard them.",
    ),
    "sync_section_history": ("تاریخچه", "History"),
    "sync_history_empty": ("هنوز همگام‌سازی‌ای انجام نشده است.", "No sync has run yet."),
    "sync_collection_favourites": ("نشان‌شده‌ها", "Favourites"),
    "sync_collection_notes": ("یادداشت‌ها", "Notes"),
    # ---- history entries ----
    "history_ok": ("کامل شد", "Completed"),
    "history_failed": ("ناتمام ماند", "Did not complete"),
    "history_result": ("{result} · {trigger}", "{result} · {trigger}"),
    "history_trigger_start": ("شروع برنامه", "app start"),
    "history_trigger_manual": ("به درخواست شما", "asked by you"),
    "history_trigger_sign_in": ("ورود به حساب", "sign-in"),
    "history_trigger_local_write": ("پس از تغییر شما", "after your change"),
    "history_trigger_timer": ("زمان‌بندی‌شده", "scheduled"),
    "history_trigger_connectivity": ("برگشت شبکه", "network back"),
    "history_trigger_resume": ("بازگشت به برنامه", "app resumed"),
    "history_trigger_command_line": ("خط فرمان", "command line"),
    "history_nothing": ("تغییری نبود", "Nothing new"),
    "history_attempts": ("{count} تلاش ناموفق از {since}", "{count} failed attempts since {since}"),
    "history_pulled": ("{collection}: {parts}", "{collection}: {parts}"),
    "history_added": ("{count} تازه", "{count} added"),
    "history_changed": ("{count} تغییر کرد", "{count} changed"),
    "history_removed": ("{count} حذف شد", "{count} removed"),
    "history_pushed": ("{count} تغییر شما فرستاده شد", "Your changes sent: {count}"),
    "history_push_conflicts": ("{count} تعارض", "Conflicts: {count}"),
    "history_push_rejected": ("{count} تغییر رد شد", "{count} refused"),
    "history_resync": ("{collection} از نو دریافت شد", "{collection} downloaded again"),
    "history_traffic": ("{requests} درخواست · {size} · {seconds} ثانیه", "Requests: {requests} · {size} · {seconds} s"),
    "history_delete_overrode_newer_edit": (
        "یادداشتی پاک شد که روی دستگاه دیگری تازه‌تر ویرایش شده بود.",
        "A note was deleted that had a newer edit on another device.",
    ),
    "size_bytes": ("{value} بایت", "{value} B"),
    "size_kb": ("{value} کیلوبایت", "{value} KB"),
    "size_mb": ("{value} مگابایت", "{value} MB"),
    # ---- conflicts ----
    "conflict_title": ("یادداشت روی {asset}", "Note on {asset}"),
    "conflict_reason_base_version_mismatch": (
        "روی دستگاه دیگری هم ویرایش شد.",
        "It was also edited on another device.",
    ),
    "conflict_reason_deleted_on_server": ("روی دستگاه دیگری پاک شد.", "It was deleted on another device."),
    "conflict_reason_already_exists": (
        "یادداشتی با همین شناسه روی سرور بود.",
        "The server already had a note with this id.",
    ),
    "conflict_reason_other": ("روی سرور هم تغییر کرده بود ({reason}).", "It had changed on the server too ({reason})."),
    "conflict_mine": ("نسخهٔ این دستگاه", "This device's copy"),
    "conflict_theirs": ("نسخهٔ سرور", "The server's copy"),
    "conflict_base": ("پیش از هر دو تغییر", "Before either change"),
    "conflict_deleted_here": ("روی این دستگاه پاک شده است.", "Deleted on this device."),
    "conflict_deleted_there": ("روی سرور پاک شده است.", "Deleted on the server."),
    "conflict_keep_mine": ("نگه‌داشتن نسخهٔ من", "Keep mine"),
    "conflict_keep_theirs": ("نگه‌داشتن نسخهٔ سرور", "Keep theirs"),
    "conflict_merge": ("ادغام", "Merge"),
    "conflict_merge_help": (
        "متن ادغام‌شده را ویرایش کنید؛ جایی که هر دو نسخه تغییر کرده‌اند، هر دو متن آمده است.",
        "Edit the merged text; where both copies changed, both texts are there.",
    ),
    "conflict_merge_save": ("ذخیرهٔ متن ادغام‌شده", "Save the merged text"),
    "conflict_resolved_mine": ("نسخهٔ شما نگه داشته شد و فرستاده می‌شود.", "Your copy was kept and will be sent."),
    "conflict_resolved_theirs": ("نسخهٔ سرور جای نسخهٔ شما را گرفت.", "The server's copy was taken."),
    "conflict_resolved_merge": (
        "متن ادغام‌شده ذخیره شد و فرستاده می‌شود.",
        "The merged text was saved and will be sent.",
    ),
    "conflict_missing": (
        "این تعارض دیگر وجود ندارد؛ شاید پیش‌تر حل شده باشد.",
        "This conflict is gone; it may have been resolved already.",
    ),
    "conflict_screen_title": ("حل تعارض", "Resolve a conflict"),
    "conflict_back": ("بازگشت به همگام‌سازی", "Back to sync"),
    # ---- refused (parked) operations ----
    "rejected_note": ("یادداشت روی {asset}", "Note on {asset}"),
    "rejected_favourite": ("نشان‌شده: {asset}", "Favourite: {asset}"),
    "rejected_other": ("{collection}: {id}", "{collection}: {id}"),
    "rejected_deleting": ("(پاک کردن)", "(deleting)"),
    "rejected_reason_invalid_data": (
        "سرور داده را نامعتبر دانست: {detail}",
        "The server found the data invalid: {detail}",
    ),
    # limits (docs/api.md, "Limits"): the limit in the reader's digits, what to do, and that nothing is lost
    "rejected_reason_quota_exceeded": (
        "فضای شما روی سرور پر است (حداکثر {limit} مورد)؛ چند یادداشت یا نشان قدیمی را پاک کنید. "
        "این تغییر روی همین دستگاه می‌ماند.",
        "Your space on the server is full (at most {limit} items): delete some old notes or favourites. "
        "This change stays on this device.",
    ),
    "rejected_reason_too_many_drafts": (
        "شما {limit} پیش‌نویس بازدید روی سرور دارید که بیشترین تعداد مجاز است؛ یکی را ارسال یا حذف کنید. "
        "این بازدید روی همین دستگاه می‌ماند.",
        "You already keep {limit} visit drafts on the server, the most allowed: submit or discard one. "
        "This visit stays on this device.",
    ),
    "rejected_reason_read_only_collection": (
        "این داده فقط‌خواندنی است و تنها با ورود داده تغییر می‌کند.",
        "This data is read-only; only an import changes it.",
    ),
    "rejected_reason_unknown_collection": (
        "سرور این نوع داده را نمی‌شناسد؛ شاید نسخهٔ برنامه و سرور با هم نمی‌خوانند.",
        "The server does not know this kind of data; the app and the server may not match.",
    ),
    "rejected_reason_invalid_action": (
        "سرور این نوع تغییر را نمی‌شناسد.",
        "The server does not know this kind of change.",
    ),
    "rejected_reason_invalid_record_id": (
        "شناسهٔ این رکورد از نظر سرور نامعتبر است.",
        "The server refuses this record's id.",
    ),
    "rejected_reason_rejected": ("سرور این تغییر را نپذیرفت.", "The server refused this change."),
    # refusals of needs and answers (models/access.py: REFUSAL_CODES); the server's English detail is not shown
    "rejected_reason_role_may_not_write": (
        "نقش حساب شما اجازهٔ این کار را نمی‌دهد.",
        "Your account's role does not allow this.",
    ),
    "rejected_reason_no_organisation": (
        "حساب شما به هیچ شرکتی وصل نیست؛ از مدیر انجمن بخواهید سازمان شما را تنظیم کند.",
        "Your account belongs to no company; ask the association's admin to set your organisation.",
    ),
    "rejected_reason_not_your_organisation": (
        "این مورد از آنِ سازمان دیگری است.",
        "This belongs to another organisation.",
    ),
    "rejected_reason_plant_not_owned": (
        "این واحد از آنِ سازمان شما نیست؛ نیاز را فقط برای واحدهای سازمان خودتان می‌توانید ثبت کنید.",
        "This plant is not your organisation's: needs are raised only for your own plants.",
    ),
    "rejected_reason_no_such_plant": (
        "این واحد در اطلس سرور نیست.",
        "The server's atlas has no such plant.",
    ),
    "rejected_reason_plant_changed": (
        "نیاز به واحد دیگری منتقل نمی‌شود.",
        "A need stays with the plant it was raised for.",
    ),
    "rejected_reason_fixed_field": (
        "این بخش از نیاز پس از ثبت تغییر نمی‌کند.",
        "This part of a need cannot change once it is raised.",
    ),
    "rejected_reason_status_move_not_allowed": (
        "گردش کار این تغییر وضعیت را اجازه نمی‌دهد.",
        "The workflow does not allow this status change.",
    ),
    "rejected_reason_delete_not_allowed": (
        "نیاز بسته می‌شود و پاسخ پس گرفته می‌شود؛ هیچ‌کدام پاک نمی‌شود.",
        "A need is closed and an answer withdrawn; neither is deleted.",
    ),
    "rejected_reason_no_such_need": (
        "این نیاز دیگر نیست یا برای شما دیدنی نیست.",
        "This need no longer exists or is not visible to you.",
    ),
    "rejected_reason_need_not_open_for_answers": (
        "این نیاز بسته شده و پاسخ تازه نمی‌پذیرد.",
        "This need is closed and takes no new answers.",
    ),
    "rejected_reason_no_such_answer": (
        "هنوز پاسخی نیست که به آن جواب دهید.",
        "There is no answer to reply to yet.",
    ),
    "rejected_retry": ("دوباره بفرست", "Try again"),
    "rejected_discard": ("کنار بگذار و نسخهٔ سرور را بگیر", "Discard, back to the server's copy"),
    "rejected_retried": ("دوباره در صف ارسال قرار گرفت.", "Queued to be sent again."),
    "rejected_discarded": ("کنار گذاشته شد؛ نسخهٔ سرور برگشت.", "Discarded; the server's copy is back."),
    # ---- account ----
    "account_title": ("حساب کاربری و همگام‌سازی", "Account and sync"),
    "account_api": ("نشانی سرور", "Server address"),
    "account_api_help": (
        "با {https} شروع می‌شود، مگر سرور روی همین رایانه باشد",
        "Starts with {https}, unless the server is on this computer",
    ),
    "account_username": ("نام کاربری", "User name"),
    "account_password": ("گذرواژه", "Password"),
    "account_password_show": ("نمایش گذرواژه", "Show the password"),
    "account_password_hide": ("پنهان کردن گذرواژه", "Hide the password"),
    "account_sign_in": ("ورود", "Sign in"),
    "account_signing_in": ("در حال ورود…", "Signing in…"),
    "account_sign_out": ("خروج از حساب", "Sign out"),
    "account_signed_in_as": ("وارد شده با نام {user}", "Signed in as {user}"),
    "account_role": ("نقش", "Role"),
    "account_server": ("سرور", "Server"),
    "account_unsent_warning": (
        "{count} تغییر هنوز فرستاده نشده؛ با خروج، روی همین دستگاه می‌ماند تا {user} دوباره وارد شود.",
        "Changes not sent yet: {count}. After signing out they wait on this device until {user} signs in again.",
    ),
    "account_data_stays": (
        "با خروج، یادداشت‌ها و نشان‌شده‌های شما روی این دستگاه می‌ماند.",
        "Signing out keeps your notes and favourites on this device.",
    ),
    "account_missing_fields": (
        "نشانی سرور، نام کاربری و گذرواژه را وارد کنید.",
        "Enter the server address, user name and password.",
    ),
    "account_password_not_kept": ("گذرواژه روی دستگاه نگه داشته نمی‌شود.", "The password is not kept on the device."),
    "account_tokens_secure": (
        "ورود شما در انبار امن این دستگاه نگه داشته می‌شود.",
        "Your sign-in is kept in this device's secure storage.",
    ),
    "account_tokens_app_data": (
        "این نسخه انبار امن ندارد: ورود شما در داده‌های برنامه روی رایانه‌ای که آن را اجرا می‌کند نگه داشته"
        " می‌شود و فقط حساب کاربری برنامه روی آن رایانه می‌تواند آن را بخواند. روی رایانهٔ مشترک، پس از کار"
        " از حساب خارج شوید.",
        "This version has no secure storage: your sign-in is kept in the app's data on the computer that runs"
        " it, readable only by the app's own account there. On a shared computer, sign out when you are done.",
    ),
    "account_open_sync": ("وضعیت همگام‌سازی", "Sync status"),
    "sync_signed_in": ("خوش آمدید، {user}. همگام‌سازی آغاز شد.", "Welcome, {user}. Syncing has started."),
    "sync_first_done": (
        "همگام‌سازی انجام شد؛ اطلس و یادداشت‌های شما روی این دستگاه به‌روز است.",
        "Sync complete: the atlas and your notes on this device are up to date.",
    ),
    "sync_first_failed": (
        "نخستین همگام‌سازی کامل نشد؛ نوار بالای صفحه می‌گوید چرا، و دوباره تلاش می‌شود.",
        "The first sync did not complete; the strip at the top says why, and it will try again.",
    ),
    "sign_in_unreachable": (
        "سرور در این نشانی پاسخ نداد. نشانی سرور و اتصال اینترنت را بررسی کنید.",
        "No server answered at this address. Check the server address and your internet connection.",
    ),
    "sync_signed_out": (
        "از حساب خارج شدید. داده‌های شما روی این دستگاه ماند.",
        "Signed out. Your data stays on this device.",
    ),
    "sync_signed_out_waiting": (
        "از حساب خارج شدید. {count} تغییر فرستاده‌نشده روی این دستگاه می‌ماند تا {user} دوباره وارد شود.",
        "Signed out. Unsent changes ({count}) stay on this device until {user} signs in again.",
    ),
    # ---- notes on plants and mines ----
    "notes_title": ("یادداشت‌های من", "My notes"),
    "notes_recent": ("آخرین یادداشت‌های من", "My latest notes"),
    "notes_none": (
        "هنوز یادداشتی ندارید. یادداشت‌ها فقط مال شماست و با حسابتان همگام می‌شود.",
        "No notes yet. Notes are yours alone and sync with your account.",
    ),
    "notes_add": ("یادداشت تازه", "Add a note"),
    "notes_hint": ("یادداشت شما…", "Your note…"),
    "notes_save": ("ذخیره", "Save"),
    "notes_cancel": ("انصراف", "Cancel"),
    "notes_edit": ("ویرایش یادداشت", "Edit the note"),
    "notes_delete": ("پاک کردن یادداشت", "Delete the note"),
    "notes_delete_confirm": ("این یادداشت پاک شود؟", "Delete this note?"),
    "notes_delete_yes": ("پاک شود", "Delete"),
    "notes_deleted": ("یادداشت پاک شد.", "Note deleted."),
    "notes_empty": ("یادداشت خالی است.", "The note is empty."),
    "notes_too_long": ("یادداشت بیش از {max} نویسه است.", "The note is longer than {max} characters."),
    "notes_unstorable": (
        "یادداشت نویسه‌ای نادیدنی دارد که نمی‌توان آن را ذخیره کرد (شاید از جای دیگری چسبانده شده). آن را بردارید.",
        "The note holds an invisible character that cannot be stored (perhaps pasted from elsewhere). Remove it.",
    ),
    "notes_draft_kept": (
        "پیش‌نویس شما نگه داشته شده است تا ذخیره یا رها کنید.",
        "Your draft is kept until you save or cancel it.",
    ),
    "notes_not_saved": ("ذخیره نشد؛ متن شما همین‌جا مانده است.", "Not saved; your text is still here."),
    "notes_edited": ("ویرایش: {when}", "Edited {when}"),
    "mark_synced": ("همگام‌شده", "Synced"),
    "mark_pending": ("در انتظار همگام‌سازی", "Waiting to sync"),
    "mark_conflict": ("در تعارض", "In conflict"),
    "mark_resolve": ("حل تعارض", "Resolve"),
    "mark_rejected": ("رد شد: {reason}", "Refused: {reason}"),
    "mark_rejected_open": ("بررسی", "Review"),
    "favourite_mark": ("در نشان‌شده‌های شما · {mark}", "In your favourites · {mark}"),
    # ---- Home's news of the last sync ----
    "news_title": ("تازه‌ها از آخرین همگام‌سازی", "New since the last sync"),
    "news_when": ("دریافت‌شده در همگام‌سازی {when}", "Received in the sync of {when}"),
    "news_checked_since": ("بررسی دوباره در {when}: چیز تازه‌تری نبود", "Checked again {when}: nothing newer"),
    "news_nothing": ("چیز تازه‌ای نیامده است؛ آخرین بررسی {when}", "Nothing new has come; last checked {when}"),
    "news_history": ("تاریخچهٔ همگام‌سازی", "Sync history"),
    "news_from_devices_notes": ("یادداشت‌ها از دستگاه‌های دیگرتان", "Notes from your other devices"),
    "news_from_devices_favourites": ("نشان‌شده‌ها از دستگاه‌های دیگرتان", "Favourites from your other devices"),
}
