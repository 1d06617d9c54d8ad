"""The certificate credential: claims, our small COSE_Sign1, the KYO1 payload and its size."""

from __future__ import annotations

import dataclasses
import random
import uuid
import zlib
from typing import Any

import base45  # type: ignore[import-untyped]
import cbor2
import pytest
import segno
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st
from pycose.algorithms import EdDSA
from pycose.headers import KID, Algorithm
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
from pycose.messages import Sign1Message

from app.certificates import credential
from app.certificates.credential import (
    MAX_CHARS,
    CertificateClaims,
    Tampered,
    decode,
    encode,
    public_key_id,
)
from app.errors import InvalidInput

# Fixed keys: Ed25519 signatures are deterministic, so payloads are the same on every run.
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
KID_HEX = public_key_id(KEY.public_key())

NAME_HI = "सुनीता कुमारी शर्मा"
TITLE_EN = "Citizen-Centric Service Delivery and Grievance Redressal 101"  # 60 characters
TITLE_HI = "नागरिक-केंद्रित सेवा वितरण और शिकायत निवारण: पहला भाग, मूल बातें"[:60]


def claims(key: Ed25519PrivateKey = KEY, **changes: Any) -> CertificateClaims:
    """A typical certificate: Devanagari name, 60-character titles, 3 competencies."""
    fields: dict[str, Any] = {
        "certificate_id": "3f0c2a8e-5b7d-4c1e-9a6f-2d8b4e7c1a90",
        "learner_name": NAME_HI,
        "course_id": "urn:karmayogi-offline:course:demo-serving-citizens",
        "course_title": {"en": TITLE_EN, "hi": TITLE_HI},
        "completed_on": "2026-11-23",
        "score": 0.85,
        "hours": 3.0,
        "competencies": (
            ("behavioural", "Citizen centricity", 1.0),
            ("functional", "Grievance redressal", 0.5),
            ("domain", "Public service delivery", 1.5),
        ),
        "device_id": "9b2e4f6a-1c3d-4e5f-8a7b-0c1d2e3f4a5b",
        "issuer": public_key_id(key.public_key()),
        "issued_at": 1795453305,
    }
    return CertificateClaims(**(fields | changes))


def short_titles(**changes: Any) -> CertificateClaims:
    title = {"en": "Serving Citizens Well", "hi": "नागरिकों की बेहतर सेवा"}
    return claims(**({"course_title": title} | changes))


def wrap(cose: bytes) -> str:
    return wrap_raw(zlib.compress(cose))


def wrap_raw(compressed: bytes) -> str:
    return credential.PREFIX + base45.b45encode(compressed).decode()


def sign1(body: bytes, key: Ed25519PrivateKey = KEY, header: Any = None, **parts: Any) -> bytes:
    """A COSE_Sign1 made by hand, so each test can break one part of it."""
    if header is None:
        header = {1: -8, 4: bytes.fromhex(public_key_id(key.public_key()))}
    tag = parts.pop("tag", 18)
    protected = cbor2.dumps(header)
    signature = key.sign(cbor2.dumps(["Signature1", protected, b"", body]))
    fields = {"protected": protected, "unprotected": {}, "body": body, "signature": signature}
    return cbor2.dumps(cbor2.CBORTag(tag, list((fields | parts).values())))


def body_of(payload: str) -> bytes:
    return decode(payload).payload


def qr_version(payload: str) -> int:
    version = segno.make(payload, micro=False, error="m").version
    assert isinstance(version, int)
    return version


# --- round trip and size ------------------------------------------------------------------


@pytest.mark.parametrize("name", [NAME_HI, "Sunita Kumari Sharma", "डॉ. A. के. Rao"])
def test_round_trip(name: str) -> None:
    original = short_titles(learner_name=name)
    decoded = decode(encode(original, KEY))
    assert decoded.claims == original
    assert decoded.kid == KID_HEX
    assert decoded.verifies(KEY.public_key())
    assert not decoded.verifies(OTHER_KEY.public_key())


def test_text_outside_latin_and_devanagari_round_trips() -> None:
    original = short_titles(learner_name="Zoë Ñúñez “ZN”", course_title={"en": "Ethics ₹ 101"})
    assert decode(encode(original, KEY)).claims == original


def test_typical_certificate_fits_a_version_14_code() -> None:
    payload = encode(claims(), KEY)
    version = qr_version(payload)
    print(f"typical: {len(payload)} characters, QR version {version}")
    assert 11 <= version <= 15
    assert len(payload) <= 528  # version 14: 60-character Hindi title left out
    assert decode(payload).claims == claims(course_title={"en": TITLE_EN})


