"""The cmi5 course structure rules that are not about element order: IRIs, unique ids, AU URLs.

Each rejection names the cmi5 requirement it breaks, numbered as in the cmi5 specification's
requirement list and the ADL cmi5 LMS Test Suite (CATAPULT): `rule` is "cmi5 <number>" and the
message starts "cmi5 rule <number>: ".
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urlsplit

from app.errors import PackageError
from app.i18n import _
from content_cache.manifest_xml import Exists, package_path

# Requirement numbers (cmi5 spec / CATAPULT LTS).
IRI_RULE = "3.0.0.0-1"  # IRIs MUST be fully qualified, not IRI references
QUERY_RULE = "8.1.0.0-6"  # the AU's own query string MUST NOT use the launch parameter names
BLOCK_ID_RULE = "13.1.2.0-1"  # block ids are unique
OBJECTIVE_ID_RULE = "13.1.3.0-1"  # objective ids are unique
AU_ID_RULE = "13.1.4.0-1"  # AU ids are unique
AU_URL_RULE = "13.1.4.0-2"  # the AU url is a valid URL (RFC 3986)
SCHEMA_RULE = "13.2.0.0-1"  # the course structure conforms to the XSD
PACKAGE_FILE_RULE = "14.1.0.0-4"  # a relative URL must name a file in the zip
BARE_XML_RULE = "14.2.0.0-1"  # a cmi5.xml without a zip uses fully qualified URLs only

# The names the LMS adds to the launch URL (cmi5 section 8.1).
LAUNCH_PARAMETERS = frozenset({"endpoint", "fetch", "actor", "registration", "activityId"})

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Characters no URI or IRI may hold literally: controls, space, and RFC 3987's excluded set.
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f<>\"{}|\\^`]")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# A host name (letters in any script, digits, '-', '.', ...) or an IPv6 address without brackets.
_HOST = re.compile(r"[\w.\-~%]+|[0-9A-Fa-f:.]+")


def violation(requirement: str, message: str, detail: str = "") -> PackageError:
    """A PackageError for a broken cmi5 requirement; `message` already names the rule."""
    return PackageError(message, detail=detail, rule=f"cmi5 {requirement}")


def is_iri(value: str) -> bool:
    """A fully qualified IRI: a scheme, something after it, and only characters IRIs allow."""
    scheme = _SCHEME.match(value)
    return (
        scheme is not None
        and len(value) > scheme.end()
        and not _FORBIDDEN.search(value)
        and not _BAD_PERCENT.search(value)
    )


def check_iri(kind: str, value: str) -> None:
    """Requirement 3.0.0.0-1 for the id of a course, block, objective or AU."""
    if is_iri(value):
        return
    messages = {
        "course": _("cmi5 rule {rule}: the course id must be a full IRI with a scheme: “{id}”."),
        "block": _("cmi5 rule {rule}: a block id must be a full IRI with a scheme: “{id}”."),
        "objective": _(
            "cmi5 rule {rule}: an objective id must be a full IRI with a scheme: “{id}”."
        ),
        "au": _("cmi5 rule {rule}: an AU id must be a full IRI with a scheme: “{id}”."),
    }
    raise violation(IRI_RULE, messages[kind].format(rule=IRI_RULE, id=value))


class IdRegistry:
    """Ids seen so far: every id in a course structure is unique, whatever it identifies."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def add(self, kind: str, value: str) -> None:
        check_iri(kind, value)
        if value in self._seen:
            raise _duplicate(kind, value)
        self._seen.add(value)


def _duplicate(kind: str, value: str) -> PackageError:
    if kind == "block":
        rule = BLOCK_ID_RULE
        message = _("cmi5 rule {rule}: the block id “{id}” is used more than once.")
    elif kind == "objective":
        rule = OBJECTIVE_ID_RULE
        message = _("cmi5 rule {rule}: the objective id “{id}” is used more than once.")
    else:
        rule = AU_ID_RULE
        message = _("cmi5 rule {rule}: the AU id “{id}” is used more than once.")
    return violation(rule, message.format(rule=rule, id=value))


def is_absolute(url: str) -> bool:
    """The url starts with a scheme ("https:"), as urlsplit decides it."""
    return _SCHEME.match(url) is not None


def check_au_url(url: str, exists: Exists | None) -> None:
    """Check an AU's url against 13.1.4.0-2, 8.1.0.0-6, 14.2.0.0-1 and 14.1.0.0-4, in the order
    the test suite's reference LMS applies them."""
    parts = _split(url)
    absolute = bool(parts.scheme)
    if absolute:
        _check_absolute(url, parts)
    names = sorted({name for name, _value in parse_qsl(parts.query, keep_blank_values=True)})
    clashes = [name for name in names if name in LAUNCH_PARAMETERS]
    if clashes:
        raise violation(
            QUERY_RULE,
            _(
                "cmi5 rule {rule}: the AU url “{url}” already uses the launch parameter "
                "“{name}”, which the player adds itself."
            ).format(rule=QUERY_RULE, url=url, name=clashes[0]),
        )
    if not absolute:
        _check_relative(url, parts, exists)


def _split(url: str) -> SplitResult:
    """The url's parts, or 13.1.4.0-2 when it is not a valid URL reference."""
    detail = ""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a port that is not a number
    except ValueError as exc:
        detail = str(exc)
    else:
        if not (_FORBIDDEN.search(url) or _BAD_PERCENT.search(url)):
            return parts
    raise violation(
        AU_URL_RULE,
        _("cmi5 rule {rule}: the AU url “{url}” is not a valid URL.").format(
            rule=AU_URL_RULE, url=url
        ),
        detail=detail,
    )


def _check_absolute(url: str, parts: SplitResult) -> None:
    """An absolute url must be one a browser can open: http or https, with a host."""
    if parts.scheme.lower() not in ("http", "https"):
        raise violation(
            AU_URL_RULE,
            _(
                "cmi5 rule {rule}: the AU url “{url}” must be a relative path in the package "
                "or an http or https address."
            ).format(rule=AU_URL_RULE, url=url),
        )
    host = parts.hostname
    if not host or not _HOST.fullmatch(host):
        raise violation(
            AU_URL_RULE,
            _("cmi5 rule {rule}: the AU url “{url}” has no valid host name.").format(
                rule=AU_URL_RULE, url=url
            ),
        )


def _check_relative(url: str, parts: SplitResult, exists: Exists | None) -> None:
    """A relative url must name a file in the zip; a bare cmi5.xml has no files to name."""
    if exists is None:
        raise violation(
            BARE_XML_RULE,
            _(
                "cmi5 rule {rule}: the AU url “{url}” is relative, but a cmi5.xml without a "
                "zip package may only use full http or https addresses."
            ).format(rule=BARE_XML_RULE, url=url),
        )
    # A network-path reference ("//host/...") points outside the package.
    path = None if parts.netloc else package_path(parts.path)
    if path is None or not exists(path):
        raise violation(
            PACKAGE_FILE_RULE,
            _(
                "cmi5 rule {rule}: the AU url “{url}” is relative, but the package has no "
                "file at that path."
            ).format(rule=PACKAGE_FILE_RULE, url=url),
            detail=f"looked for {path!r}",
        )
