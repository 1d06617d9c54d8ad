"""Offline verdicts: valid, provisional, unknown issuer, tampered, revoked."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.certificates.credential import decode, encode, public_key_id
from app.certificates.verify import Verdict, check, message_for
from tests.certificates.test_credential import (
    KEY,
    KID_HEX,
    OTHER_KEY,
    TITLE_EN,
    claims,
    sign1,
    wrap,
)

BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
PAYLOAD = encode(claims(), KEY)  # deterministic: the same characters on every run


@dataclass
class Trust:
    endorsed_keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)
    local_keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)
    revoked_ids: set[str] = field(default_factory=set)

    def endorsed(self) -> dict[str, Ed25519PublicKey]:
        return self.endorsed_keys

    def local(self) -> dict[str, Ed25519PublicKey]:
        return self.local_keys

    def revoked(self) -> set[str]:
        return self.revoked_ids


ENDORSED = Trust(endorsed_keys={KID_HEX: KEY.public_key()})
LOCAL = Trust(local_keys={KID_HEX: KEY.public_key()})


def _assert_verdict(verdict: Verdict, status: str) -> None:
    assert verdict.status == status
    assert verdict.message == message_for(verdict.status) != ""
    assert (verdict.claims is None) == (status == "tampered")


def test_endorsed_key_gives_valid() -> None:
    verdict = check(PAYLOAD, ENDORSED)
    _assert_verdict(verdict, "valid")
    assert verdict.claims is not None and verdict.claims.learner_name == "सुनीता कुमारी शर्मा"


def test_own_key_not_yet_endorsed_gives_provisional() -> None:
    _assert_verdict(check(PAYLOAD, LOCAL), "provisional")


def test_a_key_both_endorsed_and_local_gives_valid() -> None:
    both = Trust(endorsed_keys=ENDORSED.endorsed_keys, local_keys=LOCAL.local_keys)
    _assert_verdict(check(PAYLOAD, both), "valid")


def test_unknown_key_gives_unknown_issuer() -> None:
    stranger = Ed25519PrivateKey.generate()
    payload = encode(claims(stranger), stranger)
    other = Trust(endorsed_keys={public_key_id(OTHER_KEY.public_key()): OTHER_KEY.public_key()})
    verdict = check(payload, other)
    _assert_verdict(verdict, "unknown_issuer")
    assert verdict.claims == claims(stranger, course_title={"en": TITLE_EN})  # shown, unproven


@pytest.mark.parametrize("trust", [ENDORSED, LOCAL], ids=["endorsed", "local"])
def test_revoked_certificate_gives_revoked(trust: Trust) -> None:
    revoked = Trust(trust.endorsed_keys, trust.local_keys, {claims().certificate_id})
    _assert_verdict(check(PAYLOAD, revoked), "revoked")


@pytest.mark.parametrize("trust", [ENDORSED, LOCAL], ids=["endorsed", "local"])
def test_a_known_key_id_with_a_wrong_signature_is_tampered(trust: Trust) -> None:
    # Claims and kid name KEY, but OTHER_KEY signed: a forger who copied the key id.
    forged = wrap(sign1(_body(), OTHER_KEY, header={1: -8, 4: bytes.fromhex(KID_HEX)}))
    verdict = check(forged, trust)
    _assert_verdict(verdict, "tampered")
    assert "signature" in verdict.detail


def test_a_revoked_forgery_is_still_tampered() -> None:
    forged = wrap(sign1(_body(), OTHER_KEY, header={1: -8, 4: bytes.fromhex(KID_HEX)}))
    revoked = Trust(ENDORSED.endorsed_keys, revoked_ids={claims().certificate_id})
    _assert_verdict(check(forged, revoked), "tampered")


def test_not_a_payload_is_tampered() -> None:
    verdict = check("https://example.org/certificate/42", ENDORSED)
    _assert_verdict(verdict, "tampered")
    assert "prefix" in verdict.detail


def _body() -> bytes:
    return decode(PAYLOAD).payload


@pytest.mark.parametrize("position", range(len(PAYLOAD)))
def test_any_changed_character_is_tampered(position: int) -> None:
    """Each character, replaced by every other Base45 character: never valid, provisional,
    unknown issuer or revoked, even where the key is endorsed and the id revoked."""
    trust = Trust(ENDORSED.endorsed_keys, LOCAL.local_keys, {claims().certificate_id})
    for replacement in BASE45.replace(PAYLOAD[position], ""):
        changed = PAYLOAD[:position] + replacement + PAYLOAD[position + 1 :]
        verdict = check(changed, trust)
        assert verdict.status == "tampered", (replacement, verdict)
        assert verdict.claims is None
