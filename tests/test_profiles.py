"""Profiles through the core API: create, unlock, wrong passphrase, change, delete."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from app import crypto
from app.core import Core
from app.errors import (
    AlreadyExists,
    CorruptData,
    InvalidInput,
    NotFound,
    TooManyAttempts,
    WrongPassphrase,
)
from app.keyring import Keyring, pause_after
from app.paths import Paths
from tests.conftest import FAST_KDF, PASS


def _tree_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix != ".log"
    }


def _data_key(core: Core, name: str) -> bytes:
    info = core.profiles.find(name)
    return core.keyring.unlock(info.id, PASS)


def test_create_then_unlock(core: Core) -> None:
    info = core.profiles.create("  Asha Devi ", PASS)
    assert info.name == "Asha Devi"
    with core.profiles.unlock("asha devi", PASS) as session:  # names match without case
        assert session.info == info
        session.set_setting("language", "hi")
        assert session.get_setting("language") == "hi"
        assert session.get_setting("missing", 7) == 7
        name = session.store.call(
            lambda db: db.execute("SELECT value FROM meta WHERE key='display_name'").fetchone()[0]
        )
    assert name == "Asha Devi"


def test_devanagari_names(core: Core) -> None:
    core.profiles.create("अनीता शर्मा", PASS)
    assert [p.name for p in core.profiles.all()] == ["अनीता शर्मा"]
    core.profiles.unlock("अनीता शर्मा", PASS).close()


def test_wrong_passphrase_is_refused_and_changes_nothing(core: Core, home: Path) -> None:
    core.profiles.create("Asha", PASS)
    before = _tree_hashes(home)
    with pytest.raises(WrongPassphrase) as info:
        core.profiles.unlock("Asha", "not the passphrase")
    assert "not right" in info.value.message
    after = _tree_hashes(home)
    after.pop(str(Path("machine/keyring") / f"{core.profiles.find('Asha').id}.attempts.json"))
    assert after == before


def test_repeated_failures_are_slowed_down(home: Path) -> None:
    now = [1000.0]
    core = Core(Paths(home), kdf=FAST_KDF, clock=lambda: now[0])
    core.profiles.create("Asha", PASS)
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            core.profiles.unlock("Asha", "wrong one!")
    # Now even the right passphrase must wait.
    with pytest.raises(TooManyAttempts) as info:
        core.profiles.unlock("Asha", PASS)
    assert info.value.retry_after == pytest.approx(pause_after(3))
    assert "Try again in 2 seconds" in info.value.message
    now[0] += pause_after(3) + 0.1
    with pytest.raises(WrongPassphrase):
        core.profiles.unlock("Asha", "wrong again")
    now[0] += 1
    with pytest.raises(TooManyAttempts):  # the pause doubled
        core.profiles.unlock("Asha", PASS)
    now[0] += pause_after(4)
    core.profiles.unlock("Asha", PASS).close()
    # Success clears the count.
    with pytest.raises(WrongPassphrase):
        core.profiles.unlock("Asha", "wrong once")
    core.profiles.unlock("Asha", PASS).close()


def test_pause_schedule_is_capped() -> None:
    assert [pause_after(n) for n in range(6)] == [0, 0, 0, 2, 4, 8]
    assert pause_after(100) == 60


def test_damaged_attempt_counter_does_not_skip_the_pause(core: Core, home: Path) -> None:
    info = core.profiles.create("Asha", PASS)
    core.paths.unlock_attempts(info.id).write_text("{not json")
    with pytest.raises(TooManyAttempts):
        core.profiles.unlock("Asha", PASS)


def test_change_passphrase_rewraps_without_touching_the_database(core: Core) -> None:
    info = core.profiles.create("Asha", PASS)
    with core.profiles.unlock("Asha", PASS) as session:
        session.set_setting("marker", "kept")
    db_path = core.paths.profile_db(info.id)
    db_before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    key_before = core.paths.wrapped_key(info.id).read_bytes()
    data_key = core.keyring.unlock(info.id, PASS)

    core.profiles.change_passphrase("Asha", PASS, "a new passphrase")

    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == db_before
    assert core.paths.wrapped_key(info.id).read_bytes() != key_before
    assert core.keyring.unlock(info.id, "a new passphrase") == data_key
    with pytest.raises(WrongPassphrase):
        core.profiles.unlock("Asha", PASS)
    with core.profiles.unlock("Asha", "a new passphrase") as session:
        assert session.get_setting("marker") == "kept"


def test_change_passphrase_needs_the_old_one(core: Core) -> None:
    info = core.profiles.create("Asha", PASS)
    key_before = core.paths.wrapped_key(info.id).read_bytes()
    with pytest.raises(WrongPassphrase):
        core.profiles.change_passphrase("Asha", "wrong old one", "a new passphrase")
    with pytest.raises(InvalidInput):
        core.profiles.change_passphrase("Asha", PASS, "short")
    assert core.paths.wrapped_key(info.id).read_bytes() == key_before


def test_delete_removes_everything(core: Core, home: Path) -> None:
    keep = core.profiles.create("Ravi", PASS)
    info = core.profiles.create("Asha", PASS)
    with pytest.raises(WrongPassphrase):
        core.profiles.delete("Asha", "wrong passphrase")
    assert core.paths.profile_db(info.id).exists()
    core.profiles.delete("Asha", PASS)
    assert [p.name for p in core.profiles.all()] == ["Ravi"]
    assert not core.paths.profile_dir(info.id).exists()
    assert not core.paths.wrapped_key(info.id).exists()
    assert not any(info.id in str(p) for p in home.rglob("*"))
    with pytest.raises(NotFound):
        core.profiles.unlock("Asha", PASS)
    core.profiles.unlock("Ravi", PASS).close()
    assert core.paths.profile_db(keep.id).exists()


def test_names_are_unique_and_checked(core: Core) -> None:
    core.profiles.create("Asha", PASS)
    with pytest.raises(AlreadyExists):
        core.profiles.create("ASHA", PASS)
    for bad in ("", "   ", "x" * 65, "tab\there"):
        with pytest.raises(InvalidInput):
            core.profiles.create(bad, PASS)
    with pytest.raises(InvalidInput):
        core.profiles.create("Ravi", "short")
    assert [p.name for p in core.profiles.all()] == ["Asha"]


def test_registry_reveals_only_display_names(core: Core) -> None:
    core.profiles.create("Asha", PASS)
    core.profiles.create("Ravi", "another passphrase")
    doc = json.loads(core.paths.profile_registry.read_text())
    assert {tuple(sorted(p)) for p in doc["profiles"]} == {("id", "name")}
    assert sorted(p["name"] for p in doc["profiles"]) == ["Asha", "Ravi"]
    # Listing needs no passphrase and a fresh Core (another process) sees the same.
    assert [p.name for p in Core(core.paths, kdf=FAST_KDF).profiles.all()] == ["Asha", "Ravi"]


def test_wrapped_key_file_holds_no_key(core: Core) -> None:
    info = core.profiles.create("Asha", PASS)
    data_key = _data_key(core, "Asha")
    text = core.paths.wrapped_key(info.id).read_bytes()
    salt = base64.b64decode(json.loads(text)["passphrase"]["kdf"]["salt"])
    kek = crypto.derive_kek(PASS, salt, FAST_KDF)
    for secret in (data_key, kek):
        for form in (secret, secret.hex().encode(), base64.b64encode(secret)):
            assert form not in text
    assert PASS.encode() not in text
    # Nothing else on disk holds the data key either.
    for path in core.paths.root.rglob("*"):
        if path.is_file():
            assert data_key not in path.read_bytes()
            assert data_key.hex().encode() not in path.read_bytes()


def test_key_files_cannot_be_swapped_between_profiles(core: Core) -> None:
    a = core.profiles.create("Asha", PASS)
    b = core.profiles.create("Ravi", PASS)
    doc = json.loads(core.paths.wrapped_key(a.id).read_text())
    doc["profile"] = b.id
    core.paths.wrapped_key(b.id).write_text(json.dumps(doc))
    with pytest.raises(WrongPassphrase):  # the AES-GCM AAD binds the key to its profile
        core.profiles.unlock("Ravi", PASS)


def test_tampered_kdf_cost_is_refused(core: Core) -> None:
    info = core.profiles.create("Asha", PASS)
    path = core.paths.wrapped_key(info.id)
    doc = json.loads(path.read_text())
    doc["passphrase"]["kdf"]["memory_kib"] = 8
    path.write_text(json.dumps(doc))
    with pytest.raises(CorruptData):
        core.profiles.unlock("Asha", PASS)


def test_missing_database_is_reported_not_recreated(core: Core) -> None:
    info = core.profiles.create("Asha", PASS)
    core.paths.profile_db(info.id).unlink()
    with pytest.raises(CorruptData):
        core.profiles.unlock("Asha", PASS)
    assert not core.paths.profile_db(info.id).exists()


def test_interrupted_create_leaves_only_an_orphan_that_is_swept(core: Core) -> None:
    orphan = "deadbeefdeadbeef"
    core.paths.profile_dir(orphan).mkdir(parents=True)
    Keyring(core.paths, kdf=FAST_KDF).create(orphan, PASS)
    assert core.profiles.all() == []  # not registered: not visible
    core.profiles.create("Asha", PASS)
    assert not core.paths.profile_dir(orphan).exists()
    assert not core.paths.wrapped_key(orphan).exists()


def test_passphrase_unicode_forms_match(core: Core) -> None:
    composed = "क्षत्रिय-ज्ञान-é"  # é as one code point
    decomposed = "क्षत्रिय-ज्ञान-e\u0301"
    core.profiles.create("Asha", composed)
    core.profiles.unlock("Asha", decomposed).close()


def test_default_kdf_cost_is_stored(home: Path) -> None:
    core = Core(Paths(home))
    info = core.profiles.create("Asha", PASS)
    assert core.keyring.kdf_params(info.id) == crypto.DEFAULT_KDF
