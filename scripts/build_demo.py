"""Build the built-in demo course from content_cache/demo/source/ into one package.

    .venv/bin/python scripts/build_demo.py

Source (content_cache/demo/source/)  ->  package, published into the demo repository
                                         content_cache/demo/repo/ (signed with the demo key)
  course.json                        ->  course.json, with duration_s, pages and build filled in
  video/slides.json                  ->  the video item's MP4 (slides drawn with Qt, ffmpeg H.264)
  handout.json                       ->  the pdf item's A4 handout (fpdf2, HarfBuzz shaping)
  lesson/*                           ->  the html item's folder, plus fonts/ (Noto Sans
                                         Devanagari cut down to the characters the page uses)
  assessment/final.source.json       ->  assessment/final.json (questions, no answers) and
                                         assessment/final.key.sealed (the answer key, sealed to
                                         content_cache/demo/demo-assessment.pub and bound to the
                                         course, the item and the paper: content_cache.sealing)

The zip is deterministic (content_cache.packing: sorted names, fixed timestamps and
permissions, media stored so players stream it, text deflated). Sealing is randomised, so the
sealed key of the current package is kept when it still opens, with the demo assessment key,
to the same answers for the same paper. build.sources_sha256 records which sources it was
made from, so a test can tell when the committed package is stale. The repository is published
again only when the package changed.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import posixpath
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.assessment.key import parse_key  # noqa: E402
from app.assessment.paper import parse_paper  # noqa: E402
from app.errors import PackageError  # noqa: E402
from content_cache import sealing  # noqa: E402
from content_cache.packing import pack_files  # noqa: E402
from content_cache.publish import PublishOptions, publish  # noqa: E402
from content_cache.signing import load_signing_key  # noqa: E402
from scripts.demo_media import FONTS, build_pdf, build_video  # noqa: E402

SOURCE = ROOT / "content_cache" / "demo" / "source"
REPO = ROOT / "content_cache" / "demo" / "repo"
DEMO_KEY = ROOT / "content_cache" / "demo" / "demo-platform.key"
ASSESSMENT_PUB = ROOT / "content_cache" / "demo" / "demo-assessment.pub"
ASSESSMENT_KEY = ROOT / "content_cache" / "demo" / "demo-assessment.key"
REPO_ID = "urn:karmayogi-offline:repo:demo"
REPO_NAME = {"en": "Karmayogi Offline demo", "hi": "कर्मयोगी ऑफ़लाइन डेमो"}
SCHEMA = ROOT / "content_cache" / "schemas" / "kyo-course-1.schema.json"
TOOL = "scripts/build_demo.py"

ASSESSMENT_FORMAT = "kyo-assessment/1"
KEY_FORMAT = "kyo-assessment-key/1"
LANGUAGES = {"en", "hi"}


def sources_sha256(folder: Path = SOURCE) -> str:
    """SHA-256 over every file under `folder`, in sorted order of relative POSIX path.

    Each file adds: its path (UTF-8), NUL, its size in decimal, NUL, its bytes. The size makes
    the boundaries unambiguous, so moving bytes between files changes the hash.
    """
    digest = hashlib.sha256()
    files = sorted((p.relative_to(folder).as_posix(), p) for p in folder.rglob("*") if p.is_file())
    for name, path in files:
        data = path.read_bytes()
        digest.update(b"%s\0%d\0" % (name.encode("utf-8"), len(data)))
        digest.update(data)
    return digest.hexdigest()


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def dump_json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Assessment


def _check_bilingual(question: dict[str, Any]) -> None:
    columns = ("options", "items", "targets")
    choices = [c for column in columns for c in question.get(column, [])]
    texts = [question["prompt"], *(c["text"] for c in choices)]
    if any(set(text) != LANGUAGES for text in texts):
        raise SystemExit(f"assessment {question['id']}: every text needs English and Hindi")


def _scramble(paper_id: str, question: dict[str, Any]) -> dict[str, Any]:
    """An ordering question's options, listed in the paper out of their right order (the key's
    order): a paper listing them as written would give the answer away."""
    if question["type"] != "ordering":
        return question
    right = question["answer"].get("correct")
    by_id = {o["id"]: o for o in question.get("options", [])}
    if not isinstance(right, list) or sorted(right) != sorted(by_id):
        return question  # split_assessment refuses it, with the engine's reason
    rank = {
        o: hashlib.sha256(f"{paper_id}\0{question['id']}\0{o}".encode()).digest() for o in right
    }
    listed = sorted(right, key=rank.__getitem__)
    if listed == right:
        listed = listed[1:] + listed[:1]
    return {**question, "options": [by_id[o] for o in listed]}


def split_assessment(source: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(questions for the learner, answer key): the answers live only in the key. Both are
    checked by the assessment engine's own parsers, so the app will accept what is built."""
    questions, answers = [], {}
    for question in source["questions"]:
        _check_bilingual(question)
        if not isinstance(question.get("answer"), dict):
            raise SystemExit(f"assessment {question['id']}: no answer")
        question = _scramble(source["id"], question)
        questions.append({k: v for k, v in question.items() if k != "answer"})
        answers[question["id"]] = question["answer"]
    meta = ("id", "title", "time_limit_s", "attempts", "pass_mark", "shuffle")
    paper = {"format": ASSESSMENT_FORMAT, **{k: source[k] for k in meta}, "questions": questions}
    key = {"format": KEY_FORMAT, "answers": answers}
    try:
        parse_key(parse_paper(paper), key)
    except PackageError as exc:
        raise SystemExit(f"assessment: {exc.message}") from exc
    return paper, key


