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


def test_log_rotates_at_start(tmp_path: Path) -> None:
    import logging

    from app import logs

    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "kyo.log").write_bytes(b"x" * (logs.MAX_BYTES + 1))
    (folder / "kyo.log.1").write_text("older")
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        logs.setup_logging(folder)
        logging.getLogger("t").info("hello")
    finally:
        for handler in root.handlers[len(before) :]:
            handler.close()
            root.removeHandler(handler)
    assert (folder / "kyo.log.2").read_text() == "older"
    assert (folder / "kyo.log.1").stat().st_size == logs.MAX_BYTES + 1
    assert "hello" in (folder / "kyo.log").read_text()
