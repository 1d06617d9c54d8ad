"""cmi5.xml parsing against the ADL cmi5 LMS Test Suite packages and crafted structures."""

from __future__ import annotations

import tarfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.errors import PackageError
from content_cache.cmi5 import AU, Block, parse_cmi5
from content_cache.cmi5_rules import LAUNCH_PARAMETERS
from content_cache.cmi5_schema import NS
from tests.conftest import SAMPLES

LTS_ARCHIVE = SAMPLES / "cmi5_catapult_lts_test_packages.tar.gz"
VALID_ZIPS = [
    "001-essentials.zip",
    "002-allowed.zip",
    "003-launchMethod-OwnWindow.zip",
    "004-1-moveOn-Completed.zip",
    "004-2-moveOn-CompletedOrPassed.zip",
    "004-3-moveOn-Passed.zip",
    "004-4-moveOn-CompletedOrPassed.zip",
    "004-5-moveOn-NotApplicable.zip",
    "005-1-invalid-au.zip",  # "invalid" is about the AU's runtime behaviour, not its structure
    "005-2-invalid-au.zip",
    "006-launchMode.zip",
    "007-1-multi-session.zip",
    "007-2-multi-session.zip",
    "008-1-abandoned.zip",
    "009-1-waived.zip",
    "102-zip64.zip",
]
# Each 2xx package and the requirement its comments cite ("violates …", "Used to validate: …").
# 205-2's comment says 13.1.2.0-1, a copy of 205-1's: the suite's own harness
# (lts/__tests__/package.js) and the reference player both say 13.1.3.0-1, the objectives
# section's rule, and that is the one the parser names.
REJECTED = {
    "201-1-iris-course-id.xml": "3.0.0.0-1",
    "201-2-iris-block-id.xml": "3.0.0.0-1",
    "201-3-iris-au-id.xml": "3.0.0.0-1",
    "201-4-iris-objective-id.xml": "3.0.0.0-1",
    "202-1-relative-url-no-zip.xml": "14.2.0.0-1",
    "202-2-relative-url-no-zip.xml": "14.2.0.0-1",
    "202-3-relative-url-no-zip.xml": "14.2.0.0-1",
    "202-4-relative-url-no-zip.xml": "14.2.0.0-1",
    "202-5-relative-url-no-zip.xml": "14.2.0.0-1",
    "203-1-relative-url-no-reference.zip": "14.1.0.0-4",
    "204-query-string-conflict-endpoint.xml": "8.1.0.0-6",
    "205-1-duplicated-block.xml": "13.1.2.0-1",
    "205-2-duplicated-objective.xml": "13.1.3.0-1",
    "205-3-duplicated-au.xml": "13.1.4.0-1",
    "206-1-invalid-au-url.xml": "13.1.4.0-2",
    "207-1-invalid-courseStructure.xml": "13.2.0.0-1",
}


@pytest.fixture(scope="module")
def lts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test suite's packages, unpacked for this module."""
    target = tmp_path_factory.mktemp("lts")
    with tarfile.open(LTS_ARCHIVE) as archive:
        archive.extractall(target, filter="data")
    return target


def zip_exists(archive: zipfile.ZipFile) -> Callable[[str], bool]:
    """`exists` backed by the zip's names ("./a.html" and "a.html" are the same file)."""
    names = {name.removeprefix("./") for name in archive.namelist()}
    return lambda path: path in names


class Asked:
    """An `exists` that notes each path asked about and says every one exists."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, path: str) -> bool:
        self.paths.append(path)
        return True


def load(path: Path) -> tuple[bytes, Callable[[str], bool] | None]:
    """A test package's cmi5.xml and its `exists`: a zip's names, nothing for a bare XML."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return archive.read("cmi5.xml"), zip_exists(archive)
    return path.read_bytes(), None


# -- the ADL test suite ------------------------------------------------------------------------


