"""A certificate's signed credential and the text its QR code carries.

Payload: "KYO1:" + Base45(zlib(COSE_Sign1)), the layering of the EU digital COVID certificate.
Base45 uses only QR's alphanumeric characters (5.5 bits each in the code), and zlib's checksum
turns almost every misread or edited character into a clean "tampered" before any CBOR is read.

COSE_Sign1 (RFC 9052), tag 18: [protected, unprotected, payload, signature], where protected is
the encoded map {1: -8 (EdDSA), 4: kid}, kid the issuer's key id as 8 bytes, unprotected is
empty, and the Ed25519 signature covers ["Signature1", protected, h'', payload]. Decoding
accepts exactly this shape and nothing else.

Claims (the payload) are one CBOR map with small integer keys:

    key  claim            CBOR
    1    certificate_id   bstr, the UUID's 16 bytes
    2    learner_name     text
    3    course_id        tstr (an IRI)
    4    course_title en  text, absent when not carried
    5    course_title hi  text, absent when not carried
    6    completed_on     uint, days since 1970-01-01
    7    score            uint, basis points 0..10000 (0.01 %); absent when None
    8    hours            uint, hundredths of an hour
    9    competencies     array of [uint type (0 behavioural, 1 functional, 2 domain),
                          text name_en, uint hundredths of an hour]
    10   device_id        bstr (16) when a UUID, else tstr
    11   issuer           bstr, the key id's 8 bytes
    12   issued_at        uint, Unix seconds

"text" is a tstr, or a bstr holding Devanagari packed one byte a character: ASCII as itself,
U+0900..U+097F as 0x80..0xFF. UTF-8 spends three bytes on each Devanagari character, so packing
cuts a Hindi name or title to a third. Text with other characters stays a plain tstr.

Size budget. At error correction M, QR version 11 holds 366 alphanumeric characters, 14 528,
15 600; the fixed part (envelope, 64-byte signature, ids, dates, zlib) takes ~300. A typical
certificate (Devanagari name, 60-character English title, 3 competencies) takes ~505: version
14. Its 60-character Hindi title too would need version 16, so `encode` carries the first of:
  1. everything, within version 14 (COMFORT_CHARS): a short Hindi title rides along;
  2. without the Hindi title (when there is an English one), within version 15 (MAX_CHARS);
  3. titles and competency names shortened with "..." to 60 and 32 characters, then 40 and 20,
     then 24 and 12 (up to ~10 competencies), within version 15;
else it refuses. What a payload carries is `decode(payload).claims`; the paper shows it all.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import uuid
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import base45
import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.errors import InvalidInput, KyoError
from app.i18n import _
from content_cache.signing import key_id

PREFIX = "KYO1:"
COMFORT_CHARS = 528  # QR version 14 at error correction M
MAX_CHARS = 600  # QR version 15 at error correction M
MAX_COSE_BYTES = 8192  # decompression stops here: a zip bomb costs nothing
MAX_PAYLOAD_CHARS = 4296  # the most any QR code holds

COSE_SIGN1_TAG, ALG, KID, EDDSA = 18, 1, 4, -8
(K_ID, K_NAME, K_COURSE, K_TITLE_EN, K_TITLE_HI, K_COMPLETED, K_SCORE, K_HOURS) = range(1, 9)
K_COMPETENCIES, K_DEVICE, K_ISSUER, K_ISSUED = range(9, 13)
REQUIRED = frozenset({K_ID, K_NAME, K_COURSE, K_COMPLETED, K_HOURS, K_COMPETENCIES})
REQUIRED |= {K_DEVICE, K_ISSUER, K_ISSUED}
KNOWN = REQUIRED | {K_TITLE_EN, K_TITLE_HI, K_SCORE}

COMPETENCY_TYPES = ("behavioural", "functional", "domain")
EPOCH = dt.date(1970, 1, 1)
MAX_HOURS = 10_000.0
CUTS = ((60, 32), (40, 20), (24, 12))  # step 3 of the size budget: title, competency name
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
KEY_ID = re.compile(r"[0-9a-f]{16}")

Competency = tuple[str, str, float]  # (type, English name, hours)
T = TypeVar("T")


class Tampered(KyoError):
    """The payload is not an intact credential: altered, damaged, or not one at all.
    `detail` says which check failed (for logs and tests)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            _("This is not an intact Karmayogi certificate code: it was altered or damaged."),
            detail,
        )


