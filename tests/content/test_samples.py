"""Every third-party sample imports; the cmi5 LMS Test Suite's bad packages are refused with
the rule they break; nothing refused leaves anything behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import PackageError
from content_cache.package import inspect_package
from content_cache.store import ContentStore

GOOD_LTS = [
    "001-essentials.zip",
    "002-allowed.zip",
    "003-launchMethod-OwnWindow.zip",
    "004-1-moveOn-Completed.zip",
    "004-2-moveOn-CompletedOrPassed.zip",
    "004-3-moveOn-Passed.zip",
    "004-4-moveOn-CompletedOrPassed.zip",
    "004-5-moveOn-NotApplicable.zip",
    "005-1-invalid-au.zip",
    "005-2-invalid-au.zip",
    "006-launchMode.zip",
    "007-1-multi-session.zip",
    "007-2-multi-session.zip",
    "008-1-abandoned.zip",
    "009-1-waived.zip",
    "101-one-thousand-aus.xml",
    "102-zip64.zip",
]


@pytest.mark.parametrize(
    ("name", "fmt", "items"),
    [
        ("scorm12_golf_singlescobasic.zip", "scorm12", 1),
        ("scorm2004_3rd_golf_RuntimeBasicCalls.zip", "scorm2004", 1),
        ("cmi5_catapult_masteryscore_responsive.zip", "cmi5", 1),
    ],
)
def test_samples_import(
    store: ContentStore, samples: Path, name: str, fmt: str, items: int
) -> None:
    course = store.install_file(samples / name, source="samples").course
    assert course.manifest.source_format == fmt
    assert len(course.manifest.items) == items
    assert not course.manifest.online_only
    assert course.manifest.title_in("en")


@pytest.mark.parametrize("name", GOOD_LTS)
def test_lts_good_packages_import(store: ContentStore, lts: Path, name: str) -> None:
    course = store.install_file(lts / name, source="lts").course
    assert course.manifest.source_format == "cmi5"
    assert course.id.startswith("https://")


def test_lts_1000_aus_is_an_online_only_course(store: ContentStore, lts: Path) -> None:
    course = store.install_file(lts / "101-one-thousand-aus.xml", source="lts").course
    assert course.manifest.online_only
    assert course.container == "xml"


def _bad_lts(lts: Path) -> list[str]:
    return sorted(p.name for p in lts.iterdir() if p.name.startswith("2"))


def test_every_2xx_package_is_refused_naming_the_rule(store: ContentStore, lts: Path) -> None:
    bad = _bad_lts(lts)
    assert len(bad) >= 18
    for name in bad:
        with pytest.raises(PackageError) as info:
            store.install_file(lts / name, source="lts")
        assert info.value.rule, name
        assert info.value.message
    assert store.courses() == []
    assert list(store.packages.iterdir()) == []
    assert store.fsck().ok


EXPECTED_RULES = {
    "201-1-iris-course-id.xml": "cmi5 3.0.0.0-1",
    "201-2-iris-block-id.xml": "cmi5 3.0.0.0-1",
    "201-3-iris-au-id.xml": "cmi5 3.0.0.0-1",
    "201-4-iris-objective-id.xml": "cmi5 3.0.0.0-1",
    "202-1-relative-url-no-zip.xml": "cmi5 14.2.0.0-1",
    "203-1-relative-url-no-reference.zip": "cmi5 14.1.0.0-4",
    "204-query-string-conflict-endpoint.xml": "cmi5 8.1.0.0-6",
    "205-1-duplicated-block.xml": "cmi5 13.1.2.0-1",
    "205-3-duplicated-au.xml": "cmi5 13.1.4.0-1",
    "206-1-invalid-au-url.xml": "cmi5 13.1.4.0-2",
    "207-1-invalid-courseStructure.xml": "cmi5 13.2.0.0-1",
    "208-1-invalid-package.md": "cmi5 14.0.0.0-1",
    "209-1-not-a-zip.zip": "cmi5 14.1.0.0-1",
    "210-1-no-cmi5-xml.zip": "cmi5 14.1.0.0-2",
}


@pytest.mark.parametrize(("name", "rule"), sorted(EXPECTED_RULES.items()))
def test_rule_ids_for_the_container_and_structure(lts: Path, name: str, rule: str) -> None:
    with pytest.raises(PackageError) as info:
        inspect_package(lts / name)
    assert info.value.rule == rule
    assert rule.removeprefix("cmi5 ") in info.value.message


def test_cmi5_rule_numbers_reach_the_message(lts: Path) -> None:
    with pytest.raises(PackageError) as info:
        inspect_package(lts / "201-1-iris-course-id.xml")
    assert "3.0.0.0-1" in info.value.rule
    assert "3.0.0.0-1" in info.value.message
