"""Certificates end to end: a course completed through the facade issues one; its PDF, printed
and photographed, verifies offline: provisional until the platform endorses the device in a
newer signed index, then valid; revoked when the platform revokes it; unknown elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageFilter

from app.content import DEMO_COURSE_ID
from app.core import Core
from app.crypto import KdfParams
from app.paths import Paths
from app.xapi import Verb
from content_cache import signing
from content_cache.publish import PublishOptions, publish
from tests.conftest import PASS, PROJECT
from tests.support.demo import complete_demo as learn_demo

FAST = KdfParams(8 * 1024, 1, 1)
NAME = "अनीता शर्मा"


@pytest.fixture
def platform_key(tmp_path: Path) -> signing.SigningKey:
    return signing.generate("test platform")


def machine(home: Path, platform: signing.SigningKey) -> Core:
    """A data root whose configuration names `platform` (and still trusts the demo key)."""
    (home / "machine").mkdir(parents=True, exist_ok=True)
    config = {
        "name": "Test platform",
        "platform_keys": [platform.public.line()],
        "trust_demo_key": True,
    }
    (home / "machine" / "platform.json").write_text(json.dumps(config))
    return Core(Paths(home), kdf=FAST)


def complete_demo(core: Core) -> None:
    core.content.seed_demo()
    core.profiles.create(NAME, PASS)
    with core.profiles.unlock(NAME, PASS) as session:
        learn_demo(core.learner(session))


@pytest.fixture
def issued(tmp_path: Path, platform_key: signing.SigningKey) -> Iterator[tuple[Core, Path]]:
    core = machine(tmp_path / "home", platform_key)
    complete_demo(core)
    with core.profiles.unlock(NAME, PASS) as session:
        learner = core.learner(session)
        (cert,) = learner.certificates()
        pdf = tmp_path / "certificate.pdf"
        pdf.write_bytes(learner.certificate_pdf(cert.id))
    yield core, pdf


def page_png(pdf: Path, dpi: int = 150) -> Path:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf),
                    str(pdf.with_suffix(""))], check=True)  # fmt: skip
    return pdf.with_suffix(".png")


def test_completion_issues_a_provisional_certificate(issued: tuple[Core, Path]) -> None:
    core, _pdf = issued
    with core.profiles.unlock(NAME, PASS) as session:
        learner = core.learner(session)
        (cert,) = learner.certificates()
        earned = [s for s in learner.pending_statements() if s["verb"]["id"] == Verb.EARNED]
    assert cert.state == "provisional" and cert.course_id == DEMO_COURSE_ID
    assert cert.payload.startswith("KYO1:") and cert.key_id == core.device().key_id
    assert cert.claims["learner_name"] == NAME and cert.claims["score"] == 1.0
    (statement,) = earned
    extensions = statement["result"]["extensions"]
    assert cert.payload in json.dumps(extensions)


def test_round_trip_provisional_then_valid_once_endorsed(
    issued: tuple[Core, Path], platform_key: signing.SigningKey, tmp_path: Path
) -> None:
    core, pdf = issued
    png = page_png(pdf)
    assert core.verify_certificate(png).status == "provisional"
    assert core.verify_certificate(pdf).status == "provisional"
    # The platform endorses this device in a newer index; the client fetches it.
    src = tmp_path / "platform-src"
    src.mkdir()
    out = tmp_path / "platform-repo"
    demo_pkg = core.content.store.course_file(DEMO_COURSE_ID)
    (src / "demo.zip").write_bytes(demo_pkg.read_bytes())
    publish(src, out, platform_key, PublishOptions(serial=1))
    core.content.repos.add(str(out))
    assert core.verify_certificate(png).status == "provisional"  # not endorsed yet
    publish(src, out, platform_key, PublishOptions(serial=2, endorse=(core.device().public,)))
    core.content.repos.add(str(out))
    verdict = core.verify_certificate(png)
    assert verdict.status == "valid"
    assert verdict.claims is not None and verdict.claims.learner_name == NAME


def test_a_photo_of_the_print_still_verifies(issued: tuple[Core, Path]) -> None:
    core, pdf = issued
    page = Image.open(page_png(pdf, dpi=300)).convert("RGB")
    photo = page.resize((int(page.width * 0.6), int(page.height * 0.6)))
    photo = photo.rotate(4, expand=True, fillcolor="white").filter(ImageFilter.GaussianBlur(1))
    path = pdf.with_name("photo.jpg")
    photo.save(path, "JPEG", quality=50)
    assert core.verify_certificate(path).status == "provisional"


def test_revoked_and_unknown_issuer(
    issued: tuple[Core, Path], platform_key: signing.SigningKey, tmp_path: Path
) -> None:
    core, pdf = issued
    with core.profiles.unlock(NAME, PASS) as session:
        (cert,) = core.learner(session).certificates()
    src = tmp_path / "src"
    src.mkdir()
    (src / "demo.zip").write_bytes(core.content.store.course_file(DEMO_COURSE_ID).read_bytes())
    out = tmp_path / "repo"
    publish(src, out, platform_key,
            PublishOptions(endorse=(core.device().public,), revoke=(cert.id,)))  # fmt: skip
    core.content.repos.add(str(out))
    assert core.verify_certificate(pdf).status == "revoked"
    elsewhere = machine(tmp_path / "other-pc", platform_key)  # never heard of this device
    assert elsewhere.verify_certificate(pdf).status == "unknown_issuer"


def test_payload_text_file_and_tampering(issued: tuple[Core, Path]) -> None:
    core, _pdf = issued
    with core.profiles.unlock(NAME, PASS) as session:
        (cert,) = core.learner(session).certificates()
    text = Path(str(_pdf)).with_name("payload.txt")
    text.write_text(cert.payload)
    assert core.verify_certificate(text).status == "provisional"
    flipped = cert.payload[:40] + ("A" if cert.payload[40] != "A" else "B") + cert.payload[41:]
    text.write_text(flipped)
    assert core.verify_certificate(text).status == "tampered"


def test_the_pdf_embeds_the_fonts_and_gives_back_the_hindi(issued: tuple[Core, Path]) -> None:
    _core, pdf = issued
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansDevanagari" in fonts and "NotoSans" in fonts.replace("NotoSansDevanagari", "")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    squashed = "".join(text.split())
    for expected in (NAME, "Serving Citizens Well", "नागरिकों की बेहतर सेवा"):
        assert "".join(expected.split()) in squashed, expected


def test_certificates_of_an_old_device_identity_still_verify_here(
    issued: tuple[Core, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    core, pdf = issued
    old = core.device().device_id
    from app import device

    monkeypatch.setattr(device, "fingerprint_material", lambda: b"nic:another-pc")
    assert core.device().device_id != old  # a cloned disk on another PC
    assert core.verify_certificate(pdf).status == "provisional"


def test_kyo_cert_commands(issued: tuple[Core, Path], tmp_path: Path) -> None:
    core, _pdf = issued
    env = {**os.environ, "KYO_HOME": str(core.paths.root)}

    def kyo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ui", *args],
            input=PASS + "\n",
            capture_output=True,
            text=True,
            cwd=PROJECT,
            env=env,
            timeout=120,
        )

    listed = kyo("cert", "list", "--profile", NAME, "--passphrase-stdin", "--json")
    assert listed.returncode == 0, listed.stderr
    (cert,) = json.loads(listed.stdout)
    out = tmp_path / "exported.pdf"
    assert kyo("cert", "export", cert["id"][:8], str(out), "--profile", NAME,
               "--passphrase-stdin").returncode == 0  # fmt: skip
    verified = kyo("cert", "verify", str(out))
    assert verified.returncode == 1  # provisional is not valid
    assert "provisional" in verified.stdout.lower() or "अनंतिम" in verified.stdout
    shown = kyo("cert", "show", cert["id"], "--profile", NAME, "--passphrase-stdin", "--json")
    assert json.loads(shown.stdout)["state"] == "provisional"
    assert "Signing key" in kyo("device").stdout