@dataclass(frozen=True)
class CertificateClaims:
    """What a certificate states. Construction validates every field (ValueError)."""

    certificate_id: str
    learner_name: str
    course_id: str
    course_title: Mapping[str, str]  # {"en": …, "hi": …}, at least one
    completed_on: str  # ISO date
    score: float | None  # 0..1
    hours: float
    competencies: tuple[Competency, ...]
    device_id: str
    issuer: str  # key id of the signing key
    issued_at: int  # Unix seconds

    def __post_init__(self) -> None:
        wrong = [name for name, ok in _CHECKS if not ok(getattr(self, name))]
        if wrong:
            raise ValueError(f"invalid certificate claims: {', '.join(wrong)}")


@dataclass(frozen=True)
class Decoded:
    """A well-formed payload, its signature not yet checked (see `verifies`)."""

    claims: CertificateClaims
    kid: str
    protected: bytes
    payload: bytes
    signature: bytes = field(repr=False)

    def verifies(self, public: Ed25519PublicKey) -> bool:
        try:
            public.verify(self.signature, _sig_structure(self.protected, self.payload))
        except InvalidSignature:
            return False
        return True


def public_key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key_id(raw)


def encode(claims: CertificateClaims, private: Ed25519PrivateKey) -> str:
    """The QR text for `claims`, signed by `private` (whose key id must be claims.issuer)."""
    kid = public_key_id(private.public_key())
    if claims.issuer != kid:
        raise ValueError(f"claims.issuer {claims.issuer} is not the signing key's id {kid}")
    protected = cbor2.dumps({ALG: EDDSA, KID: bytes.fromhex(kid)}, canonical=True)
    sizes = []
    for candidate, limit in _candidates(claims):
        payload = _claims_to_cbor(candidate)
        signature = private.sign(_sig_structure(protected, payload))
        message = cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature])
        encoded: bytes = base45.b45encode(zlib.compress(cbor2.dumps(message), 9))
        text = PREFIX + encoded.decode()
        if len(text) <= limit:
            return text
        sizes.append(len(text))
    raise InvalidInput(
        _("This certificate holds too much text for its QR code."), f"sizes tried: {sizes}"
    )


def decode(payload: str) -> Decoded:
    """The parts of a payload; Tampered unless it has exactly the shape `encode` makes."""
    cose = _unwrap(payload)
    protected, body, signature = _parse_sign1(cose)
    kid = _protected_kid(protected)
    try:
        claims = _claims_from_cbor(_loads_exact(body))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise Tampered(f"claims: {exc}") from exc
    if claims.issuer != kid:
        raise Tampered(f"kid {kid} is not the issuer {claims.issuer}")
    return Decoded(claims, kid, protected, body, signature)


# The size budget's steps (module docstring): claims to try, with the length each may take.
def _candidates(claims: CertificateClaims) -> Iterator[tuple[CertificateClaims, int]]:
    yield claims, COMFORT_CHARS
    if "en" in claims.course_title and "hi" in claims.course_title:
        claims = replace(claims, course_title={"en": claims.course_title["en"]})
    yield claims, MAX_CHARS
    for title_cut, name_cut in CUTS:
        title = {k: _cut(v, title_cut) for k, v in claims.course_title.items()}
        competencies = tuple((t, _cut(n, name_cut), h) for t, n, h in claims.competencies)
        yield replace(claims, course_title=title, competencies=competencies), MAX_CHARS


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def _unwrap(payload: str) -> bytes:
    """The COSE bytes inside a payload: prefix, Base45, bounded zlib."""
    if not isinstance(payload, str) or not payload.startswith(PREFIX):
        raise Tampered("no KYO1: prefix")
    if len(payload) > MAX_PAYLOAD_CHARS:
        raise Tampered("longer than any QR code")
    try:
        compressed: bytes = base45.b45decode(payload[len(PREFIX) :])
    except ValueError as exc:
        raise Tampered("not Base45") from exc
    inflater = zlib.decompressobj()
    try:
        cose = inflater.decompress(compressed, MAX_COSE_BYTES + 1)
    except zlib.error as exc:
        raise Tampered(f"zlib: {exc}") from exc
    if len(cose) > MAX_COSE_BYTES or inflater.unconsumed_tail:
        raise Tampered("decompresses to more than the limit")
    if not inflater.eof or inflater.unused_data:
        raise Tampered("zlib stream truncated or followed by other bytes")
    return bytes(cose)


