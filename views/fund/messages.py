"""Words of the Fund's screens and of the ledger's export: key → (Persian, English). Registered by
views/fund/__init__.py. The Fund's domain words (instruments, stages, every refusal code) are in
models/fund_words.py, shared with the command line."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the ledger's export ----
    "fund_ledger_title": ("دفتر عمومی صندوق", "The Fund's public ledger"),
    "fund_ledger_summary": (
        "همهٔ حمایت‌های مصوب صندوق پژوهش و فناوری؛ مبالغ به ریال (IRR)، صرفه‌جویی ارزی به یورو",
        "Every award of the Research & Technology Fund; amounts in rials (IRR), FX savings in euros",
    ),
    "fund_ledger_source": (
        "دفتر عمومی صندوق پژوهش و فناوری زنجیره فولاد، همگام‌شده از سرور انجمن",
        "The Steel Research & Technology Fund's public ledger, synced from the association's server",
    ),
    "fund_ledger_licence": ("دادهٔ عمومی", "Public data"),
    "fund_ledger_totals": (
        "جمع: {awards} حمایت، درخواستی {applied} ریال، مصوب {awarded} ریال، پرداخت‌شده {disbursed} ریال",
        "Totals: {awards} awards, {applied} rials applied for, {awarded} rials awarded, {disbursed} rials disbursed",
    ),
    "fund_ledger_concentration": (
        "سهم ۱۰ دریافت‌کنندهٔ بزرگ از مبلغ مصوب: {share}٪؛ {repeat} دریافت‌کننده بیش از یک حمایت گرفته‌اند",
        "The 10 largest recipients took {share} % of the amount awarded; {repeat} recipients had more than one award",
    ),
    "fund_ledger_demo_rows": (
        "{count} ردیف از فراخوان‌های نمایشی است: ساختگی، نه حمایت واقعی (ستون «Demo»).",
        "{count} rows come from demo calls: made up, not real awards (the 'Demo' column).",
    ),
    "fund_ledger_empty": (
        "هنوز حمایتی در دفتر این دستگاه نیست (همگام‌سازی کنید).",
        "No award in this device's ledger yet (sync first).",
    ),
}
