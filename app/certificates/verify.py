"""Checking a certificate's QR payload offline, against the keys this installation trusts.

Verdicts:
  valid           signed by a device key the platform endorsed, signature correct, not revoked;
  provisional     signed by one of this installation's own keys the platform has not endorsed
                  yet (a certificate printed here before the next sync); signature correct;
  unknown_issuer  signed by a key this installation does not know: the signature cannot be
                  checked here, so the claims are shown but prove nothing;
  tampered        not an intact payload, or a known key's signature does not match;
  revoked         a correct signature on a certificate the platform has revoked.
A key that is not endorsed never makes a certificate "valid".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.certificates.credential import CertificateClaims, Tampered, decode
from app.i18n import _

Status = Literal["valid", "provisional", "unknown_issuer", "tampered", "revoked"]


class TrustView(Protocol):
    """What this installation knows about keys and certificates (from the last sync)."""

    def endorsed(self) -> dict[str, Ed25519PublicKey]:
        """Device keys the platform endorsed, by key id."""
        ...

    def local(self) -> dict[str, Ed25519PublicKey]:
        """This installation's own device keys, current and past, by key id."""
        ...

    def revoked(self) -> set[str]:
        """Ids of revoked certificates."""
        ...


@dataclass(frozen=True)
class Verdict:
    status: Status
    claims: CertificateClaims | None  # None when tampered
    message: str  # for people, translated
    detail: str = ""  # for logs: why a payload is tampered


def check(payload: str, trust: TrustView) -> Verdict:
    """The verdict on one QR payload (the rules are in the module docstring)."""
    try:
        decoded = decode(payload)
    except Tampered as exc:
        return _tampered(exc.detail)
    key = trust.endorsed().get(decoded.kid)
    good: Status = "valid"
    if key is None:
        key, good = trust.local().get(decoded.kid), "provisional"
    if key is None:
        return _verdict("unknown_issuer", decoded.claims)
    if not decoded.verifies(key):
        return _tampered(f"signature does not match key {decoded.kid}")
    if decoded.claims.certificate_id in trust.revoked():
        return _verdict("revoked", decoded.claims)
    return _verdict(good, decoded.claims)


def _tampered(detail: str) -> Verdict:
    return Verdict("tampered", None, message_for("tampered"), detail)


def _verdict(status: Status, claims: CertificateClaims) -> Verdict:
    return Verdict(status, claims, message_for(status))


def message_for(status: Status) -> str:
    """The sentence shown to people for a verdict, in the current language."""
    messages: dict[Status, str] = {
        "valid": _(
            "This certificate is genuine: its signature is correct and comes from an "
            "installation of Karmayogi Offline that the platform trusts."
        ),
        "provisional": _(
            "This certificate was issued on this computer and its signature is "
            "correct, but the platform has not yet confirmed this computer's key. "
            "It becomes fully valid after the next sync."
        ),
        "unknown_issuer": _(
            "This certificate was signed by a computer this one does not know, "
            "so it cannot be checked here. Sync with the platform and check "
            "again."
        ),
        "tampered": _(
            "This certificate's code was altered or damaged: it is not a genuine "
            "certificate. Do not accept it."
        ),
        "revoked": _(
            "This certificate was genuine but has been withdrawn by the platform. Do not accept it."
        ),
    }
    return messages[status]