@pytest.mark.parametrize("name", VALID_ZIPS)
def test_valid_packages_parse(lts_dir: Path, name: str) -> None:
    structure = parse_cmi5(*load(lts_dir / name))
    assert structure.course_id.startswith("https://w3id.org/xapi/cmi5/catapult/lts/course/")
    assert len(structure.aus) == 1
    assert structure.aus[0].url.startswith("index.html")
    assert not structure.online_only


def test_essentials_reads_every_au_field(lts_dir: Path) -> None:
    structure = parse_cmi5(*load(lts_dir / "001-essentials.zip"))
    (block,) = structure.children
    assert isinstance(block, Block)
    assert block.id == "https://w3id.org/xapi/cmi5/catapult/lts/block/001-essentials"
    assert block.title == {"en": "CATAPULT LMS Test Block: 001 Essentials"}
    (au,) = block.children
    assert au == structure.aus[0]
    assert isinstance(au, AU)
    assert au.url == "index.html?paramA=1&paramB=2"  # CDATA and its white space trimmed
    assert not au.absolute
    assert (au.move_on, au.mastery_score, au.launch_method) == (
        "CompletedAndPassed",
        0.9,
        "AnyWindow",
    )
    assert (au.launch_parameters, au.entitlement_key) == ("sample string", "sample value")
    assert au.activity_type is None
    assert au.block_path == (block.id,)
    assert structure.title == {"en": "CATAPULT LMS Test Course: 001 Essentials"}


@pytest.mark.parametrize(
    ("name", "move_on", "launch_method"),
    [
        ("003-launchMethod-OwnWindow.zip", "CompletedOrPassed", "OwnWindow"),
        ("004-1-moveOn-Completed.zip", "Completed", "AnyWindow"),
        ("004-3-moveOn-Passed.zip", "Passed", "AnyWindow"),
        ("004-5-moveOn-NotApplicable.zip", "NotApplicable", "AnyWindow"),
    ],
)
def test_move_on_and_launch_method(
    lts_dir: Path, name: str, move_on: str, launch_method: str
) -> None:
    (au,) = parse_cmi5(*load(lts_dir / name)).aus
    assert (au.move_on, au.launch_method) == (move_on, launch_method)


def test_one_thousand_aus_parse_fast(lts_dir: Path) -> None:
    xml, exists = load(lts_dir / "101-one-thousand-aus.xml")
    start = time.perf_counter()
    structure = parse_cmi5(xml, exists)
    elapsed = time.perf_counter() - start
    # The suite's requirement is "more than 1000 AUs": the file has ids /0 to /1000.
    assert len(structure.aus) == 1001
    assert len({au.id for au in structure.aus}) == 1001
    assert structure.online_only
    assert elapsed < 1.0


@pytest.mark.parametrize(("name", "requirement"), sorted(REJECTED.items()))
def test_invalid_packages_are_rejected_naming_the_rule(
    lts_dir: Path, name: str, requirement: str
) -> None:
    with pytest.raises(PackageError) as caught:
        parse_cmi5(*load(lts_dir / name))
    assert caught.value.rule == f"cmi5 {requirement}"
    assert caught.value.message.startswith(f"cmi5 rule {requirement}: ")


@pytest.mark.parametrize(
    ("number", "file"),
    [
        (1, "index.html"),
        (2, "path/1/index.html"),
        (3, "index.html"),
        (4, "path/1/index.html"),
        (5, "index.html"),
    ],
)
def test_relative_urls_are_fine_inside_a_zip(lts_dir: Path, number: int, file: str) -> None:
    """The 202 structures break 14.2.0.0-1 only because no zip comes with them."""
    xml = (lts_dir / f"202-{number}-relative-url-no-zip.xml").read_bytes()
    asked = Asked()
    structure = parse_cmi5(xml, asked)
    assert asked.paths == [file]
    assert not structure.aus[0].absolute