def _parse_sign1(cose: bytes) -> tuple[bytes, bytes, bytes]:
    """(protected, payload, signature) of a tagged COSE_Sign1 with no unprotected headers."""
    message = _loads_exact(cose)
    if not isinstance(message, cbor2.CBORTag) or message.tag != COSE_SIGN1_TAG:
        raise Tampered("not a tagged COSE_Sign1")
    parts = message.value
    if not isinstance(parts, list | tuple) or len(parts) != 4:
        raise Tampered("COSE_Sign1 is not an array of 4")
    protected, unprotected, body, signature = parts
    if not (isinstance(unprotected, Mapping) and len(unprotected) == 0):
        raise Tampered("unprotected headers present")
    if not (isinstance(protected, bytes) and isinstance(body, bytes)):
        raise Tampered("protected headers or payload not a byte string")
    if not (isinstance(signature, bytes) and len(signature) == 64):
        raise Tampered("signature is not 64 bytes")
    return protected, body, signature


def _protected_kid(protected: bytes) -> str:
    header = _loads_exact(protected)
    if not isinstance(header, Mapping) or set(header) != {ALG, KID}:
        raise Tampered("protected headers are not exactly alg and kid")
    if header[ALG] != EDDSA:
        raise Tampered(f"algorithm {header[ALG]!r} is not EdDSA")
    kid = header[KID]
    if not (isinstance(kid, bytes) and len(kid) == 8):
        raise Tampered("kid is not 8 bytes")
    return kid.hex()


def _loads_exact(data: bytes) -> Any:
    """One CBOR item filling `data`: strict (no duplicate keys, no indefinite lengths)."""
    stream = io.BytesIO(data)
    decoder = cbor2.CBORDecoder(
        stream, max_depth=8, allow_indefinite=False, allow_duplicate_keys=False
    )
    try:
        value = decoder.decode()
    except (cbor2.CBORError, ValueError, TypeError, OverflowError) as exc:
        raise Tampered(f"CBOR: {exc}") from exc
    if stream.tell() != len(data):
        raise Tampered("bytes after the CBOR item")
    return value


def _claims_to_cbor(claims: CertificateClaims) -> bytes:
    title = claims.course_title
    fields: dict[int, object] = {
        K_ID: uuid.UUID(claims.certificate_id).bytes,
        K_NAME: _pack(claims.learner_name),
        K_COURSE: claims.course_id,
        K_TITLE_EN: _pack(title["en"]) if "en" in title else None,
        K_TITLE_HI: _pack(title["hi"]) if "hi" in title else None,
        K_COMPLETED: (dt.date.fromisoformat(claims.completed_on) - EPOCH).days,
        K_SCORE: None if claims.score is None else round(claims.score * 10_000),
        K_HOURS: round(claims.hours * 100),
        K_COMPETENCIES: [
            [COMPETENCY_TYPES.index(kind), _pack(name), round(hours * 100)]
            for kind, name, hours in claims.competencies
        ],
        K_DEVICE: _uuid_or_text(claims.device_id),
        K_ISSUER: bytes.fromhex(claims.issuer),
        K_ISSUED: claims.issued_at,
    }
    return cbor2.dumps({k: v for k, v in fields.items() if v is not None}, canonical=True)


