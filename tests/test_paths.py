from pathlib import Path

import pytest

from app.paths import Paths


def test_home_argument_beats_environment(tmp_path: Path) -> None:
    paths = Paths.resolve(tmp_path / "a", environ={"KYO_HOME": str(tmp_path / "b")})
    assert paths.root == tmp_path / "a"


def test_environment_beats_platform_default(tmp_path: Path) -> None:
    assert Paths.resolve(None, environ={"KYO_HOME": str(tmp_path / "b")}).root == tmp_path / "b"


def test_platform_default_when_nothing_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    paths = Paths.resolve(None, environ={})
    assert paths.root == tmp_path / "xdg" / "karmayogi-offline"


def test_machine_and_profile_parts_are_separate(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    assert paths.content_store.parent == paths.machine
    assert paths.settings_file.parent == paths.machine
    assert paths.profile_db("abc").parent == paths.profile_dir("abc")
    # The wrapped key is never stored beside the database it opens.
    assert paths.wrapped_key("abc").parent != paths.profile_dir("abc")


def test_ensure_makes_private_folders(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "root")
    paths.ensure()
    for folder in (paths.root, paths.machine, paths.keyring, paths.profiles):
        assert folder.is_dir()
        assert folder.stat().st_mode & 0o077 == 0