def test_masteryscore_sample_parses() -> None:
    with zipfile.ZipFile(SAMPLES / "cmi5_catapult_masteryscore_responsive.zip") as archive:
        structure = parse_cmi5(archive.read("cmi5.xml"), zip_exists(archive))
    (au,) = structure.aus
    assert (au.move_on, au.mastery_score, au.launch_method) == (
        "CompletedOrPassed",
        0.3,
        "OwnWindow",
    )
    assert au.url == "index.html"
    assert au.title == {"en-US": "Introduction to Geology - Responsive Style - Mastery Score"}
    assert au.description["en-US"].startswith("This course will introduce you")
    assert au.block_path == ()


# -- crafted structures ------------------------------------------------------------------------

TEXT = '<title><langstring lang="en">T</langstring></title>'
DESCRIPTION = '<description><langstring lang="en">D</langstring></description>'


def au(
    id: str = "https://example.org/au/1",
    url: str = "https://example.org/a.html",
    attrs: str = "",
    before_url: str = "",
    after_url: str = "",
) -> str:
    return f'<au id="{id}" {attrs}>{TEXT}{DESCRIPTION}{before_url}<url>{url}</url>{after_url}</au>'


def block(id: str, *children: str) -> str:
    return f'<block id="{id}">{TEXT}{DESCRIPTION}{"".join(children)}</block>'


def course(*children: str, objectives: str = "", root_attrs: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><courseStructure xmlns="{NS}" {root_attrs}>'
        f'<course id="https://example.org/course">{TEXT}{DESCRIPTION}</course>'
        f"{objectives}{''.join(children)}</courseStructure>"
    ).encode()


def objective(id: str) -> str:
    return f'<objective id="{id}">{DESCRIPTION}{TEXT}</objective>'


def rule_of(xml: bytes, exists: Callable[[str], bool] | None = None) -> str:
    with pytest.raises(PackageError) as caught:
        parse_cmi5(xml, exists)
    return caught.value.rule


def test_defaults_and_nesting() -> None:
    xml = course(
        au("https://example.org/au/0"),
        block(
            "https://example.org/b1",
            block("https://example.org/b2", au("https://example.org/au/1")),
            au("https://example.org/au/2", attrs='activityType="https://example.org/types/x"'),
        ),
        objectives=f"<objectives>{objective('https://example.org/o1')}</objectives>",
    )
    structure = parse_cmi5(xml, None)
    assert [a.id.rsplit("/", 1)[1] for a in structure.aus] == ["0", "1", "2"]
    first, outer = structure.children
    assert isinstance(first, AU) and isinstance(outer, Block)
    assert first.block_path == ()
    assert structure.aus[1].block_path == ("https://example.org/b1", "https://example.org/b2")
    assert structure.aus[2].block_path == ("https://example.org/b1",)
    assert structure.aus[2].activity_type == "https://example.org/types/x"
    assert (first.move_on, first.launch_method, first.mastery_score) == (
        "NotApplicable",
        "AnyWindow",
        None,
    )
    assert (first.launch_parameters, first.entitlement_key) == (None, None)
    assert structure.online_only and first.absolute


def test_extensions_in_other_namespaces_are_allowed() -> None:
    ext = 'xmlns:x="https://vendor.example/ext"'
    xml = course(
        au(attrs='x:flag="1"', after_url="<x:extra><x:deep/></x:extra>"),
        f"<x:trailer {ext}/>",
        root_attrs=f'{ext} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{NS} CourseStructure.xsd"',
    )
    assert len(parse_cmi5(xml, None).aus) == 1


def test_langstrings_keep_their_languages() -> None:
    title = (
        '<title><langstring lang="en">Hello</langstring>'
        '<langstring lang="hi">नमस्ते</langstring></title>'
    )
    xml = course(au()).replace(TEXT.encode(), title.encode(), 1)
    assert parse_cmi5(xml, None).title == {"en": "Hello", "hi": "नमस्ते"}
    bare = course(au()).replace(b'<langstring lang="en">T', b"<langstring>T", 1)
    assert parse_cmi5(bare, None).title == {"": "T"}


