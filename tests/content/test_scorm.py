"""imsmanifest.xml parsing: the Rustici golf samples and crafted manifests for each rule."""

from __future__ import annotations

import zipfile
from collections.abc import Callable

import pytest

from app.errors import PackageError
from content_cache.scorm import ScormPackage, parse_scorm, with_parameters
from tests.conftest import SAMPLES

CP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
CP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"


def everything(path: str) -> bool:
    return True


def sample(name: str) -> ScormPackage:
    """Parse a sample zip's manifest, `exists` backed by the zip's names."""
    with zipfile.ZipFile(SAMPLES / name) as archive:
        names = {n.removeprefix("./") for n in archive.namelist()}
        return parse_scorm(archive.read("imsmanifest.xml"), names.__contains__)


def test_scorm_12_golf_sample() -> None:
    package = sample("scorm12_golf_singlescobasic.zip")
    assert (package.version, package.edition) == ("1.2", None)
    assert package.identifier == "com.scorm.golfsamples.runtime.basicruntime.12"
    assert package.title == "Golf Explained - Run-time Basic Calls"
    (sco,) = package.scos
    assert (sco.identifier, sco.resource_id, sco.title) == (
        "item_1",
        "resource_1",
        "Golf Explained",
    )
    assert (sco.href, sco.parameters, sco.mastery_score) == ("shared/launchpage.html", None, None)


def test_scorm_2004_golf_sample() -> None:
    package = sample("scorm2004_3rd_golf_RuntimeBasicCalls.zip")
    assert (package.version, package.edition) == ("2004", "2004 3rd")
    assert package.identifier == "com.scorm.golfsamples.runtime.basicruntime.20043rd"
    # The sample has one SCO (item_1), whatever its description says; sequencing is ignored.
    assert [(s.identifier, s.href) for s in package.scos] == [("item_1", "shared/launchpage.html")]


# -- crafted manifests -------------------------------------------------------------------------


SCO_12 = '<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="a/index.html"/>'


def manifest_12(
    items: str = '<item identifier="i1" identifierref="r1"><title>One</title></item>',
    resources: str | None = None,
    organizations: str | None = None,
    schemaversion: str = "1.2",
    resources_attrs: str = "",
) -> bytes:
    if organizations is None:
        organizations = (
            '<organizations default="org"><organization identifier="org">'
            f"<title>Course</title>{items}</organization></organizations>"
        )
    version = f"<schemaversion>{schemaversion}</schemaversion>" if schemaversion else ""
    if resources is None:
        resources = SCO_12
    return (
        f'<?xml version="1.0"?><manifest identifier="m1" xmlns="{CP_12}" xmlns:adlcp="{ADLCP_12}">'
        f"<metadata><schema>ADL SCORM</schema>{version}</metadata>{organizations}"
        f"<resources {resources_attrs}>{resources}</resources></manifest>"
    ).encode()


def manifest_2004(items: str, resources: str, schemaversion: str = "2004 4th Edition") -> bytes:
    version = f"<schemaversion>{schemaversion}</schemaversion>" if schemaversion else ""
    return (
        f'<manifest identifier="m2" xmlns="{CP_2004}" xmlns:adlcp="{ADLCP_2004}" '
        f'xmlns:imsss="{IMSSS}"><metadata>{version}</metadata>'
        '<organizations default="org"><organization identifier="org"><title>Course</title>'
        f"{items}</organization></organizations><resources>{resources}</resources></manifest>"
    ).encode()


def sco_2004(identifier: str, href: str) -> str:
    return f'<resource identifier="{identifier}" adlcp:scormType="sco" href="{href}"/>'


def item(identifier: str, ref: str = "", inner: str = "", attrs: str = "") -> str:
    ref_attr = f' identifierref="{ref}"' if ref else ""
    title = f"<title>{identifier}</title>"
    return f'<item identifier="{identifier}"{ref_attr} {attrs}>{title}{inner}</item>'


def rule_of(xml: bytes, exists: Callable[[str], bool] = everything) -> str:
    with pytest.raises(PackageError) as caught:
        parse_scorm(xml, exists)
    return caught.value.rule


