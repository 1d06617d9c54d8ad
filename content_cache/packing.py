"""Deterministic zips of course folders: same files in, same bytes out.

Entries sorted, timestamps fixed (1980-01-01), permissions fixed; media already compressed
(video, audio, images, PDF) is stored so players can stream it straight from the package,
text is deflated.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.errors import PackageError
from app.i18n import _

STORED_SUFFIXES = {
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
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def folder_files(folder: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for every regular file under `folder`, sorted; no symlinks."""
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            raise PackageError(
                _(
                    "The course folder contains a symbolic link, which packages may not: {path}"
                ).format(path=path),
                rule="zip.symlink",
            )
        if path.is_file():
            files.append((path.relative_to(folder).as_posix(), path))
    return files


def pack_folder(folder: Path, dest: Path) -> Path:
    """Zip `folder` (its contents at the zip's root) into `dest`."""
    with zipfile.ZipFile(dest, "w", allowZip64=True) as archive:
        for name, path in folder_files(folder):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            stored = path.suffix.lower() in STORED_SUFFIXES
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            with (
                path.open("rb") as src,
                archive.open(info, "w", force_zip64=path.stat().st_size >= 2**31) as out,
            ):
                while chunk := src.read(1024 * 1024):
                    out.write(chunk)
    return dest
