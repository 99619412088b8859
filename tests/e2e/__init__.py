"""Browser tests: the real app served by main.py, driven in headless Debian chromium."""
