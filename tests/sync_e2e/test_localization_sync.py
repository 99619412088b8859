"""The directory and the needs reach the client from a real server: categories, suppliers and the needs
each account may see; another account on the same device sees only its own view; `main.py match` ranks
from the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer
from tests.sync_e2e.conftest import PASSWORD, Device

ROOT = Path(__file__).resolve().parents[2]
MOBARAKEH_STEEL_CO = "E100000001959"
ESFAHAN_STEEL_CO = "E100001010254"
TEMPLATES = ROOT / "docs" / "registers"


@pytest.fixture(scope="module")
def loc_server(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[LiveServer]:
    """The real atlas, 300 demo suppliers with 30 demo needs, and the register templates (N2032 is an
    open need of Esfahan Steel; N2031 a published one of Mobarakeh Steel). One server for the module:
    the tests only read from it."""
    database = tmp_path_factory.mktemp("loc-server") / "server.sqlite3"
    server = LiveServer(f"sqlite:///{database}").start()
    server.run_cli("import-gem", str(shared_data))
    server.run_cli("seed-demo", "300")
    server.run_cli("import-suppliers", str(TEMPLATES / "suppliers-template.csv"))
    server.run_cli("import-needs", str(TEMPLATES / "needs-template.csv"))
    server.run_cli("create-user", "msc", "--role", "member", "--org", MOBARAKEH_STEEL_CO, input=PASSWORD + "\n")
    server.run_cli("create-user", "esf", "--role", "member", "--org", ESFAHAN_STEEL_CO, input=PASSWORD + "\n")
    yield server
    server.close()


@pytest.mark.slow
def test_a_member_pulls_categories_suppliers_and_the_needs_they_may_see(loc_server: LiveServer, tmp_path: Path) -> None:
    device = Device(tmp_path / "phone", loc_server)
    device.sign_in("esf")

    result = device.sync()

    assert result.ok, result.error
    assert len(device.store.categories) == 73 and len(device.store.suppliers) == 302
    needs = {n.id: n for n in device.store.needs.all()}
    assert "N2032" in needs and needs["N2032"].status == "open"  # Esfahan Steel's own open need
    assert all(n.is_public or n.producer_org == ESFAHAN_STEEL_CO for n in needs.values())
    assert device.store.suppliers.get("S-DEMO-000001").demo is True  # type: ignore[union-attr]
    device.close()


def test_another_account_on_the_device_never_sees_the_previous_ones_open_needs(
    loc_server: LiveServer, tmp_path: Path
) -> None:
    device = Device(tmp_path / "phone", loc_server)
    device.sign_in("esf")
    assert device.sync().ok and device.store.needs.get("N2032") is not None

    device.sign_in("msc")
    assert device.store.needs.get("N2032") is None  # emptied at sign-in, before any pull
    result = device.sync()

    assert result.ok, result.error
    assert device.store.needs.get("N2032") is None and device.store.needs.get("N2031") is not None
    device.close()


def test_the_shared_collections_survive_a_restart_and_a_second_sync_pulls_nothing(
    loc_server: LiveServer, tmp_path: Path
) -> None:
    device = Device(tmp_path / "phone", loc_server)
    device.sign_in("msc")
    assert device.sync().ok
    count = len(device.store.needs)

    device = device.reopen()
    again = device.sync()

    assert len(device.store.needs) == count and again.ok
    assert again.pulled["needs"].total == 0 and again.pulled["suppliers"].total == 0
    device.close()


def test_main_py_match_ranks_the_synced_suppliers_for_a_need(loc_server: LiveServer, tmp_path: Path) -> None:
    data = tmp_path / "desktop"
    env = {**os.environ, "ZANJIREH_PASSWORD": PASSWORD}
    synced = subprocess.run(
        [sys.executable, "main.py", "sync", "--api", loc_server.url, "--user", "msc", "--data-dir", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert synced.returncode == 0, synced.stderr

    def match(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "main.py",
                "match",
                "N2031",
                "--json",
                "--on",
                "2026-12-01",
                "--data-dir",
                str(data),
                *extra,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    english = json.loads(match("--lang", "en").stdout)
    persian = json.loads(match("--lang", "fa", "--limit", "3").stdout)

    assert english["need"] == "N2031" and english["matches"]
    top = english["matches"][0]
    assert top["supplier_id"] == "S1042"  # approved for refractories, ISO 9001 valid, 44 km from Mobarakeh
    assert set(top) >= {"supplier_id", "score", "distance_km", "reasons", "demo"}
    assert top["summary"].startswith("approved for refractories until 1407/01/01 (2028-03-20) · ISO 9001 valid")
    scores = [m["score"] for m in english["matches"]]
    assert scores == sorted(scores, reverse=True)
    assert all(r["code"] and "points" in r for m in english["matches"] for r in m["reasons"])
    assert all(m["demo"] for m in english["matches"] if m["supplier_id"].startswith("S-DEMO-"))
    assert len(persian["matches"]) == 3
    assert persian["matches"][0]["summary"].startswith("تأیید شده برای نسوز تا ۱۴۰۷/۰۱/۰۱")
    missing = subprocess.run(
        [sys.executable, "main.py", "match", "N9999", "--data-dir", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert missing.returncode == 2 and "no need 'N9999'" in missing.stderr
