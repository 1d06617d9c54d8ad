"""SCORM 1.2 and SCORM 2004 manifests (imsmanifest.xml): the version, and the SCOs to launch.

Only what the player needs is read: the default organization's items, in order, that open a
resource of type SCO. Assets are files SCOs use, never launched on their own. Sequencing
(imsss) is read only for the primary objective's pass mark.

The parser does not care how the package is stored: it gets the XML and `exists`, which tells
whether a path exists in the package. Rules: "scorm.structure", "scorm.version",
"scorm.bad_reference", "scorm.no_sco", "scorm.missing_file", "scorm.mastery_score", plus the
"xml.*" ones of `manifest_xml.parse_xml`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

from app.errors import PackageError
from app.i18n import _
from content_cache.manifest_xml import Exists, local_name, namespace, package_path, parse_xml

__all__ = ["Sco", "ScormPackage", "parse_scorm"]

ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSCP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
# Namespaces only SCORM 2004 uses: content packaging, sequencing, navigation extensions.
_NAMESPACES_2004 = frozenset(
    {
        ADLCP_2004,
        IMSSS,
        "http://www.adlnet.org/xsd/adlseq_v1p3",
        "http://www.adlnet.org/xsd/adlnav_v1p3",
    }
)
_NAMESPACES_12 = frozenset({ADLCP_12, IMSCP_12})
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

# metadata/schemaversion -> (version, edition)
_SCHEMA_VERSIONS: dict[str, tuple[str, str | None]] = {
    "1.2": ("1.2", None),
    "1.3": ("2004", None),
    "cam 1.3": ("2004", "2004 2nd"),
    "2004 3rd edition": ("2004", "2004 3rd"),
    "2004 4th edition": ("2004", "2004 4th"),
}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


@dataclass(frozen=True)
class Sco:
    identifier: str  # the <item> identifier
    resource_id: str
    title: str
    href: str  # launch URL relative to the package root: xml:base applied, parameters appended
    parameters: str | None  # the item's parameters attribute, as written
    # The pass mark as the manifest gives it: SCORM 1.2 adlcp:masteryscore (0..100), or SCORM
    # 2004 imsss:primaryObjective/imsss:minNormalizedMeasure (-1..1). Not rescaled.
    mastery_score: float | None


@dataclass(frozen=True)
class ScormPackage:
    version: str  # "1.2" or "2004"
    edition: str | None  # "2004 2nd", "2004 3rd", "2004 4th" when schemaversion says so
    identifier: str
    title: str
    scos: tuple[Sco, ...]  # in organization order (default organization)


def parse_scorm(xml: bytes, exists: Exists) -> ScormPackage:
    """Parse an imsmanifest.xml; PackageError (rule "scorm.*" or "xml.*") says what is wrong."""
    root = parse_xml(xml, "imsmanifest.xml")
    manifest = _Manifest(root)
    version, edition = manifest.version()
    organization = manifest.default_organization()
    scos = tuple(manifest.scos(organization, version, exists))
    if not scos:
        raise PackageError(
            _(
                "The package has no SCO to launch: no item of its default organization "
                "opens a SCO resource."
            ),
            rule="scorm.no_sco",
        )
    return ScormPackage(
        version=version,
        edition=edition,
        identifier=manifest.identifier,
        title=_title(organization, manifest.cp) or manifest.identifier,
        scos=scos,
    )


class _Manifest:
    """The manifest's elements, found by name in the content packaging namespace it uses."""

    def __init__(self, root: Element) -> None:
        if local_name(root.tag) != "manifest":
            raise _structure(
                _(
                    "The file imsmanifest.xml does not describe a package: "
                    "its root element is not <manifest>."
                )
            )
        self.root = root
        self.cp = namespace(root.tag)  # IMS CP 1.1.2 (SCORM 1.2), 1.1 (2004), or none
        self.identifier = (root.get("identifier") or "").strip()
        if not self.identifier:
            raise _structure(_("The <manifest> element in imsmanifest.xml has no identifier."))
        self.resources_element = self.child(root, "resources")
        self.resources = {
            (r.get("identifier") or "").strip(): r
            for r in self.children(self.resources_element, "resource")
        }

    def child(self, element: Element | None, name: str) -> Element | None:
        found = self.children(element, name)
        return found[0] if found else None

    def children(self, element: Element | None, name: str) -> list[Element]:
        if element is None:
            return []
        return [c for c in element if local_name(c.tag) == name and namespace(c.tag) == self.cp]

    def version(self) -> tuple[str, str | None]:
        """From metadata/schemaversion; else from the namespaces the manifest uses."""
        declared = self.child(self.child(self.root, "metadata"), "schemaversion")
        text = " ".join((declared.text or "").split()).lower() if declared is not None else ""
        if text in _SCHEMA_VERSIONS:
            return _SCHEMA_VERSIONS[text]
        used = {namespace(e.tag) for e in self.root.iter()}
        used |= {namespace(a) for e in self.root.iter() for a in e.attrib}
        if used & _NAMESPACES_2004:
            return "2004", None
        if used & _NAMESPACES_12:
            return "1.2", None
        raise PackageError(
            _(
                "The file imsmanifest.xml does not say which SCORM version it follows "
                "(1.2 or 2004), so the package cannot be played."
            ),
            detail=f"schemaversion {text!r}, namespaces {sorted(used)}",
            rule="scorm.version",
        )

    def default_organization(self) -> Element:
        """organizations@default, else the first organization."""
        organizations = self.child(self.root, "organizations")
        found = self.children(organizations, "organization")
        if organizations is None or not found:
            raise PackageError(
                _(
                    "The package has no organization (table of contents), "
                    "so nothing can be launched."
                ),
                rule="scorm.no_sco",
            )
        default = (organizations.get("default") or "").strip()
        if not default:
            return found[0]
        for organization in found:
            if (organization.get("identifier") or "").strip() == default:
                return organization
        raise _bad_reference(default)

    def scos(self, parent: Element, version: str, exists: Exists) -> list[Sco]:
        """The SCOs the items under `parent` open, depth first in document order."""
        scos: list[Sco] = []
        for item in self.children(parent, "item"):
            ref = (item.get("identifierref") or "").strip()
            if ref:
                resource = self.resources.get(ref)
                if resource is None:
                    raise _bad_reference(ref)
                if _is_sco(resource):
                    scos.append(self.sco(item, resource, version, exists))
            scos.extend(self.scos(item, version, exists))
        return scos

    def sco(self, item: Element, resource: Element, version: str, exists: Exists) -> Sco:
        title = _title(item, self.cp)
        href = self.launch_path(resource, title, exists)
        parameters = item.get("parameters")
        return Sco(
            identifier=(item.get("identifier") or "").strip(),
            resource_id=(resource.get("identifier") or "").strip(),
            title=title,
            href=with_parameters(href, parameters) if parameters else href,
            parameters=parameters,
            mastery_score=_mastery_score(item, version, title),
        )

    def launch_path(self, resource: Element, title: str, exists: Exists) -> str:
        """The resource's href with xml:base applied, checked to be a file in the package."""
        href = (resource.get("href") or "").strip()
        if not href:
            raise PackageError(
                _("The SCO “{title}” does not name a file to start from.").format(title=title),
                detail=f"resource {resource.get('identifier')!r} has no href",
                rule="scorm.missing_file",
            )
        base = ""
        for element in (self.root, self.resources_element, resource):
            if element is not None and element.get(XML_BASE):
                base = urljoin(base, element.get(XML_BASE, "").strip())
        parts = urlsplit(urljoin(base, href))
        path = None if parts.scheme or parts.netloc else package_path(parts.path)
        if path is None or not exists(path):
            raise PackageError(
                _(
                    "The SCO “{title}” starts from “{href}”, which is not a file in the package."
                ).format(title=title, href=href),
                detail=f"looked for {path!r} (xml:base {base!r})",
                rule="scorm.missing_file",
            )
        normal = posixpath.normpath(parts.path.lstrip("/"))
        return urlunsplit(("", "", normal, parts.query, parts.fragment))


