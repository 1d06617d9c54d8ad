"""Schema upgrades: a version-1 file upgrades and keeps its data; newer files are refused."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from app import db as dbmod
from app import schema
from app.errors import SchemaTooNew, StoreError
from app.store import Store
from tests.fixtures.make_profile_v1 import FIXTURE_KEY, fixture_path

FIXTURE = Path(__file__).parent / "fixtures" / "profile_v1.db"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _raw_version(path: Path, key: bytes) -> int:
    conn = dbmod.connect(path, key)
    try:
        return dbmod.user_version(conn)
    finally:
        conn.close()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "profile.db"
    shutil.copyfile(FIXTURE, path)
    assert _raw_version(path, FIXTURE_KEY) == 1
    return path


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_every_shipped_version_upgrades_and_keeps_its_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / "profile.db"
    shutil.copyfile(fixture_path(version), path)
    assert _raw_version(path, FIXTURE_KEY) == version
    store = Store(path, FIXTURE_KEY)
    assert store.upgraded == list(range(version + 1, schema.SCHEMA_VERSION + 1))
    meta = store.call(lambda db: {r["key"]: r["value"] for r in db.table("meta").rows})
    settings = store.call(
        lambda db: {r["key"]: r["value"] for r in db.table("profile_settings").rows}
    )
    tables = store.call(lambda db: set(db.table_names()))
    store.close()
    assert meta["marker"] == "V1-MARKER-7f3a"
    assert {"statements", "item_progress", "course_progress"} <= tables
    if version >= 2:
        assert settings == {"language": '"hi"'}
    assert _raw_version(schema.backup_path(path, version), FIXTURE_KEY) == version


def test_version_1_file_upgrades_and_keeps_its_data(v1_copy: Path) -> None:
    store = Store(v1_copy, FIXTURE_KEY)
    assert store.upgraded == list(range(2, schema.SCHEMA_VERSION + 1))
    meta = store.call(lambda db: {r["key"]: r["value"] for r in db.table("meta").rows})
    tables = store.call(lambda db: set(db.table_names()))
    version = store.call(dbmod.user_version_of)
    store.close()
    assert meta == {"display_name": "अनीता Sharma", "marker": "V1-MARKER-7f3a"}
    assert "profile_settings" in tables
    assert version == schema.SCHEMA_VERSION
    # The copy taken before the upgrade is the version-1 database, still encrypted.
    backup = schema.backup_path(v1_copy, 1)
    assert _raw_version(backup, FIXTURE_KEY) == 1
    assert b"V1-MARKER" not in backup.read_bytes()


def test_upgrade_is_not_repeated(v1_copy: Path) -> None:
    Store(v1_copy, FIXTURE_KEY).close()
    again = Store(v1_copy, FIXTURE_KEY)
    assert again.upgraded == []
    again.close()


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "profile.db"
    Store(path, FIXTURE_KEY).close()
    conn = dbmod.connect(path, FIXTURE_KEY)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _sha(path)
    names_before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SchemaTooNew) as info:
        Store(path, FIXTURE_KEY)
    assert "newer version" in info.value.message
    assert _sha(path) == before
    assert not list(tmp_path.glob("*.bak"))
    assert sorted(p.name for p in tmp_path.iterdir()) == names_before


def test_failed_step_rolls_everything_back(v1_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_step(db: dbmod.Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        db.execute("THIS IS NOT SQL")

    monkeypatch.setitem(schema.STEPS, 3, broken_step)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    with pytest.raises(StoreError) as info:
        Store(v1_copy, FIXTURE_KEY)
    assert "left as it was" in info.value.message
    monkeypatch.undo()
    assert _raw_version(v1_copy, FIXTURE_KEY) == 1
    store = Store(v1_copy, FIXTURE_KEY)  # the real upgrade still works afterwards
    tables = store.call(lambda db: set(db.table_names()))
    store.close()
    assert "half_done" not in tables
    assert "profile_settings" in tables


def test_every_step_is_documented() -> None:
    assert sorted(schema.STEPS) == list(range(1, schema.SCHEMA_VERSION + 1))
    for step in schema.STEPS.values():
        assert step.__doc__ and step.__doc__.strip()
