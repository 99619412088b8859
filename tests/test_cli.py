"""The command line on bad input and on the less common options: clear messages, non-zero exits, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_balance_of_an_empty_data_folder_says_to_import_first(tmp_path: Path) -> None:
    result = main_py("balance", "--json", "--data-dir", str(tmp_path / "new"))
    assert result.returncode == 2 and "import" in result.stderr and "Traceback" not in result.stderr


def test_unknown_province_and_scenario_are_refused(tmp_path: Path, shared_data: Path) -> None:
    assert main_py("import-gem", str(shared_data), "--data-dir", str(tmp_path)).returncode == 0
    province = main_py("balance", "--json", "--province", "IR-99", "--data-dir", str(tmp_path))
    assert province.returncode == 2 and "IR-99" in province.stderr
    scenario = main_py("balance", "--scenario", "someday", "--data-dir", str(tmp_path))
    assert scenario.returncode == 2 and "someday" in scenario.stderr  # argparse names the choices


def test_balance_from_production_says_no_data_where_gem_has_no_figures(tmp_path: Path, shared_data: Path) -> None:
    assert main_py("import-gem", str(shared_data), "--data-dir", str(tmp_path)).returncode == 0
    report = json.loads(main_py("balance", "--json", "--basis", "production", "--data-dir", str(tmp_path)).stdout)
    assert report["basis"] == "production"
    assert report["supply_tpa"]["iron_ore"] == (14000 + 12000 + 3200 + 1538 + 473) * 1000
    assert report["supply_tpa"]["pellet"] is None and report["balance_tpa"]["pellet"] is None


def test_a_data_folder_that_cannot_be_made_is_a_message_not_a_traceback(shared_data: Path) -> None:
    result = main_py("import-gem", str(shared_data), "--data-dir", "/proc/zanjireh-cannot-live-here")
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.strip()


def test_import_of_a_missing_folder_fails_and_names_it(tmp_path: Path) -> None:
    result = main_py("import-gem", str(tmp_path / "nowhere"), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2 and "nowhere" in result.stderr
