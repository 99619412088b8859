"""Messages of the balance, map and charts screens: key → (Persian, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "nav_balance": ("توازن زنجیره", "Balance"),
}
