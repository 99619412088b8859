"""Sync as the member sees it: the engine hub, the session sync state, sync, account and conflict screens, notes."""
