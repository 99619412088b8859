"""Messages of the balance screens: key → (Persian, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
