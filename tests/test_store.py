"""The encrypted store: nothing readable on disk, the wrong key opens nothing, one writer."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from app import db as dbmod
from app.errors import StoreError, StoreKeyError
from app.store import Store

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
MARKERS = ["MARKER-plaintext-4242", "अनीता शर्मा", "Course title: Ethics in Governance"]


def _write_markers(store: Store) -> None:
    def write(db: dbmod.Database) -> None:
        with db.atomic():
            for i, marker in enumerate(MARKERS):
                db.table("meta").insert({"key": f"k{i}", "value": marker})

    store.call(write)


def _assert_no_plaintext(folder: Path) -> list[Path]:
    seen = []
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        seen.append(path)
        for marker in MARKERS:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert marker.encode(encoding) not in data, f"{marker!r} in {path.name}"
        assert b"SQLite format 3" not in data[:100], f"{path.name} has a plaintext header"
    return seen


def test_database_and_wal_hold_no_plaintext(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db", KEY)
    _write_markers(store)
    # While open, the data sits in the WAL: check it before any checkpoint.
    wal = tmp_path / "p.db-wal"
    assert wal.exists() and wal.stat().st_size > 0
    files = _assert_no_plaintext(tmp_path)
    assert wal in files
    store.close()
    _assert_no_plaintext(tmp_path)
    # Control: the same rows in plain SQLite would be found by this check.
    plain = tmp_path.parent / "plain"
    plain.mkdir()
    conn = dbmod.dbapi2.connect(str(plain / "p.db"))
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("k", m) for m in MARKERS])
    conn.commit()
    conn.close()
    with pytest.raises(AssertionError):
        _assert_no_plaintext(plain)


def test_wrong_key_opens_nothing_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = Store(path, KEY)
    _write_markers(store)
    store.close()
    before = path.read_bytes()
    with pytest.raises(StoreKeyError):
        Store(path, OTHER_KEY)
    assert path.read_bytes() == before
    reopened = Store(path, KEY)
    values = reopened.call(lambda db: [r["value"] for r in db.table("meta").rows])
    reopened.close()
    assert values == MARKERS


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(StoreKeyError) as info:
        Store(path, KEY)
    assert "could not be opened" in info.value.message


def test_calls_from_many_threads_are_served_one_at_a_time(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db", KEY)
    inside = []
    overlaps = []

    def write(db: dbmod.Database, i: int) -> None:
        inside.append(i)
        if len(inside) > 1:
            overlaps.append(list(inside))
        db.execute("INSERT INTO meta VALUES (?, ?)", [f"k{i}", "v"])
        db.conn.commit()
        inside.remove(i)

    callers = [
        threading.Thread(target=lambda i=i: store.call(lambda db: write(db, i))) for i in range(20)
    ]
    for t in callers:
        t.start()
    for t in callers:
        t.join()
    count = store.call(lambda db: db.execute("SELECT count(*) FROM meta").fetchone()[0])
    store.close()
    assert overlaps == []
    assert count == 20


def test_database_errors_become_store_errors(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db", KEY)
    with pytest.raises(StoreError) as info:
        store.call(lambda db: db.execute("SELECT * FROM no_such_table"))
    assert "no_such_table" in info.value.detail
    store.close()


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db", KEY)
    store.close()
    with pytest.raises(StoreError, match="locked"):
        store.call(lambda db: None)
    store.close()  # twice is fine


def test_pragmas_are_applied(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db", KEY)
    mode, sync, fk = store.call(
        lambda db: (
            db.execute("PRAGMA journal_mode").fetchone()[0],
            db.execute("PRAGMA synchronous").fetchone()[0],
            db.execute("PRAGMA foreign_keys").fetchone()[0],
        )
    )
    store.close()
    assert (mode, sync, fk) == ("wal", 2, 1)


def test_sqlite_utils_uses_sqlcipher_errors() -> None:
    import sqlite_utils.utils

    assert sqlite_utils.utils.OperationalError is dbmod.dbapi2.OperationalError
