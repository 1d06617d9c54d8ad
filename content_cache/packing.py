"""Deterministic zips of course folders: same files in, same bytes out.

Entries sorted, timestamps fixed (1980-01-01), made-on-Unix with fixed permissions; media
already compressed (video, audio, images, PDF) is stored so players can stream it straight
from the package, everything else deflated at level 9.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Mapping
from pathlib import Path

from app.errors import PackageError
from app.i18n import _

STORED_SUFFIXES = frozenset(
    {
        ".mp4",
        ".m4v",
        ".webm",
        ".mkv",
        ".mp3",
        ".m4a",
        ".ogg",
        ".opus",
        ".wav",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".pdf",
        ".zip",
        ".woff",
        ".woff2",
    }
)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
BIG = 2**31  # entries from here on need zip64 headers up front


def zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.create_system = 3  # Unix, whatever machine builds it, so external_attr means the same
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    stored = posixpath.splitext(name)[1].lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    level = None if stored else 9
    # ZipFile.open(info, "w") takes the level from the ZipInfo (public from Python 3.13).
    if hasattr(info, "compress_level"):
        info.compress_level = level
    else:
        info._compresslevel = level  # type: ignore[attr-defined]
    return info


def _level(info: zipfile.ZipInfo) -> int | None:
    return None if info.compress_type == zipfile.ZIP_STORED else 9


def folder_files(folder: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for every regular file under `folder`, sorted; no symlinks."""
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            message = _(
                "The course folder contains a symbolic link, which packages may not: {path}"
            )
            raise PackageError(
                message.format(path=path),
                rule="zip.symlink",
            )
        if path.is_file():
            files.append((path.relative_to(folder).as_posix(), path))
    return sorted(files)


def pack_folder(folder: Path, dest: Path) -> Path:
    """Zip `folder` (its contents at the zip's root) into `dest`."""
    with zipfile.ZipFile(dest, "w", allowZip64=True) as archive:
        for name, path in folder_files(folder):
            info = zip_info(name)
            size = path.stat().st_size
            with path.open("rb") as src, archive.open(info, "w", force_zip64=size >= BIG) as out:
                while chunk := src.read(1024 * 1024):
                    out.write(chunk)
    return dest


def pack_files(files: Mapping[str, bytes], dest: Path) -> Path:
    """Zip in-memory files (name in the zip -> bytes) into `dest`."""
    with zipfile.ZipFile(dest, "w", allowZip64=True) as archive:
        for name in sorted(files):
            info = zip_info(name)
            archive.writestr(info, files[name], compresslevel=_level(info))
    return dest