def test_a_short_hindi_title_rides_along() -> None:
    payload = encode(short_titles(), KEY)
    print(f"short titles: {len(payload)} characters, QR version {qr_version(payload)}")
    assert decode(payload).claims == short_titles()
    assert 11 <= qr_version(payload) <= 14


def test_a_long_hindi_only_title_is_shortened_to_fit() -> None:
    long_hi = "सार्वजनिक सेवा में नैतिकता, सत्यनिष्ठा और जवाबदेही: अधिकारियों के लिए एक व्यावहारिक मार्गदर्शिका"
    payload = encode(claims(course_title={"hi": long_hi * 2}), KEY)
    print(f"long Hindi title: {len(payload)} characters, QR version {qr_version(payload)}")
    carried = decode(payload).claims.course_title["hi"]
    assert 11 <= qr_version(payload) <= 15
    assert carried.endswith("...") and long_hi.startswith(carried[:-3].rstrip())


@pytest.mark.parametrize(("count", "cut"), [(3, 32), (6, 20), (10, 12)])
def test_long_texts_are_shortened_to_fit(count: int, cut: int) -> None:
    rng = random.Random(count)
    noise = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(2000))
    many = tuple(("domain", noise[i * 90 : i * 90 + 150], 1.0) for i in range(count))
    payload = encode(claims(course_title={"en": noise[:1500]}, competencies=many), KEY)
    carried = decode(payload).claims
    assert len(payload) <= MAX_CHARS
    assert carried.course_title["en"].endswith("...")
    assert max(len(name) for _, name, _ in carried.competencies) == cut


def test_too_much_to_carry_is_refused() -> None:
    rng = random.Random(1)
    course_id = "urn:x:" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz-") for _ in range(250))
    with pytest.raises(InvalidInput, match="too much text"):
        encode(claims(course_id=course_id), KEY)


def test_score_and_hours_are_carried_at_their_resolution() -> None:
    decoded = decode(encode(short_titles(score=0.123456, hours=2.3333), KEY)).claims
    assert (decoded.score, decoded.hours) == (0.1235, 2.33)
    assert decode(encode(short_titles(score=None), KEY)).claims.score is None


