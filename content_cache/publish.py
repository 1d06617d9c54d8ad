"""`kyo repo publish`: build or update a signed repository from course folders and packages.

Sources: a folder holding course folders (each with course.json, or a bare SCORM/cmi5
folder) and/or package files (.zip, cmi5 .xml); or one course folder. Publishing again into
the same output keeps the courses already there (replaced when a source has the same id),
raises the serial, and drops package files nothing lists any more.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import InvalidInput, PackageError, SignatureError
from app.fsutil import atomic_write_bytes
from app.i18n import _
from content_cache import signing
from content_cache.fsck import sha256_file
from content_cache.manifest import CourseManifest, version_key
from content_cache.package import inspect_package
from content_cache.packing import pack_folder
from content_cache.repository import CatalogEntry, Index, now_iso, parse_index

MANIFEST_NAMES = ("course.json", "imsmanifest.xml", "cmi5.xml")


def is_course_folder(path: Path) -> bool:
    return path.is_dir() and any((path / name).is_file() for name in MANIFEST_NAMES)


def collect_sources(src: Path) -> list[Path]:
    if is_course_folder(src) or src.is_file():
        return [src]
    if not src.is_dir():
        raise InvalidInput(_("There is no file or folder at {path}.").format(path=src))
    found = [
        p for p in sorted(src.iterdir()) if is_course_folder(p) or p.suffix in (".zip", ".xml")
    ]
    if not found:
        raise InvalidInput(_("{path} holds no course folders or packages.").format(path=src))
    return found


def entry_for(manifest: CourseManifest, container: str, sha256: str, size: int) -> CatalogEntry:
    return CatalogEntry(
        id=manifest.id,
        version=manifest.version,
        title=manifest.title,
        description=manifest.description,
        languages=manifest.languages,
        competencies=tuple(
            {"id": c.id, "name": c.name, "type": c.type, "hours": c.hours}
            for c in manifest.competencies
        ),
        format=manifest.source_format,
        container=container,
        size=size,
        sha256=sha256,
        url=f"packages/{sha256}.{container}",
    )


def add_package(package: Path, out: Path) -> CatalogEntry:
    """Check one package and copy it into out/packages/ under its hash."""
    inspected = inspect_package(package)
    sha256 = sha256_file(package)
    size = package.stat().st_size
    dest = out / "packages" / f"{sha256}.{inspected.container}"
    if not dest.exists():
        tmp = dest.with_name(dest.name + ".tmp")
        shutil.copyfile(package, tmp)
        tmp.replace(dest)
    return entry_for(inspected.manifest, inspected.container, sha256, size)


def previous_index(out: Path, key: signing.SigningKey) -> Index | None:
    index_path = out / "index.json"
    if not index_path.exists():
        return None
    data = index_path.read_bytes()
    try:
        signing.verify(data, (out / "index.json.sig").read_bytes(), {key.public.key_id: key.public})
    except (OSError, SignatureError) as exc:
        raise InvalidInput(
            _(
                "{path} holds a repository not signed by this key; publish into another folder."
            ).format(path=out),
            str(exc),
        ) from exc
    return parse_index(data)


@dataclass(frozen=True)
class PublishOptions:
    repo_id: str | None = None  # default: kept from the previous index, else made from the key
    name: dict[str, str] | None = None
    serial: int | None = None  # default: max(previous + 1, now in Unix seconds)
    delegate: tuple[signing.PublicKey, ...] = ()  # keys this repository vouches for
    endorse: tuple[signing.PublicKey, ...] = ()  # device keys whose certificates are valid
    revoke: tuple[str, ...] = ()  # certificate ids


def publish(
    src: Path,
    out: Path,
    key: signing.SigningKey,
    options: PublishOptions = PublishOptions(),
    progress: Callable[[str], None] | None = None,
) -> Index:
    sources = collect_sources(src)
    (out / "packages").mkdir(parents=True, exist_ok=True)
    previous = previous_index(out, key)
    entries = {c.id: c for c in previous.courses} if previous else {}
    with tempfile.TemporaryDirectory(dir=out) as tmp:
        for source in sources:
            if progress:
                progress(source.name)
            package = pack_folder(source, Path(tmp) / "course.zip") if source.is_dir() else source
            entry = add_package(package, out)
            old = entries.get(entry.id)
            if old and version_key(entry.version) < version_key(old.version):
                raise PackageError(
                    _(
                        "{source} is version {new}, older than version {old} in the repository; "
                        "it was not published."
                    ).format(source=source.name, new=entry.version, old=old.version),
                    rule="repo.older_version",
                )
            entries[entry.id] = entry
    index = _new_index(previous, key, entries, options, out)
    _write(out, index, key)
    _drop_unlisted(out, index)
    return index


def _new_index(
    previous: Index | None,
    key: signing.SigningKey,
    entries: dict[str, CatalogEntry],
    options: PublishOptions,
    out: Path,
) -> Index:
    floor = previous.serial + 1 if previous else 1
    if options.serial is not None and options.serial < floor:
        raise InvalidInput(_("The serial must be at least {n}.").format(n=floor))
    default_id = f"urn:kyo-repo:{key.public.key_id}:{out.name}"
    return Index(
        repo_id=options.repo_id or (previous.repo_id if previous else default_id),
        name=options.name or (previous.name if previous else {"en": out.name}),
        serial=options.serial if options.serial is not None else max(floor, int(time.time())),
        generated=now_iso(),
        courses=tuple(sorted(entries.values(), key=lambda e: e.id)),
        keys=options.delegate or (previous.keys if previous else ()),
        endorsed_devices=_merged(previous.endorsed_devices if previous else (), options.endorse),
        revoked_certificates=tuple(
            sorted({*(previous.revoked_certificates if previous else ()), *options.revoke})
        ),
    )


def _merged(
    old: tuple[signing.PublicKey, ...], new: tuple[signing.PublicKey, ...]
) -> tuple[signing.PublicKey, ...]:
    """Endorsements accumulate across publications; the same key is listed once."""
    keys = {k.key_id: k for k in (*old, *new)}
    return tuple(keys[k] for k in sorted(keys))


def _write(out: Path, index: Index, key: signing.SigningKey) -> None:
    data = index.to_bytes()
    atomic_write_bytes(out / "index.json.sig", key.sign_file_bytes(data), mode=0o644)
    atomic_write_bytes(out / "index.json", data, mode=0o644)


def _drop_unlisted(out: Path, index: Index) -> None:
    listed = {c.url.rsplit("/", 1)[-1] for c in index.courses}
    for path in (out / "packages").iterdir():
        if path.name not in listed:
            with contextlib.suppress(OSError):
                path.unlink()
