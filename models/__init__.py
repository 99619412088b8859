"""Zanjireh's domain: pydantic models and pure functions (no I/O, no flet)."""
