"""PackageFiles: the players' way into an installed course's files."""

from __future__ import annotations

import pytest

from app.content import DEMO_COURSE_ID
from app.core import Core
from app.errors import NotFound


@pytest.fixture
def files(core: Core):
    core.content.seed_demo()
    return core.content.files


def item_src(core: Core, item_id: str) -> str:
    manifest = core.content.store.course(DEMO_COURSE_ID).manifest
    return next(i.src for i in manifest.items if i.id == item_id)


def test_reads_a_member_and_extracts_a_seekable_copy_once(core: Core, files) -> None:
    pdf = files.read(DEMO_COURSE_ID, item_src(core, "handout"))
    assert pdf.startswith(b"%PDF")
    video = files.file(DEMO_COURSE_ID, item_src(core, "intro-video"))
    assert video.stat().st_size == files.size(DEMO_COURSE_ID, item_src(core, "intro-video"))
    assert str(video).startswith(str(core.paths.cache))
    stamp = video.stat().st_mtime_ns
    assert files.file(DEMO_COURSE_ID, item_src(core, "intro-video")).stat().st_mtime_ns == stamp
    assert not list(video.parent.glob("*.part"))


@pytest.mark.parametrize("name", ["../../etc/passwd", "missing.html", "/../course.json/.."])
def test_names_outside_or_missing_are_not_found(files, name: str) -> None:
    with pytest.raises(NotFound):
        files.read(DEMO_COURSE_ID, name)
    with pytest.raises(NotFound):
        files.file(DEMO_COURSE_ID, name)


def test_a_course_not_installed_is_not_found(files) -> None:
    with pytest.raises(NotFound):
        files.read("urn:nobody:course", "index.html")