def with_parameters(href: str, parameters: str) -> str:
    """Append an item's parameters to its launch URL as SCORM 2004 CAM describes it: a
    '#fragment' only when the URL has none; otherwise a query, joined with '&' or '?'."""
    base, hash_, fragment = href.partition("#")
    if parameters.startswith("#"):
        return href if hash_ else href + parameters
    query = parameters.lstrip("?&")
    if not query:
        return href
    joined = f"{base}&{query}" if "?" in base else f"{base}?{query}"
    return f"{joined}#{fragment}" if hash_ else joined


def _is_sco(resource: Element) -> bool:
    """adlcp:scormtype="sco" (1.2) or adlcp:scormType="sco" (2004), in either namespace."""
    for name, value in resource.attrib.items():
        if namespace(name) in (ADLCP_12, ADLCP_2004) and local_name(name).lower() == "scormtype":
            return value.strip().lower() == "sco"
    return False


def _title(element: Element, cp: str) -> str:
    """The text of the element's <title> child (in the manifest's namespace)."""
    for child in element:
        if local_name(child.tag) == "title" and namespace(child.tag) == cp:
            return " ".join("".join(child.itertext()).split())
    return ""


def _mastery_score(item: Element, version: str, title: str) -> float | None:
    if version == "1.2":
        element = item.find(f"{{{ADLCP_12}}}masteryscore")
        low, high = 0.0, 100.0
    else:
        path = "/".join(
            f"{{{IMSSS}}}{name}"
            for name in ("sequencing", "objectives", "primaryObjective", "minNormalizedMeasure")
        )
        element = item.find(path)
        low, high = -1.0, 1.0
    text = (element.text or "").strip() if element is not None else ""
    if not text:
        return None
    if _NUMBER.fullmatch(text) and low <= float(text) <= high:
        return float(text)
    raise PackageError(
        _(
            "The pass mark of the SCO “{title}” is not a number from {low} to {high}: “{value}”."
        ).format(title=title, low=f"{low:g}", high=f"{high:g}", value=text),
        rule="scorm.mastery_score",
    )


def _structure(message: str) -> PackageError:
    return PackageError(message, rule="scorm.structure")


def _bad_reference(ref: str) -> PackageError:
    return PackageError(
        _("The file imsmanifest.xml refers to “{id}”, which it does not define.").format(id=ref),
        rule="scorm.bad_reference",
    )
