"""Starting the app: first-run import, web mode and its address, the API setting, a locked data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sync.paths import bundled_sample_data, project_root
from sync.store import LocalStore
from views import app


def test_first_run_imports_the_sample_atlas_once(capsys: pytest.CaptureFixture[str]) -> None:
    if bundled_sample_data() is None:
        pytest.skip("no ../shared/data beside this checkout")
    store = LocalStore.in_memory()
    report = app.import_sample_on_first_run(store)
    assert report is not None and (report.plants, report.mines) == (47, 12)
    assert "Imported 47 plants and 12 mines" in capsys.readouterr().out
    assert app.import_sample_on_first_run(store) is None  # not empty any more: nothing imported again


def test_browser_mode_when_asked_or_when_there_is_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert app.wants_browser(web=False)
    monkeypatch.setenv("DISPLAY", ":0")
    assert not app.wants_browser(web=False)
    assert app.wants_browser(web=True)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("DISPLAY")
    assert not app.wants_browser(web=False)


def test_run_serves_offline_prints_the_address_and_keeps_the_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(main: object, **options: Any) -> None:
        calls.append(options)
        assert Path(options["upload_dir"]).is_dir()  # uploads land here while the app runs

    monkeypatch.setattr(app.ft, "run", fake_run)
    monkeypatch.setattr(app, "bundled_sample_data", lambda: None)
    app.run(data_dir=tmp_path, web=True, host=None, port=None, api="https://api.example.ir")
    assert "http://127.0.0.1:8550/" in capsys.readouterr().out
    (options,) = calls
    assert options["no_cdn"] is True and options["host"] == "127.0.0.1" and options["port"] == 8550
    assert Path(options["assets_dir"]) == project_root() / "assets"
    assert (Path(options["assets_dir"]) / "fonts" / "Vazirmatn-Variable.ttf").is_file()
    assert not Path(options["upload_dir"]).exists()  # removed when the app stops
    store = LocalStore.open(tmp_path)  # the folder was unlocked when the app stopped
    try:
        assert store.device.settings()["api_url"] == "https://api.example.ir"
    finally:
        store.close()


def test_a_data_folder_in_use_stops_the_app_with_a_clear_message(tmp_path: Path) -> None:
    holder = LocalStore.open(tmp_path)  # another Zanjireh has the folder
    try:
        done = subprocess.run(
            [sys.executable, "main.py", "--web", "--port", "1", "--data-dir", str(tmp_path)],
            cwd=project_root(),
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "ZANJIREH_LANG": "en"},
        )
    finally:
        holder.close()
    assert done.returncode != 0
    assert "Is Zanjireh already running?" in done.stderr
    assert "Traceback" not in done.stderr
