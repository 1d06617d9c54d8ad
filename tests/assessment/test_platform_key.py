"""Which private key opens sealed answer keys: the configured one, or the demo's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app import platform
from app.errors import NotFound
from app.paths import Paths
from content_cache import sealing


def test_a_demo_installation_uses_the_demo_assessment_key(home: Path) -> None:
    key = platform.assessment_key(Paths(home))
    public, label = sealing.parse_public(
        platform.DEMO_ASSESSMENT_KEY.with_suffix(".pub").read_text(encoding="utf-8")
    )
    assert sealing.key_id(key.public_key()) == sealing.key_id(public)
    assert "DEMO" in label and "not for production" in label


def write_config(home: Path, config: dict[str, object]) -> Paths:
    paths = Paths(home)
    paths.machine.mkdir(parents=True, exist_ok=True)
    (paths.machine / "platform.json").write_text(json.dumps(config))
    return paths


def test_a_production_configuration_names_its_own_key(home: Path) -> None:
    private = X25519PrivateKey.generate()
    paths = write_config(home, {"name": "Platform", "assessment_key_file": "assess.key"})
    sealing.write_key_pair(private, "platform assessment key", paths.machine / "assess")
    key = platform.assessment_key(paths)
    assert sealing.key_id(key.public_key()) == sealing.key_id(private.public_key())


def test_a_production_configuration_without_a_key_has_none(home: Path) -> None:
    paths = write_config(home, {"name": "Platform", "trust_demo_key": False})
    with pytest.raises(NotFound):
        platform.assessment_key(paths)
