"""Importing reference data: one transaction under one version, unchanged rows keep theirs."""

from __future__ import annotations

import sqlalchemy as sa

from server import migrations
from tests.server.helpers import import_reference, make_mine, make_plant, make_source


def stored(url: str) -> dict[tuple[str, str], tuple[int, bool]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT collection, record_id, version, deleted FROM records"))
            return {(row[0], row[1]): (row[2], bool(row[3])) for row in rows}
    finally:
        engine.dispose()


def test_import_takes_one_version_for_every_row_it_changes(db_url: str) -> None:
    migrations.upgrade(db_url)

    report = import_reference(
        db_url, plants=[make_plant(1), make_plant(2)], mines=[make_mine(1)], sources=[make_source()]
    )

    assert {version for version, _deleted in stored(db_url).values()} == {report.version}
    assert {name: vars(c) for name, c in report.counts.items()} == {
        "plants": {"added": 2, "changed": 0, "removed": 0, "unchanged": 0},
        "mines": {"added": 1, "changed": 0, "removed": 0, "unchanged": 0},
        "sources": {"added": 1, "changed": 0, "removed": 0, "unchanged": 0},
    }


def test_reimport_keeps_unchanged_versions_and_tombstones_what_left(db_url: str) -> None:
    migrations.upgrade(db_url)
    first = import_reference(db_url, plants=[make_plant(1), make_plant(2), make_plant(3)], mines=[make_mine(1)])

    second = import_reference(db_url, plants=[make_plant(1), make_plant(2, name_en="Renamed"), make_plant(4)])
    rows = stored(db_url)

    assert second.version == first.version + 1
    assert rows[("plants", "P100000120001")] == (first.version, False)  # unchanged
    assert rows[("plants", "P100000120002")] == (second.version, False)  # changed
    assert rows[("plants", "P100000120003")] == (second.version, True)  # left the release
    assert rows[("plants", "P100000120004")] == (second.version, False)  # new
    assert rows[("mines", "P200000120001")] == (first.version, False)  # collection not imported: untouched
    assert vars(second.counts["plants"]) == {"added": 1, "changed": 1, "removed": 1, "unchanged": 1}


def test_reimport_of_a_removed_record_brings_it_back(db_url: str) -> None:
    migrations.upgrade(db_url)
    import_reference(db_url, plants=[make_plant(1), make_plant(2)])
    import_reference(db_url, plants=[make_plant(1)])

    third = import_reference(db_url, plants=[make_plant(1), make_plant(2)])

    assert stored(db_url)[("plants", "P100000120002")] == (third.version, False)
    assert third.counts["plants"].added == 1


def test_import_with_nothing_new_takes_no_version(db_url: str) -> None:
    migrations.upgrade(db_url)
    first = import_reference(db_url, plants=[make_plant(1)])

    again = import_reference(db_url, plants=[make_plant(1)])

    assert again.version == first.version and again.lines()[0].endswith("nothing changed")


def test_imports_are_recorded_for_audit(db_url: str) -> None:
    migrations.upgrade(db_url)
    import_reference(db_url, plants=[make_plant(1)])

    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(sa.text("SELECT imported_by, source, counts FROM imports")).one()
    finally:
        engine.dispose()
    assert row[0] == "tests" and row[1] == "tests"