def seal_key(key: bytes, aad: bytes, previous: bytes | None) -> bytes:
    """`key` sealed to the demo assessment key; `previous` when it already is exactly that."""
    if previous is not None:
        try:
            if sealing.open_sealed(previous, sealing.load_private(ASSESSMENT_KEY), aad) == key:
                return previous
        except PackageError:
            pass
    recipient, _label = sealing.parse_public(ASSESSMENT_PUB.read_text(encoding="utf-8"))
    return sealing.seal(key, recipient, aad)


def published_file(name: str) -> bytes | None:
    """`name` from the demo package currently published, if there is one and it has it."""
    try:
        with zipfile.ZipFile(demo_package()) as package:
            return package.read(name)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None


# ---------------------------------------------------------------------------------------------
# Lesson


def subset_font(path: Path, text: str) -> bytes:
    """`path` cut down to the glyphs `text` needs, keeping every OpenType layout feature so
    conjuncts and matras still shape (the closure over GSUB keeps the ligature glyphs)."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the copyright and licence names the OFL asks for
    options.hinting = False  # a third smaller; browsers render Devanagari well unhinted
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def lesson_files(folder: Path, dest: str) -> dict[str, bytes]:
    """The lesson's own files under `dest`, plus the Devanagari fonts its stylesheet names."""
    files = {
        f"{dest}/{p.relative_to(folder).as_posix()}": p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    text = "".join(data.decode("utf-8") for name, data in files.items() if name.endswith(".html"))
    for style in ("Regular", "Bold"):
        name = f"NotoSansDevanagari-{style}.ttf"
        files[f"{dest}/fonts/{name}"] = subset_font(FONTS / name, text)
    files[f"{dest}/fonts/OFL.txt"] = (FONTS / "OFL.txt").read_bytes()
    return files


# ---------------------------------------------------------------------------------------------
# Course and package


def items_of(course: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for module in course["modules"] for item in module["items"]]


def the_item(course: dict[str, Any], kind: str) -> dict[str, Any]:
    """The one item of `kind`: the demo has exactly one of each."""
    found = [item for item in items_of(course) if item["kind"] == kind]
    if len(found) != 1:
        raise SystemExit(f"course.json: expected one {kind} item, found {len(found)}")
    return found[0]


def check_course(course: dict[str, Any], files: dict[str, bytes]) -> None:
    """Schema-valid, unique item ids, and every src in the package."""
    jsonschema.Draft202012Validator(load_json(SCHEMA)).validate(course)
    ids = [item["id"] for item in items_of(course)]
    if len(ids) != len(set(ids)):
        raise SystemExit("course.json: item ids must be unique")
    for item in items_of(course):
        if item["src"] not in files:
            raise SystemExit(f"course.json: {item['id']} names {item['src']}, which was not built")


def build_files(source: Path = SOURCE) -> dict[str, bytes]:
    """Every file of the package, by its name in the zip."""
    course = copy.deepcopy(load_json(source / "course.json"))
    files: dict[str, bytes] = {}

    video = the_item(course, "video")
    files[video["src"]], video["duration_s"] = build_video(load_json(source / "video/slides.json"))

    handout = the_item(course, "pdf")
    files[handout["src"]], handout["pages"] = build_pdf(load_json(source / "handout.json"))
    if not 2 <= handout["pages"] <= 3:
        raise SystemExit(f"handout.json: the handout should be 2-3 pages, not {handout['pages']}")

    lesson = the_item(course, "html")
    files.update(lesson_files(source / "lesson", posixpath.dirname(lesson["src"])))

    quiz = the_item(course, "assessment")
    paper, key = split_assessment(load_json(source / "assessment/final.source.json"))
    files[quiz["src"]] = dump_json(paper)
    sealed_name = quiz["src"].removesuffix(".json") + ".key.sealed"
    aad = sealing.assessment_aad(course["id"], quiz["id"], files[quiz["src"]])
    files[sealed_name] = seal_key(dump_json(key), aad, published_file(sealed_name))

    course["build"] = {"tool": TOOL, "sources_sha256": sources_sha256(source)}
    files["course.json"] = dump_json(course)
    check_course(course, files)
    return files


def demo_package(repo: Path = REPO) -> Path:
    """The demo course's package file, as the repository's signed index lists it."""
    index = json.loads((repo / "index.json").read_text(encoding="utf-8"))
    (course,) = index["courses"]
    return repo / course["url"]


def main() -> int:
    files = build_files()
    for name in sorted(files):
        print(f"{len(files[name]):>10,}  {name}")
    with tempfile.TemporaryDirectory() as tmp:
        package = pack_files(files, Path(tmp) / "kyo-demo-course.zip")
        current = demo_package() if (REPO / "index.json").exists() else None
        unchanged = current is not None and current.exists()
        if unchanged and current.read_bytes() == package.read_bytes():
            print(f"{current.relative_to(ROOT)} is up to date ({package.stat().st_size:,} bytes)")
            return 0
        options = PublishOptions(repo_id=REPO_ID, name=REPO_NAME)
        index = publish(package, REPO, load_signing_key(DEMO_KEY), options)
    print(
        f"published {demo_package().relative_to(ROOT)} into {REPO.relative_to(ROOT)} "
        f"(serial {index.serial})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