@pytest.mark.parametrize(
    ("schemaversion", "version", "edition"),
    [
        ("CAM 1.3", "2004", "2004 2nd"),
        ("2004 3rd Edition", "2004", "2004 3rd"),
        (" 2004  4th\n Edition ", "2004", "2004 4th"),
        ("1.3", "2004", None),
        ("", "2004", None),  # no schemaversion: the adlcp_v1p3 namespace says 2004
    ],
)
def test_2004_versions(schemaversion: str, version: str, edition: str | None) -> None:
    xml = manifest_2004(item("i1", "r1"), sco_2004("r1", "index.html"), schemaversion)
    package = parse_scorm(xml, everything)
    assert (package.version, package.edition) == (version, edition)


def test_12_without_schemaversion_is_known_by_its_namespace() -> None:
    assert parse_scorm(manifest_12(schemaversion=""), everything).version == "1.2"


def test_unknown_version() -> None:
    xml = b'<manifest identifier="m"><organizations/><resources/></manifest>'
    assert rule_of(xml) == "scorm.version"


def test_scos_in_organization_order_assets_skipped() -> None:
    items = item(
        "chapter",
        inner=item("c1", "r1") + item("c2", "asset") + item("c3", "r3", inner=item("c3a", "r2")),
    ) + item("last", "r2")
    resources = (
        sco_2004("r1", "one.html")
        + sco_2004("r2", "two.html")
        + sco_2004("r3", "three.html")
        + '<resource identifier="asset" adlcp:scormType="asset" href="pic.html"/>'
        + '<resource identifier="unused" adlcp:scormType="sco" href="never.html"/>'
    )
    package = parse_scorm(manifest_2004(items, resources), everything)
    assert [(s.identifier, s.href) for s in package.scos] == [
        ("c1", "one.html"),
        ("c3", "three.html"),
        ("c3a", "two.html"),
        ("last", "two.html"),
    ]
    assert [s.title for s in package.scos] == ["c1", "c3", "c3a", "last"]


def test_default_organization_is_used_else_the_first() -> None:
    orgs = (
        '<organizations default="{default}">'
        '<organization identifier="o1"><title>First</title>{i1}</organization>'
        '<organization identifier="o2"><title>Second</title>{i2}</organization></organizations>'
    )
    resources = (
        '<resource identifier="r1" adlcp:scormtype="sco" href="1.html"/>'
        '<resource identifier="r2" adlcp:scormtype="sco" href="2.html"/>'
    )
    i1, i2 = item("a", "r1"), item("b", "r2")
    second = manifest_12(organizations=orgs.format(default="o2", i1=i1, i2=i2), resources=resources)
    package = parse_scorm(second, everything)
    assert (package.title, [s.href for s in package.scos]) == ("Second", ["2.html"])
    no_default = orgs.format(default="", i1=i1, i2=i2).replace(' default=""', "")
    package = parse_scorm(manifest_12(organizations=no_default, resources=resources), everything)
    assert (package.title, [s.href for s in package.scos]) == ("First", ["1.html"])
    missing = orgs.format(default="o9", i1=i1, i2=i2)
    assert rule_of(manifest_12(organizations=missing, resources=resources)) == "scorm.bad_reference"


def test_item_referring_to_a_missing_resource() -> None:
    assert rule_of(manifest_12(items=item("i1", "nowhere"))) == "scorm.bad_reference"


@pytest.mark.parametrize(
    ("organizations", "items", "resources"),
    [
        pytest.param("", "", None, id="no-organizations"),
        pytest.param("<organizations/>", "", None, id="no-organization"),
        pytest.param(None, "", None, id="no-items"),
        pytest.param(None, item("i1"), None, id="items-without-resources"),
        pytest.param(
            None,
            item("i1", "r1"),
            '<resource identifier="r1" adlcp:scormtype="asset" href="a.html"/>',
            id="only-assets",
        ),
        pytest.param(
            None, item("i1", "r1"), '<resource identifier="r1" href="a.html"/>', id="no-scormtype"
        ),
    ],
)
def test_no_sco(organizations: str | None, items: str, resources: str | None) -> None:
    xml = manifest_12(organizations=organizations, items=items, resources=resources)
    assert rule_of(xml) == "scorm.no_sco"


def test_sco_launch_file_must_exist() -> None:
    xml = manifest_12()
    assert parse_scorm(xml, {"a/index.html"}.__contains__).scos[0].href == "a/index.html"
    assert rule_of(xml, {"index.html"}.__contains__) == "scorm.missing_file"


