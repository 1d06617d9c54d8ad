"""`kyo` as a user or a script runs it: a real subprocess, real key derivation cost."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import InvalidInput, UsageError
from app.passphrase import PassphraseSource
from tests.conftest import PROJECT

PASS = "correct horse battery"


def kyo(home: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    full_env.pop("QT_QPA_PLATFORM", None)
    full_env.update({"KYO_HOME": str(home)}, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "ui", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=full_env,
        timeout=120,
    )


def test_profile_lifecycle(home: Path) -> None:
    r = kyo(home, "profile", "create", "Asha", "--passphrase-stdin", stdin=PASS + "\n")
    assert r.returncode == 0, r.stderr
    assert "Created profile “Asha”" in r.stdout
    r = kyo(home, "profile", "create", "अनीता", "--passphrase-stdin", stdin="दूसरा पासवर्ड\n")
    assert r.returncode == 0, r.stderr

    r = kyo(home, "profile", "list")
    assert r.returncode == 0
    assert r.stdout.splitlines() == ["Asha", "अनीता"]
    r = kyo(home, "profile", "list", "--json")
    assert json.loads(r.stdout) == [{"name": "Asha"}, {"name": "अनीता"}]

    r = kyo(
        home, "profile", "passwd", "Asha", "--passphrase-stdin", stdin="wrong pass\nnewpass123\n"
    )
    assert r.returncode == 1
    assert "not right" in r.stderr
    r = kyo(home, "profile", "passwd", "Asha", "--passphrase-stdin", stdin=f"{PASS}\nnewpass123\n")
    assert r.returncode == 0, r.stderr

    r = kyo(home, "profile", "delete", "Asha", "--yes", "--passphrase-stdin", stdin=PASS + "\n")
    assert r.returncode == 1  # the old passphrase no longer works
    assert "not right" in r.stderr
    r = kyo(home, "profile", "delete", "Asha", "--yes", "--passphrase-stdin", stdin="newpass123\n")
    assert r.returncode == 0, r.stderr
    assert kyo(home, "profile", "list").stdout.splitlines() == ["अनीता"]


def test_global_profile_options_work_after_the_subcommand_too(home: Path) -> None:
    r = kyo(home, "--passphrase-stdin", "profile", "create", "Asha", stdin=PASS + "\n")
    assert r.returncode == 0, r.stderr


def test_failures_and_usage_errors_have_distinct_exit_codes(home: Path) -> None:
    r = kyo(home, "profile", "create", "Asha", "--passphrase-stdin", stdin="short\n")
    assert r.returncode == 2
    assert "at least 8 characters" in r.stderr
    kyo(home, "profile", "create", "Asha", "--passphrase-stdin", stdin=PASS + "\n")
    r = kyo(home, "profile", "create", "asha", "--passphrase-stdin", stdin=PASS + "\n")
    assert r.returncode == 1
    assert "exists already" in r.stderr
    r = kyo(home, "profile", "passwd", "Nobody", "--passphrase-stdin", stdin="x\ny\n")
    assert r.returncode == 1
    assert "no profile named" in r.stderr
    r = kyo(home, "profile", "frobnicate")
    assert r.returncode == 2
    r = kyo(home, "profile", "delete", "Asha", "--passphrase-stdin", stdin=PASS + "\n")
    assert r.returncode == 2
    assert "--yes" in r.stderr
    # No terminal and no --passphrase-stdin: say how, don't hang.
    r = kyo(home, "profile", "create", "Ravi")
    assert r.returncode == 2
    assert "--passphrase-stdin" in r.stderr
    for result in (r,):
        assert "Traceback" not in result.stderr


def test_messages_in_hindi(home: Path) -> None:
    kyo(home, "profile", "create", "Asha", "--passphrase-stdin", stdin=PASS + "\n")
    r = kyo(
        home,
        "--lang",
        "hi",
        "profile",
        "passwd",
        "Asha",
        "--passphrase-stdin",
        stdin="bad\nlong enough new\n",
    )
    assert r.returncode == 1
    assert "पासफ़्रेज़ सही नहीं है" in r.stderr
    assert kyo(home, "settings", "set", "language", "hi").returncode == 0
    r = kyo(home, "profile", "list", "--json")
    assert json.loads(r.stdout) == [{"name": "Asha"}]
    r = kyo(home, "--help")
    assert "प्रोफ़ाइल" in r.stdout  # the saved language also applies to help


def test_help_lists_the_commands(home: Path) -> None:
    r = kyo(home, "--help")
    assert r.returncode == 0
    for command in ("profile", "settings", "paths"):
        assert command in r.stdout
    r = kyo(home, "profile", "--help")
    for action in ("create", "list", "passwd", "delete"):
        assert action in r.stdout


def test_no_display_says_how_to_run_instead_of_crashing(home: Path) -> None:
    r = kyo(home, env={"KYO_PROG": "./run.sh"})
    assert r.returncode == 1
    assert "xvfb-run -a ./run.sh" in r.stderr
    assert "QT_QPA_PLATFORM=offscreen ./run.sh" in r.stderr
    assert "Traceback" not in r.stderr


def test_subcommands_never_load_qt(home: Path) -> None:
    code = (
        "import sys; from ui.launcher import main; rc = main(['profile', 'list']); "
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))); "
        "print(qt); sys.exit(rc)"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, "KYO_HOME": str(home)},
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


def test_installed_entry_point(home: Path) -> None:
    script = Path(sys.executable).parent / "kyo"
    assert script.exists()
    r = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    assert r.stdout.startswith("kyo ")


def test_paths_command_follows_home_option(tmp_path: Path, home: Path) -> None:
    other = tmp_path / "elsewhere"
    r = kyo(home, "--home", str(other), "paths", "--json")
    assert json.loads(r.stdout)["root"] == str(other)
    assert json.loads(kyo(home, "paths", "--json").stdout)["root"] == str(home)


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_prompted_new_passphrase_must_match() -> None:
    answers = iter(["first one", "second one"])
    source = PassphraseSource(False, FakeTty(), prompt=lambda _p: next(answers))
    with pytest.raises(InvalidInput):
        source.read_new("New: ", "Again: ")
    answers = iter(["same thing", "same thing"])
    source = PassphraseSource(False, FakeTty(), prompt=lambda _p: next(answers))
    assert source.read_new("New: ", "Again: ") == "same thing"


def test_stdin_passphrases_keep_spaces_and_need_a_line() -> None:
    source = PassphraseSource(True, io.StringIO("  spaced out  \r\n"))
    assert source.read("") == "  spaced out  "
    with pytest.raises(UsageError):
        source.read("")
