"""Where the app keeps its data folder on each platform."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Zanjireh"


def default_data_dir() -> Path:
    """The platform's app-data location; inside a packaged Flet app, the folder Flet gives us."""
    packaged = os.environ.get("FLET_APP_STORAGE_DATA")
    if packaged:
        return Path(packaged)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or Path.home() / "AppData/Local")
        return base / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME.lower()


def project_root() -> Path:
    return Path(__file__).resolve().parents[1]


def bundled_sample_data() -> Path | None:
    """``../shared/data`` beside a development checkout, when it exists (never inside the app)."""
    candidate = project_root().parent / "shared" / "data"
    return candidate if candidate.is_dir() else None
