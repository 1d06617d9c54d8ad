"""Which platform this installation belongs to, and so which keys sign its content.

An installation for a real platform (or an institute) ships `machine/platform.json`:
    {"name": "iGOT Karmayogi", "platform_keys": ["kyo-ed25519 … label"], "trust_demo_key": false,
     "assessment_key_file": "assessment.key"}
(`KYO_PLATFORM_CONFIG` may name another file). Without one, this is a demo installation: it
trusts the project's demo key, which signs the demo repository and the tests' repositories
and is labelled "not for production". A production configuration sets trust_demo_key false.

`assessment_key_file` (relative to the configuration's folder) is the X25519 private key that
opens the answer keys sealed in the platform's assessments (see content_cache/sealing.py for
what that protects and what it cannot). Without it, only an installation trusting the demo key
has one: the demo assessment key, which opens the demo course's answer key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.errors import CorruptData, NotFound
from app.fsutil import read_json
from app.i18n import _
from app.paths import Paths
from content_cache import sealing
from content_cache.signing import PublicKey, parse_public

DEMO_DIR = Path(__file__).resolve().parent.parent / "content_cache" / "demo"
DEMO_PUBLIC_KEY = DEMO_DIR / "demo-platform.pub"
DEMO_ASSESSMENT_KEY = DEMO_DIR / "demo-assessment.key"
CONFIG_ENV = "KYO_PLATFORM_CONFIG"


def demo_key() -> PublicKey:
    return parse_public(DEMO_PUBLIC_KEY.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PlatformConfig:
    name: str
    platform_keys: tuple[PublicKey, ...]
    trust_demo_key: bool
    assessment_key_file: Path | None = None

    def trusted_keys(self) -> list[PublicKey]:
        keys = list(self.platform_keys)
        if self.trust_demo_key:
            keys.append(demo_key())
        return keys


def config_path(paths: Paths) -> Path:
    return (
        Path(os.environ[CONFIG_ENV])
        if os.environ.get(CONFIG_ENV)
        else paths.machine / "platform.json"
    )


def load_platform_config(paths: Paths) -> PlatformConfig:
    path = config_path(paths)
    if not path.exists():
        return PlatformConfig(_("Karmayogi Offline demo"), (), trust_demo_key=True)
    raw = read_json(path)
    try:
        key_file = raw.get("assessment_key_file")
        return PlatformConfig(
            name=str(raw.get("name", "")),
            platform_keys=tuple(parse_public(line) for line in raw.get("platform_keys", [])),
            trust_demo_key=bool(raw.get("trust_demo_key", False)),
            assessment_key_file=path.parent / str(key_file) if key_file else None,
        )
    except (AttributeError, TypeError) as exc:
        raise CorruptData(
            _("The platform configuration is damaged: {path}").format(path=path), str(exc)
        ) from exc


def assessment_key(paths: Paths) -> X25519PrivateKey:
    """The private key that opens this platform's sealed answer keys (see the module's note)."""
    config = load_platform_config(paths)
    if config.assessment_key_file is not None:
        return sealing.load_private(config.assessment_key_file)
    if config.trust_demo_key:
        return sealing.load_private(DEMO_ASSESSMENT_KEY)
    raise NotFound(
        _(
            "This installation has no key to grade assessments with; ask the platform's "
            "administrator for its configuration."
        ),
        detail=f"no assessment_key_file in {config_path(paths)}",
    )