@pytest.mark.parametrize(
    "xml",
    [
        pytest.param(course(au()).replace(b"courseStructure", b"courses"), id="root-name"),
        pytest.param(
            course(au()).replace(NS.encode(), b"http://www.adlnet.gov/cmi5/CourseStructure.xsd"),
            id="old-namespace",
        ),
        pytest.param(course(au()).replace(NS.encode(), b""), id="no-namespace"),
        pytest.param(
            course(au())
            .replace(b'<course id="https://example.org/course">', b"<x>")
            .replace(b"</course>", b"</x>"),
            id="no-course",
        ),
        pytest.param(course(), id="no-au"),
        pytest.param(
            course(au().replace("<url>https://example.org/a.html</url>", "")), id="au-without-url"
        ),
        pytest.param(course(au(url="  ")), id="empty-url"),
        pytest.param(course(au(after_url="<url>https://example.org/b.html</url>")), id="two-urls"),
        pytest.param(course(au(after_url="<foo/>")), id="unknown-element"),
        pytest.param(
            course(
                au(
                    after_url="<entitlementKey>k</entitlementKey><launchParameters>p</launchParameters>"
                )
            ),
            id="wrong-order",
        ),
        pytest.param(course(au(attrs='colour="red"')), id="unknown-attribute"),
        pytest.param(
            course(au().replace(' id="https://example.org/au/1"', "")), id="au-without-id"
        ),
        pytest.param(course(au(attrs='moveOn="Sometimes"')), id="move-on"),
        pytest.param(course(au(attrs='launchMethod="NewTab"')), id="launch-method"),
        pytest.param(course(au(attrs='masteryScore="1.5"')), id="mastery-above-1"),
        pytest.param(course(au(attrs='masteryScore="-0.1"')), id="mastery-below-0"),
        pytest.param(course(au(attrs='masteryScore="high"')), id="mastery-not-number"),
        pytest.param(course(au(attrs='masteryScore="5e-1"')), id="mastery-exponent"),
        pytest.param(course(au().replace(TEXT, "<title></title>")), id="title-without-langstring"),
        pytest.param(course(au().replace(TEXT, "")), id="au-without-title"),
        pytest.param(course(au().replace('lang="en"', 'lang="en_US"', 1)), id="bad-language-tag"),
        pytest.param(course(au().replace("</url>", "</url>stray text")), id="text-in-au"),
        pytest.param(course(block("https://example.org/b")), id="empty-block"),
        pytest.param(course(au(), objectives="<objectives/>"), id="empty-objectives"),
        pytest.param(
            course(
                au(),
                objectives="<objectives>"
                + objective("https://example.org/o").replace(TEXT, "")
                + "</objectives>",
            ),
            id="objective-without-title",
        ),
    ],
)
def test_schema_violations(xml: bytes) -> None:
    assert rule_of(xml) == "cmi5 13.2.0.0-1"


def test_schema_checks_come_before_other_rules() -> None:
    """207-1 also has an invalid url; the structure is what the suite expects reported."""
    xml = course(au(id="no-scheme", url="http://bad host/", attrs='moveOn="Never"'))
    assert rule_of(xml) == "cmi5 13.2.0.0-1"


@pytest.mark.parametrize(
    ("au_id", "accepted"),
    [
        ("https://example.org/au", True),
        ("urn:uuid:9a0b3e0e-2f5c-4f55-9d8f-0d5b0f6b9a1c", True),
        ("https://example.org/पाठ/1", True),
        ("#au-1", False),
        ("w3id.org/xapi/au", False),
        ("/au/1", False),
        ("https://example.org/a b", False),
        ("https://example.org/%zz", False),
        ("https:", False),
    ],
)
def test_ids_must_be_iris(au_id: str, accepted: bool) -> None:
    xml = course(au(id=au_id))
    if accepted:
        assert parse_cmi5(xml, None).aus[0].id == au_id
    else:
        assert rule_of(xml) == "cmi5 3.0.0.0-1"