def _claims_from_cbor(fields: Any) -> CertificateClaims:
    if not isinstance(fields, Mapping) or not REQUIRED <= set(fields) <= KNOWN:
        raise ValueError("not the claims map")
    languages = (("en", K_TITLE_EN), ("hi", K_TITLE_HI))
    score = _uint(fields[K_SCORE]) / 10_000 if K_SCORE in fields else None
    return CertificateClaims(
        certificate_id=str(uuid.UUID(bytes=_bytes(fields[K_ID], 16))),
        learner_name=_unpack(fields[K_NAME]),
        course_id=_of(str, fields[K_COURSE]),
        course_title={lang: _unpack(fields[k]) for lang, k in languages if k in fields},
        completed_on=(EPOCH + dt.timedelta(days=_uint(fields[K_COMPLETED]))).isoformat(),
        score=score,
        hours=_uint(fields[K_HOURS]) / 100,
        competencies=tuple(_competency(c) for c in _of(list, fields[K_COMPETENCIES])),
        device_id=_uuid_or_text_back(fields[K_DEVICE]),
        issuer=_bytes(fields[K_ISSUER], 8).hex(),
        issued_at=_uint(fields[K_ISSUED]),
    )


def _competency(value: Any) -> Competency:
    kind, name, hours = _of(list, value)
    return COMPETENCY_TYPES[_uint(kind)], _unpack(name), _uint(hours) / 100


def _pack(text: str) -> str | bytes:
    if text.isascii() or not all(c.isascii() or 0x900 <= ord(c) < 0x980 for c in text):
        return text
    return bytes(ord(c) if c.isascii() else ord(c) - 0x900 + 0x80 for c in text)


def _unpack(value: Any) -> str:
    if isinstance(value, bytes):
        return "".join(chr(b) if b < 0x80 else chr(b - 0x80 + 0x900) for b in value)
    return _of(str, value)


def _uuid_or_text(text: str) -> str | bytes:
    return uuid.UUID(text).bytes if _is_uuid(text) else text


def _uuid_or_text_back(value: Any) -> str:
    return str(uuid.UUID(bytes=_bytes(value, 16))) if isinstance(value, bytes) else _of(str, value)


def _of(kind: type[T], value: Any) -> T:
    if not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _uint(value: Any) -> int:
    if isinstance(value, bool) or _of(int, value) < 0:
        raise ValueError("expected an unsigned integer")
    return int(value)


def _bytes(value: Any, size: int) -> bytes:
    if len(_of(bytes, value)) != size:
        raise ValueError(f"expected {size} bytes")
    return bytes(value)


def _is_text(value: object, limit: int) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value.strip()) <= limit
        and not any(unicodedata.category(c) == "Cc" for c in value)
    )


def _is_number(value: object, low: float, high: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


def _is_uuid(value: object) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return False
    try:
        return dt.date.fromisoformat(value) >= EPOCH
    except ValueError:
        return False


def _is_title(value: object) -> bool:
    return (
        isinstance(value, Mapping)
        and len(value) > 0
        and set(value) <= {"en", "hi"}
        and all(_is_text(v, 2000) for v in value.values())
    )


def _is_competency(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and value[0] in COMPETENCY_TYPES
        and _is_text(value[1], 2000)
        and _is_number(value[2], 0, MAX_HOURS)
    )


_CHECKS: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("certificate_id", _is_uuid),
    ("learner_name", lambda v: _is_text(v, 100)),
    ("course_id", lambda v: isinstance(v, str) and len(v) <= 500 and bool(IRI.fullmatch(v))),
    ("course_title", _is_title),
    ("completed_on", _is_date),
    ("score", lambda v: v is None or _is_number(v, 0, 1)),
    ("hours", lambda v: _is_number(v, 0, MAX_HOURS)),
    ("competencies", lambda v: isinstance(v, tuple) and all(map(_is_competency, v))),
    ("device_id", lambda v: _is_text(v, 64)),
    ("issuer", lambda v: isinstance(v, str) and bool(KEY_ID.fullmatch(v))),
    ("issued_at", lambda v: _is_number(v, 0, 2**40) and isinstance(v, int)),
)
