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


def test_cmi5_rule_numbers_reach_the_message(lts: Path) -> None:
    with pytest.raises(PackageError) as info:
        inspect_package(lts / "201-1-iris-course-id.xml")
    assert "3.0.0.0-1" in info.value.rule
    assert "3.0.0.0-1" in info.value.message
