"""Words of the balance and charts screens: key → (Persian, English). Registered by views/balance/__init__.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the balance screen ----
    "balance_title": ("توازن زنجیرهٔ فولاد", "Steel chain balance"),
    "balance_intro": (
        "عرضهٔ هر مرحله در برابر خوراکی که ظرفیت مرحلهٔ بعد لازم دارد.",
        "Each stage's supply against the feed the next stage's capacity needs.",
    ),
    "balance_tab_chain": ("توازن", "Balance"),
    "balance_tab_charts": ("نمودارها", "Charts"),
    "scenario_label": ("سناریو", "Scenario"),
    "scenario_operating": ("فعال", "Operating"),
    "scenario_construction": ("+ در دست ساخت", "+ Construction"),
    "scenario_announced": ("+ اعلام‌شده", "+ Announced"),
    "scenario_about_operating": ("ظرفیت‌های در حال بهره‌برداری", "Capacity operating today"),
    "scenario_about_construction": (
        "ظرفیت‌های فعال به‌اضافهٔ در دست ساخت",
        "Operating capacity plus what is under construction",
    ),
    "scenario_about_announced": (
        "ظرفیت‌های فعال، در دست ساخت، اعلام‌شده و پیشنهادی",
        "Operating, under construction, announced and proposed capacity",
    ),
    "balance_province": ("استان", "Province"),
    "balance_several_provinces": (
        "در اطلس چند استان انتخاب شده است؛ این ارقام برای کل ایران است.",
        "Several provinces are chosen in the atlas: these figures are for all of Iran.",
    ),
    "balance_where": ("{place} · {scenario}", "{place} · {scenario}"),
    # stages: in a sentence, and as a card's title
    "stage_iron_ore": ("سنگ آهن استخراجی", "run-of-mine ore"),
    "stage_concentrate": ("کنسانتره", "concentrate"),
    "stage_pellet": ("گندله", "pellet"),
    "stage_dri": ("آهن اسفنجی", "DRI"),
    "stage_bf": ("چدن مذاب (کورهٔ بلند)", "hot metal (blast furnace)"),
    "stage_crude_steel": ("فولاد خام", "crude steel"),
    "stage_title_iron_ore": ("سنگ آهن استخراجی", "Run-of-mine iron ore"),
    "stage_title_concentrate": ("کنسانتره", "Concentrate"),
    "stage_title_pellet": ("گندله", "Pellet"),
    "stage_title_dri": ("آهن اسفنجی", "DRI"),
    "stage_title_bf": ("چدن مذاب (کورهٔ بلند)", "Hot metal (blast furnace)"),
    "stage_title_crude_steel": ("فولاد خام", "Crude steel"),
    # who needs a stage's output, and in which scenario
    "consumer_iron_ore": ("کارخانه‌های گندله‌سازی و کوره‌های بلند", "pellet plants and blast furnaces"),
    "consumer_concentrate": ("کارخانه‌های گندله‌سازی و کوره‌های بلند", "pellet plants and blast furnaces"),
    "consumer_pellet": ("آهن اسفنجی", "DRI"),
    "consumer_dri": ("کوره‌های قوس الکتریکی", "EAFs"),
    "consumer_bf": ("کنورتورهای اکسیژنی", "BOFs"),
    "feed_operating": ("{consumer} فعال", "operating {consumer}"),
    "feed_construction": ("{consumer} فعال و در دست ساخت", "{consumer} operating or under construction"),
    "feed_announced": (
        "{consumer} فعال، در دست ساخت و اعلام‌شده",
        "{consumer} operating, under construction or announced",
    ),
    # one plain sentence per stage
    "line_deficit": ("{stage}: {amount} کمبود برای {feed}", "{stage}: {amount} short for {feed}"),
    "line_surplus": ("{stage}: {amount} بیش از نیاز {feed}", "{stage}: {amount} more than {feed} need"),
    "line_even": ("{stage}: عرضه درست به اندازهٔ نیاز {feed} است", "{stage}: supply just meets what {feed} need"),
    "line_no_supply": (
        "{stage}: دادهٔ عرضه نیست؛ {feed} {amount} لازم دارند",
        "{stage}: no supply data; {feed} need {amount}",
    ),
    "line_no_requirement": (
        "{stage}: {amount} ظرفیت؛ نیاز نورد داده ندارد",
        "{stage}: {amount} of capacity; what rolling mills need is not known",
    ),
    "line_nothing": ("{stage}: نه عرضه‌ای ثبت شده و نه نیازی", "{stage}: neither supply nor need recorded"),
    "bar_supply": ("عرضه", "Supply"),
    "bar_requirement": ("نیاز", "Need"),
    "no_data": ("بدون داده", "No data"),
    "gap_deficit": ("کمبود {amount}", "Short {amount}"),
    "gap_surplus": ("مازاد {amount}", "Surplus {amount}"),
    "gap_even": ("متوازن", "Balanced"),
    "no_data_concentrate": (
        "GEM کارخانه‌های کنسانتره را پوشش نمی‌دهد: «بدون داده» است، نه صفر.",
        "GEM does not cover concentrate plants: no data, not zero.",
    ),
    "no_data_rolling": (
        "GEM نورد را پوشش نمی‌دهد: نیاز این مرحله «بدون داده» است، نه صفر.",
        "GEM does not cover rolling mills: this stage's need is no data, not zero.",
    ),
    "ore_partial": (
        "GEM تنها بخشی از معادن را پوشش می‌دهد ({count} معدن در این انتشار)؛ عرضهٔ سنگ آهن کمتر از واقع است.",
        "GEM covers only some mines ({count} in this release): the ore supply is understated.",
    ),
    "passed_through": (
        "چون دادهٔ کنسانتره نیست، نیاز سنگ آهن چنان حساب شده که گویی کنسانتره "
        "درست خوراک گندله‌سازی و کورهٔ بلند را می‌دهد.",
        "With no concentrate data, the ore need assumes concentrate exactly feeds "
        "the pellet plants and blast furnaces.",
    ),
    "status_unknown_part": (
        "{amount} از این عرضه در منبع وضعیت ندارد و در هر سناریو شمرده شده است.",
        "{amount} of this supply has no status in the source and is counted in every scenario.",
    ),
    "amount_unknown_part": (
        "بدون مقدار در منبع، و در جمع نیامده ({count}): {names}",
        "No amount in the source, not in the sum ({count}): {names}",
    ),
    "stage_open_provinces": ("{stage} به تفکیک استان", "{stage} by province"),
    "stage_close_provinces": ("بستن استان‌های {stage}", "Hide {stage} by province"),
    "provinces_title": ("{stage} به تفکیک استان", "{stage} by province"),
    "provinces_hint": (
        "کمبودها اول؛ استانی را بزنید تا توازن آن را ببینید.",
        "Shortfalls first; tap a province to see its balance.",
    ),
    "provinces_none": (
        "هیچ استانی در این مرحله ظرفیت یا نیازی ندارد.",
        "No province has capacity or needs at this stage.",
    ),
    "stage_map_semantics": (
        "نقشهٔ {stage} به تفکیک استان. استانی را بزنید تا توازن آن را ببینید.",
        "Map of {stage} by province. Tap a province to see its balance.",
    ),
    "stage_map_note": (
        "هرچه رنگ پررنگ‌تر، فاصله بیشتر؛ استانی را بزنید تا توازن آن را ببینید.",
        "The deeper the colour, the bigger the gap; tap a province to see its balance.",
    ),
    "map_short": ("کمبود", "short"),
    "map_surplus": ("مازاد", "surplus"),
    "province_supply_need": ("عرضه: {supply} · نیاز: {need}", "Supply: {supply} · need: {need}"),
    "balance_sources": ("منبع ارقام", "Where these figures come from"),
    "balance_sources_basis": (
        "ظرفیت‌ها از GEM است؛ هر ضریب تبدیل و منبع آن زیر «ضریب‌های تبدیل» آمده است.",
        "Capacities are GEM's; each conversion ratio and its source are listed under 'Conversion ratios'.",
    ),
    # ---- ratios ----
    "ratios_title": ("ضریب‌های تبدیل", "Conversion ratios"),
    "ratios_intro": (
        "تن ورودی به ازای هر تن خروجی. هر ضریب در بازهٔ منتشرشده‌اش می‌ماند.",
        "Tonnes of input per tonne of output. Each ratio stays within its published range.",
    ),
    "ratios_reset": ("بازگشت به پیش‌فرض‌ها", "Reset to defaults"),
    "ratios_changed": ("ضریب‌ها با پیش‌فرض‌ها فرق دارند.", "Ratios differ from the defaults."),
    "ratio_meta": ("پیش‌فرض {default} · بازه {low} تا {high}", "Default {default} · range {low}–{high}"),
    "ratio_source": ("منبع: {source}", "Source: {source}"),
    "ratio_decrease": ("کم کردن {name}", "Decrease: {name}"),
    "ratio_increase": ("زیاد کردن {name}", "Increase: {name}"),
    "ratio_field": ("ضریب", "Ratio"),
    "ratio_range_short": ("{low} تا {high}", "{low}–{high}"),
    "ratio_not_a_number": ("عدد بنویسید", "Type a number"),
    "ratio_kept_in_range": ("به بازهٔ مجاز برگردانده شد: {value}", "Brought within the range: {value}"),
    "ratio_ore_per_concentrate": ("سنگ استخراجی به ازای هر تن کنسانتره", "Run-of-mine ore per t of concentrate"),
    "ratio_source_ore_per_concentrate": (
        "ارقام خود چادرملو ۱٫۴۷ را می‌دهد؛ طرح‌های ملی ۱٫۶۱ تا ۱٫۷۷ به کار می‌برند",
        "Chadormalu's own figures give 1.47; national plans use 1.61–1.77",
    ),
    "ratio_concentrate_per_pellet": ("کنسانتره به ازای هر تن گندله", "Concentrate per t of pellet"),
    "ratio_source_concentrate_per_pellet": (
        "رویهٔ متداول گندله‌سازی (افت رطوبت و توازن چسب)",
        "Usual pelletising practice (moisture and binder balance losses)",
    ),
    "ratio_pellet_per_dri": ("گندله به ازای هر تن آهن اسفنجی", "Pellet per t of DRI"),
    "ratio_source_pellet_per_dri": (
        "رقمی که انجمن تولیدکنندگان گندلهٔ ایران منتشر می‌کند",
        "The figure Iran's pellet producers' association publishes",
    ),
    "ratio_dri_per_eaf_steel_all_dri": (
        "آهن اسفنجی به ازای هر تن فولاد قوس الکتریکی (بار تمام آهن اسفنجی)",
        "DRI per t of EAF steel (all-DRI charge)",
    ),
    "ratio_source_dri_per_eaf_steel_all_dri": (
        "بازده کورهٔ قوس با بار ۱۰۰٪ آهن اسفنجی یا بریکت گرم",
        "EAF yield on a 100% DRI or HBI charge",
    ),
    "ratio_dri_share_of_eaf_charge": ("سهم آهن اسفنجی در بار فلزی کورهٔ قوس", "DRI share of the EAF metallic charge"),
    "ratio_source_dri_share_of_eaf_charge": (
        "فرض ما: کوره‌های قوس ایران بیشتر با آهن اسفنجی کار می‌کنند و باقی بار قراضه و چدن است؛ برای آزمودن بارهای "
        "دیگر تغییرش دهید",
        "Our assumption: Iranian EAFs run mostly on DRI, the rest is scrap and hot metal; change it to test other "
        "charges",
    ),
    "ratio_ore_per_hot_metal": (
        "سنگ آهن به ازای هر تن چدن (بار کورهٔ بلند)",
        "Iron ore per t of hot metal (blast-furnace burden)",
    ),
    "ratio_source_ore_per_hot_metal": (
        "worldsteel: حدود ۱٫۶ تن سنگ آهن برای هر تن چدن",
        "worldsteel: about 1.6 t of iron ore per t of hot metal",
    ),
    "ratio_hot_metal_per_bof_steel": ("چدن مذاب به ازای هر تن فولاد کنورتور", "Hot metal per t of BOF steel"),
    "ratio_source_hot_metal_per_bof_steel": (
        "فرض ما: بار کنورتور حدود ۸۰ تا ۹۰٪ چدن مذاب، به‌اضافهٔ افت بازده",
        "Our assumption: a BOF charge of roughly 80–90% hot metal, plus yield losses",
    ),
    # ---- what-if units ----
    "whatif_title": ("واحدهای فرضی", "What-if units"),
    "whatif_intro": (
        "واحدی فرضی بیفزایید (ظرفیت منفی یعنی کنار رفتن واحدی)؛ مرحله‌هایی که خوراکش را می‌دهند فوراً تغییر می‌کنند.",
        "Add a hypothetical unit (a negative capacity takes one away); the stages that feed it change at once.",
    ),
    "whatif_process": ("فرایند", "Process"),
    "whatif_capacity": ("ظرفیت ({unit})", "Capacity ({unit})"),
    "whatif_province": ("استان", "Province"),
    "whatif_no_province": ("بدون استان (فقط در جمع کل ایران)", "No province (in the all-Iran total only)"),
    "whatif_add": ("افزودن واحد فرضی", "Add a what-if unit"),
    "whatif_bad_amount": (
        "عددی غیرصفر تا {max} بنویسید، مثلاً {example} یا {away}.",
        "Type a non-zero number up to {max}, e.g. {example} or {away}.",
    ),
    "whatif_none": ("هنوز واحد فرضی‌ای نیست.", "No what-if units yet."),
    "whatif_row": ("{process} · {amount} · {province}", "{process} · {amount} · {province}"),
    "whatif_remove": ("برداشتن این واحد فرضی", "Remove this what-if unit"),
    "assumptions_default": (
        "توازن پیش‌فرض: ضریب‌های منتشرشده، بدون واحد فرضی",
        "The default balance: published ratios, no what-if units",
    ),
    "assumptions_changed": ("توازن پیش‌فرض نیست: {changes}", "Not the default balance: {changes}"),
    "assumptions_what_ifs": ("{count} واحد فرضی", "{count} what-if units"),
    "assumptions_what_ifs#one": ("{count} واحد فرضی", "{count} what-if unit"),
    "assumptions_ratios": ("{count} ضریب تغییریافته", "{count} changed ratios"),
    "assumptions_ratios#one": ("{count} ضریب تغییریافته", "{count} changed ratio"),
    "assumptions_reset": ("بازگشت به پیش‌فرض", "Back to the default"),
    # ---- home ----
    "home_balance_title": ("توازن زنجیره", "Chain balance"),
    "home_balance_basis": (
        "کل ایران، ظرفیت‌های فعال، ضریب‌های پیش‌فرض",
        "All of Iran, operating capacity, default ratios",
    ),
    "home_balance_deficit": ("بیشترین کمبود", "Biggest deficit"),
    "home_balance_surplus": ("بیشترین مازاد", "Biggest surplus"),
    "home_balance_none": ("هیچ مرحله‌ای کمبود ندارد", "No stage is short"),
    "home_balance_no_surplus": ("هیچ مرحله‌ای مازاد ندارد", "No stage has a surplus"),
    "home_balance_open": ("دیدن توازن زنجیره", "Open the chain balance"),
    # ---- the map ----
    # ---- charts ----
    "charts_by_province": ("ظرفیت به تفکیک استان و فرایند", "Capacity by province and process"),
    "charts_by_province_note": (
        "{scenario}. هر نوار ظرفیت محصولات گوناگون (سنگ، گندله، آهن، فولاد) را کنار هم می‌گذارد: "
        "استان‌ها را با هم بسنجید، نه تن‌های فرایندها را.",
        "{scenario}. Each bar puts different products (ore, pellet, iron, steel) side by side: "
        "compare provinces, not tonnes across processes.",
    ),
    "charts_pipeline": ("ظرفیت‌ها به تفکیک وضعیت", "Capacity by status"),
    "charts_pipeline_note": (
        "GEM برای ظرفیت گندله وضعیتی نمی‌دهد؛ آن را جدا نشان می‌دهیم.",
        "GEM gives no status for pellet capacity; it is shown apart.",
    ),
    "pipeline_operating": ("فعال", "operating"),
    "pipeline_construction": ("در دست ساخت", "under construction"),
    "pipeline_announced": ("اعلام‌شده یا پیشنهادی", "announced or proposed"),
    "pipeline_unknown": ("وضعیت نامعلوم", "status not given"),
    "chart_total": ("جمع {amount}", "Total {amount}"),
    "chart_unknown_count": ("و {count} ظرفیت بدون مقدار", "Plus {count} with no amount"),
    "chart_scale": ("مقیاس: ۰ تا {amount}", "Scale: 0 to {amount}"),
    "chart_none": ("ظرفیتی برای نشان دادن نیست.", "No capacity to show."),
    "chart_segment": ("{group}: {amount}", "{group}: {amount}"),
    "chart_row_semantics": ("{title}: جمع {total}. {parts}", "{title}: total {total}. {parts}"),
}
