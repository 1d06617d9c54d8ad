"""Sealed answer keys: round trip, and every mismatch refused the same way."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.assessment.key import open_key
from app.assessment.paper import Paper
from app.errors import InvalidInput, PackageError
from content_cache import sealing
from tests.assessment.conftest import KEY_DOC

PLAINTEXT = json.dumps(KEY_DOC, ensure_ascii=False).encode()
AAD = sealing.assessment_aad("urn:course:a", "final-quiz", b'{"paper": 1}')


@pytest.fixture(scope="module")
def private() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def refused(data: bytes, private: X25519PrivateKey, aad: bytes = AAD) -> None:
    with pytest.raises(PackageError) as error:
        sealing.open_sealed(data, private, aad)
    assert error.value.rule == "assessment.key"


def test_round_trip(private: X25519PrivateKey) -> None:
    sealed = sealing.seal(PLAINTEXT, private.public_key(), AAD)
    assert sealing.open_sealed(sealed, private, AAD) == PLAINTEXT
    document = json.loads(sealed)
    assert document["format"] == "kyo-sealed/1"
    assert document["recipient"] == sealing.key_id(private.public_key())
    # Fresh every time: sealing the same key twice gives different files.
    assert sealing.seal(PLAINTEXT, private.public_key(), AAD) != sealed


def test_the_sealed_file_contains_none_of_the_plaintext(private: X25519PrivateKey) -> None:
    sealed = sealing.seal(PLAINTEXT, private.public_key(), AAD)
    ciphertext = base64.b64decode(json.loads(sealed)["ciphertext"])
    for blob in (sealed, ciphertext):
        for secret in ("Citizen's Charter", "नागरिक चार्टर", '"correct"', "kyo-assessment-key"):
            assert secret.encode() not in blob
    # The ciphertext holds not even 8 bytes in a row of the plaintext.
    chunks = {PLAINTEXT[i : i + 8] for i in range(len(PLAINTEXT) - 8)}
    assert not any(chunk in ciphertext for chunk in chunks)
    # Nor does the file, outside its own field names and format.
    wrapper = sealed.decode()
    for name in ("format", "recipient", "ephemeral", "nonce", "ciphertext", "kyo-sealed/1"):
        wrapper = wrapper.replace(name, "")
    assert not any(chunk in wrapper.encode() for chunk in chunks if chunk.strip(b' "{}:,\n'))


def test_the_wrong_private_key_is_refused(private: X25519PrivateKey) -> None:
    sealed = sealing.seal(PLAINTEXT, private.public_key(), AAD)
    refused(sealed, X25519PrivateKey.generate())
    # Even with the recipient id forged to match, the other key cannot decrypt.
    forged = json.loads(sealed)
    other = X25519PrivateKey.generate()
    forged["recipient"] = sealing.key_id(other.public_key())
    refused(json.dumps(forged).encode(), other)


def test_a_key_moved_to_another_place_is_refused(private: X25519PrivateKey) -> None:
    sealed = sealing.seal(PLAINTEXT, private.public_key(), AAD)
    for course, item, paper in (
        ("urn:course:b", "final-quiz", b'{"paper": 1}'),
        ("urn:course:a", "other-quiz", b'{"paper": 1}'),
        ("urn:course:a", "final-quiz", b'{"paper": 2}'),
    ):
        refused(sealed, private, sealing.assessment_aad(course, item, paper))


def test_any_altered_byte_is_refused(private: X25519PrivateKey) -> None:
    sealed = json.loads(sealing.seal(PLAINTEXT, private.public_key(), AAD))
    for field in ("ephemeral", "nonce", "ciphertext"):
        raw = bytearray(base64.b64decode(sealed[field]))
        for position in (0, len(raw) // 2, len(raw) - 1):
            altered = bytearray(raw)
            altered[position] ^= 0x01
            document = {**sealed, field: base64.b64encode(bytes(altered)).decode()}
            refused(json.dumps(document).encode(), private)
    truncated = base64.b64decode(sealed["ciphertext"])[:-1]
    document = {**sealed, "ciphertext": base64.b64encode(truncated).decode()}
    refused(json.dumps(document).encode(), private)


def test_malformed_files_are_refused(private: X25519PrivateKey) -> None:
    sealed = json.loads(sealing.seal(PLAINTEXT, private.public_key(), AAD))
    for bad in (
        b"",
        b"\xff\xfe",
        b"[]",
        PLAINTEXT,
        json.dumps({**sealed, "format": "kyo-sealed/2"}).encode(),
        json.dumps({**sealed, "extra": 1}).encode(),
        json.dumps({**sealed, "nonce": "not base64!"}).encode(),
        json.dumps({**sealed, "ephemeral": base64.b64encode(b"\0" * 32).decode()}).encode(),
    ):
        refused(bad, private)


def test_open_key_parses_against_the_paper(paper: Paper, private: X25519PrivateKey) -> None:
    sealed = sealing.seal(PLAINTEXT, private.public_key(), AAD)
    key = open_key(paper, sealed, private, AAD)
    assert key.answers["single"].correct == ("b",)
    junk = sealing.seal(b"not json", private.public_key(), AAD)
    with pytest.raises(PackageError) as error:
        open_key(paper, junk, private, AAD)
    assert error.value.rule == "assessment.key"


def test_key_files(tmp_path: Path) -> None:
    private = X25519PrivateKey.generate()
    key_path, pub_path = sealing.write_key_pair(private, "test key", tmp_path / "assess")
    assert stat.S_IMODE(os.stat(key_path).st_mode) == 0o600
    loaded = sealing.load_private(key_path)
    line = pub_path.read_text(encoding="utf-8")
    assert line.startswith("kyo-x25519 ") and line.rstrip().endswith(" test key")
    public, label = sealing.parse_public(line)
    assert label == "test key"
    sealed = sealing.seal(b"secret", public, AAD)
    assert sealing.open_sealed(sealed, loaded, AAD) == b"secret"
    with pytest.raises(InvalidInput):
        sealing.write_key_pair(private, "again", tmp_path / "assess")
    with pytest.raises(InvalidInput):
        sealing.parse_public("kyo-ed25519 AAAA label")
    pub_path.write_text("not a key")
    with pytest.raises(InvalidInput):
        sealing.load_private(pub_path)