@pytest.mark.parametrize(
    "href",
    [
        "../outside.html",
        "a/../../x.html",
        "https://example.org/sco.html",
        "//cdn.example/x.html",
        "",
    ],
)
def test_sco_launch_file_must_be_inside_the_package(href: str) -> None:
    xml = manifest_12(resources=f'<resource identifier="r1" adlcp:scormtype="sco" href="{href}"/>')
    assert rule_of(xml) == "scorm.missing_file"


def test_sco_without_href() -> None:
    xml = manifest_12(resources='<resource identifier="r1" adlcp:scormtype="sco"/>')
    assert rule_of(xml) == "scorm.missing_file"


def test_xml_base_and_percent_encoding() -> None:
    xml = manifest_12(
        resources='<resource identifier="r1" adlcp:scormtype="sco" xml:base="sco 1/" '
        'href="./my%20page.html?x=1"/>',
        resources_attrs='xml:base="content/"',
    )
    asked: list[str] = []

    def exists(path: str) -> bool:
        asked.append(path)
        return True

    (sco,) = parse_scorm(xml, exists).scos
    assert asked == ["content/sco 1/my page.html"]
    assert sco.href == "content/sco 1/my%20page.html?x=1"


@pytest.mark.parametrize(
    ("href", "parameters", "expected"),
    [
        ("a.html", "?x=1", "a.html?x=1"),
        ("a.html", "x=1", "a.html?x=1"),
        ("a.html?y=2", "?x=1", "a.html?y=2&x=1"),
        ("a.html?y=2", "&x=1", "a.html?y=2&x=1"),
        ("a.html", "#part2", "a.html#part2"),
        ("a.html#top", "#part2", "a.html#top"),
        ("a.html#top", "x=1", "a.html?x=1#top"),
        ("a.html", "?", "a.html"),
    ],
)
def test_parameters_are_appended_as_scorm_says(href: str, parameters: str, expected: str) -> None:
    assert with_parameters(href, parameters) == expected


def test_item_parameters_reach_the_sco() -> None:
    xml = manifest_12(items=item("i1", "r1", attrs='parameters="?page=3"'))
    (sco,) = parse_scorm(xml, everything).scos
    assert (sco.href, sco.parameters) == ("a/index.html?page=3", "?page=3")


def test_scorm_12_mastery_score() -> None:
    inner = "<adlcp:masteryscore> 80 </adlcp:masteryscore>"
    (sco,) = parse_scorm(manifest_12(items=item("i1", "r1", inner=inner)), everything).scos
    assert sco.mastery_score == 80.0


def test_scorm_2004_min_normalized_measure() -> None:
    sequencing = (
        "<imsss:sequencing><imsss:objectives>"
        '<imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">'
        "<imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>"
        "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>"
    )
    xml = manifest_2004(item("i1", "r1", inner=sequencing), sco_2004("r1", "a.html"))
    assert parse_scorm(xml, everything).scos[0].mastery_score == 0.6


@pytest.mark.parametrize("value", ["abc", "150", "-1", "NaN", "1e2"])
def test_bad_mastery_score(value: str) -> None:
    inner = f"<adlcp:masteryscore>{value}</adlcp:masteryscore>"
    assert rule_of(manifest_12(items=item("i1", "r1", inner=inner))) == "scorm.mastery_score"


@pytest.mark.parametrize(
    "xml",
    [
        pytest.param(b'<package identifier="x"/>', id="root-not-manifest"),
        pytest.param(manifest_12().replace(b' identifier="m1"', b""), id="manifest-without-id"),
    ],
)
def test_structure(xml: bytes) -> None:
    assert rule_of(xml) == "scorm.structure"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE manifest [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<manifest identifier="&lol2;"/>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE manifest [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<manifest identifier="m">&secret;</manifest>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "xxe"])
def test_hostile_xml_is_refused(xml: bytes) -> None:
    assert rule_of(xml) == "xml.unsafe"


@pytest.mark.parametrize("xml", [b"", b"<manifest", b"<manifest></resources>"])
def test_malformed_xml(xml: bytes) -> None:
    assert rule_of(xml) == "xml.malformed"


def test_undeclared_prefix_is_malformed() -> None:
    xml = manifest_12().replace(f' xmlns:adlcp="{ADLCP_12}"'.encode(), b"")
    assert rule_of(xml) == "xml.malformed"