def test_ids_are_unique_across_kinds() -> None:
    same = "https://example.org/same"
    assert rule_of(course(block(same, au(id=same)))) == "cmi5 13.1.4.0-1"
    assert rule_of(course(au(id=same), block(same, au()))) == "cmi5 13.1.2.0-1"
    assert rule_of(course(au(id="https://example.org/course"))) == "cmi5 13.1.4.0-1"


@pytest.mark.parametrize(
    "url",
    [
        "http://",
        "https://:8080/a.html",
        "http://example.com:port/a.html",
        "http://[::1/a.html",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.com/a.html",
        "a%zz.html",
        "a\\b.html",
    ],
)
def test_invalid_au_urls(url: str) -> None:
    assert rule_of(course(au(url=url)), lambda path: True) == "cmi5 13.1.4.0-2"


@pytest.mark.parametrize("name", sorted(LAUNCH_PARAMETERS))
@pytest.mark.parametrize("base", ["index.html", "https://example.org/a.html"])
def test_query_must_not_use_launch_parameter_names(name: str, base: str) -> None:
    xml = course(au(url=f"{base}?lang=en&amp;{name}=x"))
    assert rule_of(xml, lambda path: True) == "cmi5 8.1.0.0-6"


def test_query_names_that_merely_resemble_launch_parameters_are_fine() -> None:
    xml = course(au(url="https://example.org/a.html?Endpoint=1&amp;actorName=2&amp;x=fetch"))
    assert parse_cmi5(xml, None).aus[0].url.endswith("x=fetch")


@pytest.mark.parametrize(
    ("url", "looked_up"),
    [
        ("index.html?a=1#top", "index.html"),
        ("./dir/../dir/page.html", "dir/page.html"),
        ("/index.html", "index.html"),
        ("my%20page.html", "my page.html"),
        ("पाठ/1.html", "पाठ/1.html"),
    ],
)
def test_relative_urls_name_files_in_the_package(url: str, looked_up: str) -> None:
    asked = Asked()
    structure = parse_cmi5(course(au(url=url)), asked)
    assert asked.paths == [looked_up]
    assert structure.aus[0].url == url
    assert not structure.online_only


@pytest.mark.parametrize(
    "url",
    [
        "missing.html",
        "../outside.html",
        "a/../../x.html",
        "//cdn.example.org/a.html",
        "?only=query",
    ],
)
def test_relative_urls_outside_the_package_are_rejected(url: str) -> None:
    assert rule_of(course(au(url=url)), lambda path: path == "index.html") == "cmi5 14.1.0.0-4"


def test_mixed_urls_are_not_online_only() -> None:
    xml = course(au(), au(id="https://example.org/au/2", url="index.html"))
    structure = parse_cmi5(xml, lambda path: True)
    assert [a.absolute for a in structure.aus] == [True, False]
    assert not structure.online_only
    assert rule_of(xml) == "cmi5 14.2.0.0-1"


# -- hostile and broken XML --------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<courseStructure>&lol3;</courseStructure>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE courseStructure [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<courseStructure>&secret;</courseStructure>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "xxe"])
def test_hostile_xml_is_refused(xml: bytes) -> None:
    assert rule_of(xml) == "xml.unsafe"


@pytest.mark.parametrize("xml", [b"", b"<courseStructure", b"not xml", b"<a></b>"])
def test_malformed_xml(xml: bytes) -> None:
    assert rule_of(xml) == "xml.malformed"


def test_absurd_nesting_is_refused_not_a_crash() -> None:
    inner = au()
    for level in range(2000):
        inner = block(f"https://example.org/b/{level}", inner)
    assert rule_of(course(inner)) == "xml.too_deep"


def test_messages_name_the_rule_and_the_value() -> None:
    with pytest.raises(PackageError) as caught:
        parse_cmi5(course(au(url="index.html")), None)
    assert caught.value.message == (
        "cmi5 rule 14.2.0.0-1: the AU url “index.html” is relative, but a cmi5.xml without a "
        "zip package may only use full http or https addresses."
    )
