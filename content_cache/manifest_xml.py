"""Safe XML parsing and small helpers shared by the cmi5 and SCORM manifest parsers.

Manifests come from third parties, so they are parsed with defusedxml: entity declarations
(billion laughs) and external references are refused instead of expanded or fetched.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app.errors import PackageError
from app.i18n import _

# Whether a path, relative to the package root, names a file in the package.
Exists = Callable[[str], bool]

# Deeper than any real manifest; keeps the recursive checks clear of Python's recursion limit.
MAX_DEPTH = 100


def parse_xml(data: bytes, filename: str) -> Element:
    """The root element of `data`; PackageError "xml.unsafe" or "xml.malformed" if refused."""
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise PackageError(
            _(
                "The file {file} declares entities or external references, "
                "which are not allowed in a course package."
            ).format(file=filename),
            detail=repr(exc),
            rule="xml.unsafe",
        ) from exc
    except (ParseError, ValueError, LookupError) as exc:
        # LookupError: an encoding declaration Python does not know.
        raise PackageError(
            _("The file {file} is not well-formed XML: {error}").format(file=filename, error=exc),
            detail=repr(exc),
            rule="xml.malformed",
        ) from exc
    if _depth(root) > MAX_DEPTH:
        raise PackageError(
            _("The file {file} nests its elements too deeply to be a real manifest.").format(
                file=filename
            ),
            rule="xml.too_deep",
        )
    return root


def _depth(root: Element) -> int:
    """How deep the element tree goes, counted without recursion."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def local_name(tag: str) -> str:
    """'{namespace}name' -> 'name'."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    """'{namespace}name' -> 'namespace'; '' when the name has none."""
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def package_path(path: str) -> str | None:
    """A URL path (percent-encoded, maybe starting with '/' or './') as a path inside the
    package, or None when it is empty or climbs out of the package root."""
    decoded = unquote(path).lstrip("/")
    if not decoded or "\\" in decoded or "\x00" in decoded:
        return None
    normal = posixpath.normpath(decoded)
    if normal in (".", "..") or normal.startswith("../"):
        return None
    return normal
