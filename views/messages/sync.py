"""Messages of the sync screens: key → (Persian, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
