"""The server's import-gem gives every plant, mine, owner and town the same Persian names as the app's import."""

from __future__ import annotations

import pytest

from sync.atlas_import import import_gem_into_store
from sync.store import LocalStore
from tests.server.helpers import SHARED_DATA, Api
from tests.support.live_server import LiveServer

needs_gem_data = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=f"GEM data not found at {SHARED_DATA}")


@needs_gem_data
def test_server_import_gem_serves_the_same_named_records_as_the_apps_own_import(
    live_server: LiveServer, member: Api
) -> None:
    completed = live_server.run_cli("import-gem", str(SHARED_DATA))
    served = {
        collection: {item["id"]: item["data"] for item in member.pull_all(collection)[0]}
        for collection in ("plants", "mines")
    }
    app = LocalStore.in_memory()
    import_gem_into_store(app, SHARED_DATA)
    imported = {
        "plants": {p.id: p.model_dump(mode="json") for p in app.plants.all()},
        "mines": {m.id: m.model_dump(mode="json") for m in app.mines.all()},
    }

    assert "names not in the Persian names table" not in completed.stdout  # the table knows every name
    assert served == imported  # the whole records, names, aliases, owners and towns included
    gol_gohar = served["mines"]["P100000128556"]
    assert gol_gohar["name_fa"] == "معدن سنگ آهن گل‌گهر"
    assert gol_gohar["place"]["municipality_fa"] == "سیرجان"
    assert gol_gohar["owners"][0]["name_fa"] == "شرکت معدنی و صنعتی گل‌گهر"
