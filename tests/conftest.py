"""Shared fixtures: a fresh data root per test, cheap key derivation for in-process tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import i18n
from app.core import Core
from app.crypto import KdfParams
from app.learning import Learner
from app.paths import Paths

pytest_plugins = ["tests.support.ralph_fixtures"]  # `ralph`: a real LRS on loopback

# The minimum cost a key file may carry: keeps in-process tests fast. The real cost is used by
# the tests that run `kyo` as a subprocess and by bench/unlock.py.
FAST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
PASS = "correct horse battery"
PROJECT = Path(__file__).resolve().parent.parent


def _samples() -> Path:
    """The shared third-party samples: $KYO_SAMPLES, else ../shared/samples beside the
    checkout (as the project is laid out), else the workplace's /work/shared/samples."""
    candidates = [PROJECT.parent / "shared" / "samples", Path("/work/shared/samples")]
    if os.environ.get("KYO_SAMPLES"):
        candidates.insert(0, Path(os.environ["KYO_SAMPLES"]))
    return next((c for c in candidates if c.is_dir()), candidates[0])


SAMPLES = _samples()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "kyo-home"
    monkeypatch.setenv("KYO_HOME", str(root))
    return root


@pytest.fixture
def core(home: Path) -> Core:
    return Core(Paths(home), kdf=FAST_KDF)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Each test starts in English, whatever the one before switched to."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def learner(core: Core) -> Iterator[Learner]:
    """An unlocked profile's learner (shadowed where a module needs more)."""
    core.profiles.create("Asha", PASS)
    session = core.profiles.unlock("Asha", PASS)
    yield core.learner(session)
    session.close()
