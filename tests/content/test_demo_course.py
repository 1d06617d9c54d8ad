"""The built-in demo course: the committed package is current, complete and well-formed.

These read the committed zip; they never rebuild the video. After editing anything in
content_cache/demo/source/, run `.venv/bin/python scripts/build_demo.py`.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import jsonschema
import pytest
import uharfbuzz as hb

from app.assessment.key import open_key
from app.assessment.paper import parse_paper
from app.errors import PackageError
from content_cache import sealing
from content_cache.package import inspect_package
from content_cache.packing import STORED_SUFFIXES, pack_files
from scripts.build_demo import (
    ASSESSMENT_KEY,
    FONTS,
    SCHEMA,
    SOURCE,
    demo_package,
    items_of,
    sources_sha256,
    split_assessment,
)

PACKAGE = demo_package()
REBUILD = "run `.venv/bin/python scripts/build_demo.py` and commit the package"
DEVANAGARI = re.compile("[\u0900-\u097f]")
REQUIRED_TYPES = {"single", "multiple", "true_false", "numeric", "short_text"}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    assert PACKAGE.is_file(), f"{PACKAGE} is missing: {REBUILD}"
    with zipfile.ZipFile(PACKAGE) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture(scope="module")
def course(files: dict[str, bytes]) -> dict[str, Any]:
    return json.loads(files["course.json"])


def item(course: dict[str, Any], kind: str) -> dict[str, Any]:
    (found,) = [i for i in items_of(course) if i["kind"] == kind]
    return found


@pytest.fixture(scope="module")
def unpacked(files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo-course")
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


# --- the package ------------------------------------------------------------------------------


def test_course_json_is_valid_and_every_item_is_in_the_package(
    files: dict[str, bytes], course: dict[str, Any]
) -> None:
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(course)
    assert course["id"] == "urn:karmayogi-offline:course:demo-serving-citizens"
    assert course["languages"] == ["en", "hi"]
    ids = [i["id"] for i in items_of(course)]
    assert len(ids) == len(set(ids)), "item ids must be unique"
    assert {i["kind"] for i in items_of(course)} == {"video", "pdf", "html", "assessment"}
    for entry in items_of(course):
        assert entry["src"] in files, f"{entry['id']}: {entry['src']} is not in the package"
    assert set(course["completion"]["requires_passing"]) <= set(ids)


def test_package_was_built_from_the_current_sources(course: dict[str, Any]) -> None:
    assert course["build"]["tool"] == "scripts/build_demo.py"
    assert course["build"]["sources_sha256"] == sources_sha256(SOURCE), (
        f"content_cache/demo/source/ changed since the package was built: {REBUILD}"
    )


def test_zip_is_deterministic_in_form() -> None:
    with zipfile.ZipFile(PACKAGE) as package:
        infos = package.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert "course.json" in names
    for info in infos:
        assert not info.is_dir() and "\\" not in info.filename and not info.filename.startswith("/")
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.external_attr == 0o100644 << 16
        media = Path(info.filename).suffix in STORED_SUFFIXES
        # Media is streamed straight from the zip by the player, so it must not be compressed.
        expected = zipfile.ZIP_STORED if media else zipfile.ZIP_DEFLATED
        assert info.compress_type == expected, info.filename


def test_zip_writer_gives_the_same_bytes_for_the_same_files(tmp_path: Path) -> None:
    files = {"b.txt": b"text " * 100, "a/clip.mp4": b"\0" * 64, "course.json": b"{}"}
    first = pack_files(files, tmp_path / "a.zip").read_bytes()
    assert first == pack_files(dict(reversed(files.items())), tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert package.namelist() == ["a/clip.mp4", "b.txt", "course.json"]
        assert package.getinfo("a/clip.mp4").compress_type == zipfile.ZIP_STORED


def test_sources_hash_changes_with_any_edit(tmp_path: Path) -> None:
    (tmp_path / "lesson").mkdir()
    (tmp_path / "lesson" / "a.html").write_text("<p>one</p>")
    (tmp_path / "b.json").write_text("{}")
    before = sources_sha256(tmp_path)
    (tmp_path / "b.json").write_text("{} ")
    edited = sources_sha256(tmp_path)
    (tmp_path / "b.json").rename(tmp_path / "c.json")
    renamed = sources_sha256(tmp_path)
    assert len({before, edited, renamed}) == 3


# --- the video --------------------------------------------------------------------------------


def test_video_is_h264_mp4_of_the_stated_duration(
    files: dict[str, bytes], course: dict[str, Any], unpacked: Path
) -> None:
    video = item(course, "video")
    data = files[video["src"]]
    assert data[4:8] == b"ftyp", "not an MP4"
    assert data.find(b"moov") < data.find(b"mdat"), "moov must come first (-movflags +faststart)"
    assert len(data) < 2 * 1024 * 1024
    probe = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(unpacked / video["src"])],
        capture_output=True,
        text=True,
        check=False,  # ffmpeg exits 1 without an output file; the stream info is on stderr
    )
    assert re.search(r"Video: h264\b.*yuv420p", probe.stderr), probe.stderr
    hours, minutes, seconds = re.search(r"Duration: (\d+):(\d+):([\d.]+)", probe.stderr).groups()
    duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    assert 20 <= duration <= 40
    assert abs(duration - video["duration_s"]) <= 1


# --- the handout ------------------------------------------------------------------------------


def test_handout_text_comes_back_in_english_and_hindi(
    course: dict[str, Any], unpacked: Path
) -> None:
    pdf = unpacked / item(course, "pdf")["src"]
    text = subprocess.run(
        [need("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = re.sub(r"\s+", "", text)
    for title in course["title"].values():
        assert re.sub(r"\s+", "", title) in squeezed, f"{title!r} not in the PDF's text"
    info = subprocess.run(
        [need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert f"Pages: {item(course, 'pdf')['pages']}\n" in re.sub(r"Pages: +", "Pages: ", info)
    assert 2 <= item(course, "pdf")["pages"] <= 3


def test_handout_embeds_the_devanagari_font(course: dict[str, Any], unpacked: Path) -> None:
    pdf = unpacked / item(course, "pdf")["src"]
    fonts = subprocess.run(
        [need("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    devanagari = [row for row in rows if "NotoSansDevanagari" in row[0]]
    assert devanagari, fonts
    # Columns from the right: emb sub uni object-number generation.
    assert all(row[-5] == "yes" for row in devanagari), fonts


# --- the lesson -------------------------------------------------------------------------------


class _References(HTMLParser):
    """Every resource a page loads: scripts, styles, images, media, frames, objects."""

    ATTRS = frozenset({"src", "href", "srcset", "poster", "data", "action"})

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.langs: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.html_lang = values.get("lang")
        if values.get("lang"):
            self.langs.append(values["lang"] or "")
        for name, value in attrs:
            if name in self.ATTRS and value:
                self.refs.append((tag, value))


def test_lesson_is_bilingual_and_self_contained(
    files: dict[str, bytes], course: dict[str, Any]
) -> None:
    entry = item(course, "html")["src"]
    folder = entry.rsplit("/", 1)[0]
    page = files[entry].decode("utf-8")
    parser = _References()
    parser.feed(page)
    assert parser.html_lang in ("en", "hi")
    assert {"en", "hi"} <= set(parser.langs)
    assert course["title"]["en"] in page and course["title"]["hi"] in page
    assert len(DEVANAGARI.findall(page)) > 500, "the Hindi text is missing"
    assert re.search(r"<h1\b", page) and re.search(r"<h2\b", page)
    refs = [(folder, value) for _, value in parser.refs]
    for name, data in files.items():
        if not name.startswith(folder + "/") or not name.endswith((".html", ".css", ".js")):
            continue
        text = data.decode("utf-8")
        assert "http://" not in text and "https://" not in text, f"{name} refers to the web"
        if name.endswith(".css"):
            base = posixpath.dirname(name)
            refs += [(base, r) for r in re.findall(r"url\(\s*['\"]?([^'\")]+)", text)]
            assert "@import" not in text
    for base, ref in refs:
        if ref.startswith("#"):
            continue
        assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref, re.I), f"external reference {ref}"
        target = posixpath.normpath(posixpath.join(base, ref.split("#")[0]))
        assert target in files, f"{base}: {ref} is not in the package"


def _shape(font_data: bytes, text: str) -> list[tuple[int, int, int, int, int]]:
    font = hb.Font(hb.Face(hb.Blob(font_data)))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf)
    shaped = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        extents = font.get_glyph_extents(info.codepoint)
        shaped.append((pos.x_advance, pos.x_offset, pos.y_offset, extents.width, extents.height))
    return shaped


def test_lesson_fonts_shape_hindi_like_the_full_fonts(
    files: dict[str, bytes], course: dict[str, Any]
) -> None:
    """The cut-down fonts kept every conjunct and matra the lesson uses."""
    folder = item(course, "html")["src"].rsplit("/", 1)[0]
    page = files[f"{folder}/index.html"].decode("utf-8")
    words = sorted(set(re.findall(r"[\u0900-\u097f\u200c\u200d]+", page)))
    assert any("क्ष" in w for w in words) and any("श्र" in w for w in words)
    for style in ("Regular", "Bold"):
        name = f"NotoSansDevanagari-{style}.ttf"
        full, cut = (FONTS / name).read_bytes(), files[f"{folder}/fonts/{name}"]
        for word in words:
            assert _shape(cut, word) == _shape(full, word), f"{name} shapes {word!r} differently"


# --- the assessment ---------------------------------------------------------------------------


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _source_answers() -> dict[str, Any]:
    source = json.loads((SOURCE / "assessment/final.source.json").read_text("utf-8"))
    return {q["id"]: q["answer"] for q in source["questions"]}


def test_assessment_paper_carries_no_answers(
    files: dict[str, bytes], course: dict[str, Any]
) -> None:
    src = item(course, "assessment")["src"]
    raw = files[src].decode("utf-8")
    paper = json.loads(raw)
    assert paper["format"] == "kyo-assessment/1"
    assert not _keys(paper) & {"correct", "answers", "answer", "accept", "tolerance", "pairs"}
    questions = {q["id"]: q for q in paper["questions"]}
    for qid, answer in _source_answers().items():
        if "value" in answer:
            # The number on its own, not as part of another (15 or 0.6 do not give away 1 or 6).
            value = re.escape(f"{answer['value']:g}")
            number = rf"(?<!\d)(?<!\d\.){value}(?!\d|\.\d)"
            question = json.dumps(questions[qid], ensure_ascii=False).replace(f'"{qid}"', "")
            assert not re.search(number, question), f"{qid}'s answer leaks"


def test_the_answer_key_is_nowhere_readable_in_the_package(
    files: dict[str, bytes], course: dict[str, Any]
) -> None:
    """Not in the zip's own bytes, nor in any file unpacked from it. (The lesson and the
    description teach what a citizen's charter is, so the accepted texts are looked for in the
    assessment's files; the key's own form and every answer as the key writes it, everywhere.)"""
    assert not [name for name in files if name.endswith(".key.json")]
    everywhere = [PACKAGE.read_bytes(), *files.values()]
    folder = posixpath.dirname(item(course, "assessment")["src"]) + "/"
    assessment = [data for name, data in files.items() if name.startswith(folder)]
    assert len(assessment) == 2
    answers = _source_answers()
    tokens = ["kyo-assessment-key/1", '"accept"', '"tolerance"', '"correct"']
    tokens += [json.dumps(answer, ensure_ascii=False) for answer in answers.values()]
    for token in tokens:
        assert not any(token.encode() in data for data in everywhere), f"{token!r} is readable"
    accepted = [a for answer in answers.values() for a in answer.get("accept", [])]
    assert accepted
    for text in accepted:
        for form in {text, text.casefold(), text.upper(), text.title()}:
            needle = form.encode("utf-8")
            assert not any(needle in data for data in assessment), f"{text!r} is readable"


def test_sealed_key_opens_with_the_demo_key_and_holds_the_answers(
    files: dict[str, bytes], course: dict[str, Any]
) -> None:
    quiz = item(course, "assessment")
    sealed = files[quiz["src"].removesuffix(".json") + ".key.sealed"]
    private = sealing.load_private(ASSESSMENT_KEY)
    aad = sealing.assessment_aad(course["id"], quiz["id"], files[quiz["src"]])
    key = json.loads(sealing.open_sealed(sealed, private, aad))
    assert key == {"format": "kyo-assessment-key/1", "answers": _source_answers()}
    # Bound to its place: the same key does not open for another item or an edited paper.
    for other in (
        sealing.assessment_aad(course["id"], "another-item", files[quiz["src"]]),
        sealing.assessment_aad(course["id"], quiz["id"], files[quiz["src"]] + b" "),
    ):
        with pytest.raises(PackageError) as refused:
            sealing.open_sealed(sealed, private, other)
        assert refused.value.rule == "assessment.key"
    # What the app grades with: the engine opens and parses it against the paper.
    paper = parse_paper(json.loads(files[quiz["src"]]))
    assert set(open_key(paper, sealed, private, aad).answers) == set(_source_answers())


def test_demo_package_passes_the_install_checks() -> None:
    assert (
        inspect_package(PACKAGE).manifest.id == "urn:karmayogi-offline:course:demo-serving-citizens"
    )


def test_assessment_is_bilingual_and_covers_the_question_types(
    files: dict[str, bytes], course: dict[str, Any]
) -> None:
    paper = json.loads(files[item(course, "assessment")["src"]])
    assert len(paper["questions"]) == 5
    assert {q["type"] for q in paper["questions"]} >= REQUIRED_TYPES
    assert paper["pass_mark"] == 0.6 and paper["attempts"] == 3 and paper["time_limit_s"] == 600
    for question in paper["questions"]:
        texts = [question["prompt"], *(o["text"] for o in question.get("options", []))]
        for text in texts:
            assert set(text) == {"en", "hi"} and DEVANAGARI.search(text["hi"]), question["id"]


def test_answers_that_do_not_fit_their_question_are_refused() -> None:
    question = {
        "id": "q1",
        "type": "single",
        "prompt": {"en": "Pick", "hi": "चुनें"},
        "options": [
            {"id": "a", "text": {"en": "A", "hi": "क"}},
            {"id": "b", "text": {"en": "B", "hi": "ख"}},
        ],
        "points": 1,
    }
    meta = {"id": "t", "title": {"en": "T"}, "time_limit_s": 60, "attempts": 1}
    meta |= {"pass_mark": 0.5, "shuffle": False}
    bad = (None, {"correct": ["z"]}, {"value": 1, "tolerance": 0}, {"correct": ["a", "b"]})
    for answer in bad:
        with pytest.raises(SystemExit):
            split_assessment({**meta, "questions": [{**question, "answer": answer}]})
    paper, key = split_assessment(
        {**meta, "questions": [{**question, "answer": {"correct": ["a"]}}]}
    )
    assert "answer" not in paper["questions"][0]
    assert key["answers"] == {"q1": {"correct": ["a"]}}


def test_ordering_options_are_not_listed_in_their_right_order() -> None:
    options = [{"id": i, "text": {"en": i.upper(), "hi": "क"}} for i in "abcd"]
    question = {"id": "q1", "type": "ordering", "prompt": {"en": "Order", "hi": "क्रम"}}
    question |= {"options": options, "points": 1, "answer": {"correct": ["a", "b", "c", "d"]}}
    meta = {"id": "t", "title": {"en": "T"}, "time_limit_s": None, "attempts": None}
    meta |= {"pass_mark": 0.5, "shuffle": False}
    for paper_id in ("t", "u", "v", "w"):
        paper, key = split_assessment({**meta, "id": paper_id, "questions": [question]})
        listed = [o["id"] for o in paper["questions"][0]["options"]]
        assert sorted(listed) == ["a", "b", "c", "d"] and listed != ["a", "b", "c", "d"]
        assert key["answers"]["q1"] == {"correct": ["a", "b", "c", "d"]}