def test_encode_refuses_claims_naming_another_issuer() -> None:
    with pytest.raises(ValueError, match="issuer"):
        encode(claims(OTHER_KEY), KEY)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("certificate_id", "not-a-uuid"),
        ("certificate_id", "3F0C2A8E-5B7D-4C1E-9A6F-2D8B4E7C1A90"),
        ("learner_name", "  "),
        ("learner_name", "Asha\x00"),
        ("course_id", "no scheme"),
        ("course_title", {}),
        ("course_title", {"fr": "Éthique"}),
        ("completed_on", "2026-02-30"),
        ("completed_on", "२०२६-११-२३"),
        ("completed_on", "1969-12-31"),
        ("score", 1.01),
        ("score", True),
        ("score", float("nan")),
        ("hours", -1.0),
        ("competencies", (("social", "Listening", 1.0),)),
        ("competencies", [("domain", "Listening", 1.0)]),
        ("issuer", "ABCDEF0123456789"),
        ("issued_at", -1),
        ("issued_at", 1.5),
    ],
)
def test_claims_validate_every_field(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        claims(**{field: value})


# --- pycose cross-check -------------------------------------------------------------------


def _okp(key: Ed25519PrivateKey, private: bool) -> OKPKey:
    raw = serialization.Encoding.Raw
    x = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
    if not private:
        return OKPKey(crv=Ed25519, x=x)
    d = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return OKPKey(crv=Ed25519, x=x, d=d)


def test_pycose_verifies_ours() -> None:
    payload = encode(short_titles(), KEY)
    cose = zlib.decompress(base45.b45decode(payload[len(credential.PREFIX) :]))
    message = cbor2.loads(cose)
    assert message.tag == 18
    # pycose 1.1's decode() expects cbor2 5's lists; cbor2 6 gives tuples inside tags.
    protected, unprotected, body, signature = message.value
    received = Sign1Message.from_cose_obj([protected, dict(unprotected), body, signature], True)
    received.key = _okp(KEY, private=False)
    assert received.verify_signature()
    assert received.phdr == {Algorithm: EdDSA, KID: bytes.fromhex(KID_HEX)}
    received.key = _okp(OTHER_KEY, private=False)
    assert not received.verify_signature()


def test_ours_verifies_pycose() -> None:
    body = body_of(encode(short_titles(), KEY))
    message = Sign1Message(phdr={Algorithm: EdDSA, KID: bytes.fromhex(KID_HEX)}, payload=body)
    message.key = _okp(KEY, private=True)
    decoded = decode(wrap(message.encode()))
    assert decoded.claims == short_titles()
    assert decoded.verifies(KEY.public_key())


# --- tampering: every malformation is Tampered --------------------------------------------


def _cases() -> dict[str, tuple[str, str]]:
    """name -> (payload, expected words in Tampered.detail)"""
    good = encode(short_titles(), KEY)
    body = body_of(good)
    fields = cbor2.loads(body)
    bomb = wrap(bytes(1_000_000))
    kid_b = bytes.fromhex(public_key_id(OTHER_KEY.public_key()))
    return {
        "lowercase prefix": ("kyo1:" + good[5:], "prefix"),
        "other version": ("KYO2:" + good[5:], "prefix"),
        "not base45": (good + "a", "Base45"),
        "not zlib": (credential.PREFIX + base45.b45encode(b"hello").decode(), "zlib"),
        "zip bomb": (bomb, "limit"),
        "zlib then junk": (wrap_raw(zlib.compress(sign1(body)) + b"!!"), "followed by"),
        "zlib truncated": (wrap_raw(zlib.compress(sign1(body))[:-4]), "truncated"),
        "not CBOR": (wrap(b"\xff\xff"), "CBOR"),
        "CBOR then junk": (wrap(sign1(body) + b"\x00"), "after the CBOR"),
        "untagged": (wrap(cbor2.dumps(list(cbor2.loads(sign1(body)).value))), "tagged"),
        "COSE_Sign (98)": (wrap(sign1(body, tag=98)), "tagged"),
        "3 parts": (wrap(cbor2.dumps(cbor2.CBORTag(18, [b"", {}, body]))), "array of 4"),
        "unprotected kid": (wrap(sign1(body, unprotected={4: kid_b})), "unprotected"),
        "short signature": (wrap(sign1(body, signature=b"x" * 63)), "64 bytes"),
        "ES256": (wrap(sign1(body, header={1: -7, 4: bytes.fromhex(KID_HEX)})), "EdDSA"),
        "no kid": (wrap(sign1(body, header={1: -8})), "alg and kid"),
        "extra header": (wrap(sign1(body, header={1: -8, 4: kid_b, 3: 0})), "alg and kid"),
        "kid is not issuer": (wrap(sign1(body, OTHER_KEY)), "is not the issuer"),
        "claims not a map": (wrap(sign1(cbor2.dumps([1, 2]))), "claims"),
        "unknown claim": (wrap(sign1(cbor2.dumps(fields | {99: 1}))), "claims"),
        "missing claim": (
            wrap(sign1(cbor2.dumps({k: v for k, v in fields.items() if k != 1}))),
            "claims",
        ),
        "score above 1": (wrap(sign1(cbor2.dumps(fields | {7: 10_001}))), "score"),
        "hours as float": (wrap(sign1(cbor2.dumps(fields | {8: 1.5}))), "claims"),
        "competency type 3": (wrap(sign1(cbor2.dumps(fields | {9: [[3, "x", 1]]}))), "claims"),
        "date overflow": (wrap(sign1(cbor2.dumps(fields | {6: 2**40}))), "claims"),
        "duplicate key": (wrap(sign1(bytes([body[0] + 1]) + body[1:] + b"\x01\x00")), "Duplicate"),
    }


CASES = _cases()


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_payloads_are_tampered(case: str) -> None:
    payload, words = CASES[case]
    with pytest.raises(Tampered) as caught:
        decode(payload)
    assert words in caught.value.detail
    assert "altered or damaged" in caught.value.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_inside_the_wrapper_are_tampered(cose: bytes) -> None:
    with pytest.raises(Tampered):
        decode(wrap(cose))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_tampered(text: str) -> None:
    with pytest.raises(Tampered):
        decode(credential.PREFIX + text)


def test_decoded_claims_are_frozen() -> None:
    decoded = decode(encode(short_titles(), KEY))
    with pytest.raises(dataclasses.FrozenInstanceError):
        decoded.claims.learner_name = "x"  # type: ignore[misc]
    assert uuid.UUID(decoded.claims.certificate_id)
