"""Message catalogues per area, Persian and English side by side; views/i18n.py merges them into one."""
