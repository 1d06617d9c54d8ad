"""Bounded, validated access to course packages (zip files) that may be hostile.

Everything is decided from the central directory when the package is opened: names that could
escape a folder, links and device files, duplicates, encodings, sizes, compression ratios,
encryption and formats we do not read. Reading afterwards stays bounded even if the headers lie:
zipfile never returns more than an entry's declared size and checks its CRC at the end.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, NamedTuple

from app.errors import PackageError
from app.i18n import _

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_LOCAL_SIG = b"PK\x03\x04"
_EOCD_SIG = b"PK\x05\x06"  # also how an empty zip starts
_SPANNED_SIG = b"PK\x07\x08"  # first bytes of a split (multi-disk) archive
_LOC64_SIG = b"PK\x06\x07"
_EOCD64_SIG = b"PK\x06\x06"
_EOCD = struct.Struct("<4s4H2LH")  # end of central directory
_LOC64 = struct.Struct("<4sLQL")  # zip64 end-of-central-directory locator
_EOCD64 = struct.Struct("<4sQ2H2L4Q")  # zip64 end of central directory (no extensible data)
_LOCAL_HEADER_SIZE = 30
_MAX_COMMENT = 0xFFFF

_FLAG_ENCRYPTED = 0x1 | 0x40  # traditional and strong encryption
_FLAG_PATCHED = 0x20
_FLAG_UTF8 = 0x800
_METHOD_AES = 99  # WinZip AES: encrypted even when flag bit 0 is not set
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_RATIO_FLOOR = 1024**2  # small entries compress well legitimately; only judge bigger ones

_DRIVE = re.compile(r"[A-Za-z]:")
_SHOWN_MAX = 200
# What a damaged entry makes zipfile or zlib raise (bad methods and flags were refused at open).
_READ_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error, UnicodeDecodeError)


@dataclass(frozen=True)
class Limits:
    """Bounds checked from the headers when a package is opened; generous for real courses."""

    max_entries: int = 100_000
    max_total_size: int = 8 * 1024**3  # sum of uncompressed sizes
    max_entry_size: int = 4 * 1024**3
    max_ratio: float = 100.0  # uncompressed/compressed, per entry > 1 MiB and for the archive
    max_name_length: int = 1000  # bytes, UTF-8


class _End(NamedTuple):
    """What the end-of-central-directory records declare."""

    cd_end: int  # where the central directory must end: the first end record
    disks: tuple[int, int]  # this disk, disk where the central directory starts
    counts: tuple[int, int]  # entries on this disk, entries in total
    cd_size: int
    cd_offset: int
    zip64: bool


def is_zip(path: Path) -> bool:
    """Whether `path` starts like a zip file (cheap: reads four bytes)."""
    try:
        with path.open("rb") as f:
            return f.read(4) in (_LOCAL_SIG, _EOCD_SIG, _SPANNED_SIG)
    except OSError:
        return False


class SafeZip:
    """A course package opened read-only; every entry was checked when it was opened."""

    def __init__(self, path: Path, limits: Limits = Limits()) -> None:
        self.path = path
        try:
            self._fp: BinaryIO = path.open("rb")
        except OSError as exc:
            msg = _("The package file cannot be read: {name}")
            raise _error("zip.unreadable", msg, path, str(exc), name=path.name) from exc
        try:
            size = os.fstat(self._fp.fileno()).st_size
            end = _read_end(self._fp, size, path)
            _check_end(end, limits, path)
            # The ZipFile does not own the file: closing the file releases everything.
            self._zip = _open_zipfile(self._fp, path)
            self._files = _validate(self._zip, end, limits, size, path)
        except BaseException:
            self._fp.close()
            raise

    def names(self) -> list[str]:
        """Files (no folders), as normalised posix paths, in archive order."""
        return list(self._files)

    def has(self, name: str) -> bool:
        return _lookup_key(name) in self._files

    def size(self, name: str) -> int:
        return self._info(name).file_size

    def read(self, name: str, max_bytes: int = 16 * 1024**2) -> bytes:
        """The whole entry; PackageError if it is bigger than `max_bytes` or damaged."""
        info = self._info(name)
        if info.file_size > max_bytes:
            msg = _("A file in the package is too large to read: {name}")
            detail = f"{info.file_size} bytes, at most {max_bytes}"
            raise _error("zip.too_large", msg, self.path, detail, name=name)
        with _reading(name, self.path), self._zip.open(info) as stream:
            data = stream.read(info.file_size)
            # Reaching the end is what makes zipfile check the CRC (even of an empty entry).
            extra = stream.read(1)
        if extra or len(data) != info.file_size:
            raise _corrupt(name, self.path, f"{len(data)} bytes, {info.file_size} declared")
        return data

    def open(self, name: str) -> IO[bytes]:
        """A stream of one entry; damage found while reading raises PackageError too."""
        info = self._info(name)
        with _reading(name, self.path):
            stream = self._zip.open(info)
        return io.BufferedReader(_EntryReader(stream, name, self.path))

    def close(self) -> None:
        self._zip.close()
        self._fp.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self._files.get(_lookup_key(name))
        if info is None:
            msg = _("The package does not contain this file: {name}")
            raise _error("zip.missing", msg, self.path, name=name)
        return info


class _EntryReader(io.RawIOBase):
    """Raw stream over a ZipExtFile that turns damage found while reading into PackageError."""

    def __init__(self, stream: IO[bytes], name: str, path: Path) -> None:
        super().__init__()
        self._stream, self._name, self._path = stream, name, path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        with _reading(self._name, self._path):
            data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()


@contextmanager
def _reading(name: str, path: Path) -> Iterator[None]:
    try:
        yield
    except _READ_ERRORS as exc:
        raise _corrupt(name, path, str(exc)) from exc


# --- errors: the template is translated by the caller, so extraction finds the literal ---------


def _error(rule: str, msg: str, path: Path, detail: str = "", **fields: object) -> PackageError:
    shown = {key: _shown(v) if isinstance(v, str) else v for key, v in fields.items()}
    full_detail = f"{path}: {detail}" if detail else str(path)
    return PackageError(msg.format(**shown), detail=full_detail, rule=rule)


def _shown(name: str) -> str:
    """An archive name fit for a message: control characters escaped, long names cut."""
    text = name if name.isprintable() else ascii(name)
    return text if len(text) <= _SHOWN_MAX else text[:_SHOWN_MAX] + "…"


def _corrupt(name: str, path: Path, detail: str) -> PackageError:
    msg = _("A file in the package is damaged and cannot be read: {name}")
    return _error("zip.corrupt", msg, path, detail, name=name)


def _truncated(path: Path, detail: str) -> PackageError:
    msg = _("The package is incomplete or damaged; copy or download it again: {name}")
    return _error("zip.truncated", msg, path, detail, name=path.name)


def _multi_disk(path: Path) -> PackageError:
    msg = _("The package is split into several files, which is not supported: {name}")
    return _error("zip.unsupported", msg, path, name=path.name)


def _too_many(count: int, limits: Limits, path: Path) -> PackageError:
    msg = _("The package contains too many files ({count}; at most {limit}).")
    return _error("zip.too_many_entries", msg, path, count=count, limit=limits.max_entries)


def _bad_encoding(name: str, path: Path) -> PackageError:
    msg = _("The package contains a file name that is not valid UTF-8: {name}")
    return _error("zip.name_encoding", msg, path, name=name)


# --- the end records, checked before zipfile parses anything -----------------------------------


def _read_end(fp: BinaryIO, size: int, path: Path) -> _End:
    """Find the end records the way zipfile does, so both see the same central directory."""
    head = fp.read(4)
    if head == _SPANNED_SIG:
        raise _multi_disk(path)
    if head not in (_LOCAL_SIG, _EOCD_SIG):
        msg = _("The file is not a zip package: {name}")
        raise _error("zip.not_a_zip", msg, path, name=path.name)
    start = max(0, size - _EOCD.size - _MAX_COMMENT)
    fp.seek(start)
    tail = fp.read()
    pos = len(tail) - _EOCD.size
    if not (pos >= 0 and tail[pos : pos + 4] == _EOCD_SIG and tail[-2:] == b"\0\0"):
        pos = tail.rfind(_EOCD_SIG)
    if pos < 0 or pos + _EOCD.size > len(tail):
        raise _truncated(path, "no end of central directory")
    fields = _EOCD.unpack_from(tail, pos)
    end = _End(start + pos, fields[1:3], fields[3:5], fields[5], fields[6], zip64=False)
    return _read_end64(fp, end, path)


def _read_end64(fp: BinaryIO, end: _End, path: Path) -> _End:
    loc_at = end.cd_end - _LOC64.size
    if loc_at < 0:
        return end
    fp.seek(loc_at)
    sig, disk, _offset, disks = _LOC64.unpack(fp.read(_LOC64.size))
    if sig != _LOC64_SIG:
        return end
    if disk != 0 or disks > 1:
        raise _multi_disk(path)
    rec_at = loc_at - _EOCD64.size
    if rec_at < 0:
        return end
    fp.seek(rec_at)
    fields = _EOCD64.unpack(fp.read(_EOCD64.size))
    if fields[0] != _EOCD64_SIG:
        return end
    return _End(rec_at, fields[4:6], fields[6:8], fields[8], fields[9], zip64=True)


def _check_end(end: _End, limits: Limits, path: Path) -> None:
    if end.disks != (0, 0) or end.counts[0] != end.counts[1]:
        raise _multi_disk(path)
    if end.counts[1] > limits.max_entries:
        raise _too_many(end.counts[1], limits, path)
    # zipfile would quietly shift every offset to make a misplaced directory fit; refuse instead.
    if end.cd_offset + end.cd_size != end.cd_end:
        raise _truncated(path, f"central directory at {end.cd_offset}+{end.cd_size}")


def _open_zipfile(fp: BinaryIO, path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(fp)
    except UnicodeDecodeError as exc:  # flag 0x800 set on a name that is not UTF-8
        raise _bad_encoding(ascii(exc.object), path) from exc
    except NotImplementedError as exc:
        msg = _("The package needs a newer zip version than this app can read: {name}")
        raise _error("zip.unsupported", msg, path, str(exc), name=path.name) from exc
    except (zipfile.BadZipFile, EOFError, struct.error) as exc:
        raise _truncated(path, str(exc)) from exc


# --- the entries --------------------------------------------------------------------------------


def _validate(
    zf: zipfile.ZipFile, end: _End, limits: Limits, size: int, path: Path
) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise _too_many(len(infos), limits, path)
    # Old writers wrap the 16-bit count; any other mismatch means tools disagree on the entries.
    found = len(infos) if end.zip64 else len(infos) & 0xFFFF
    if found != end.counts[1]:
        raise _truncated(path, f"{len(infos)} entries, {end.counts[1]} declared")
    index = _Index(path)
    for info in infos:
        name, is_dir = _entry_name(info, limits, path)
        _check_format(info, name, path)
        _check_kind(info, name, path)
        _check_size(info, name, limits, end.cd_offset, path)
        index.add(name, is_dir, info)
    index.check_totals(limits, size)
    index.check_clashes()
    return index.files


def _entry_name(info: zipfile.ZipInfo, limits: Limits, path: Path) -> tuple[str, bool]:
    """The entry's name as UTF-8 text, normalised, and whether it names a folder."""
    # orig_filename, not filename: zipfile cuts filename at a NUL and rewrites it on Windows.
    name = raw = info.orig_filename
    if not info.flag_bits & _FLAG_UTF8 and not raw.isascii():
        # zipfile decoded the bytes as cp437; many tools write UTF-8 without setting the flag.
        try:
            name = raw.encode("cp437").decode("utf-8")
        except UnicodeError as exc:
            raise _bad_encoding(raw, path) from exc
    if len(name.encode("utf-8")) > limits.max_name_length:
        msg = _("The package contains a path that is too long: {name}")
        raise _error("zip.path_invalid", msg, path, name=name)
    is_dir = name.endswith("/")
    return _normalise(name, is_dir, path), is_dir


def _normalise(name: str, is_dir: bool, path: Path) -> str:
    """`name` without "." segments; PackageError if it could land outside the package folder."""
    if name.startswith("/"):
        raise _path_error("zip.path_absolute", name, path)
    if _DRIVE.match(name):
        raise _path_error("zip.path_drive", name, path)
    if "\\" in name:
        raise _path_error("zip.path_backslash", name, path)
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise _path_error("zip.path_invalid", name, path)
    segments = name.split("/")
    if is_dir:
        segments.pop()  # the trailing slash of a folder entry
    segments = [s for s in segments if s != "."]
    if ".." in segments:
        raise _path_error("zip.path_traversal", name, path)
    if "" in segments or not (segments or is_dir):
        raise _path_error("zip.path_invalid", name, path)
    return "/".join(segments)


def _path_error(rule: str, name: str, path: Path) -> PackageError:
    messages = {
        "zip.path_absolute": _("The package contains an absolute path: {name}"),
        "zip.path_drive": _("The package contains a path with a drive letter: {name}"),
        "zip.path_backslash": _("The package contains a path with a backslash: {name}"),
        "zip.path_traversal": _("The package contains a path that leaves its folder: {name}"),
        "zip.path_invalid": _(
            "The package contains an invalid path (empty part or control character): {name}"
        ),
    }
    return _error(rule, messages[rule], path, name=name)


def _check_format(info: zipfile.ZipInfo, name: str, path: Path) -> None:
    if info.flag_bits & _FLAG_ENCRYPTED or info.compress_type == _METHOD_AES:
        msg = _("The package contains an encrypted file: {name}")
        raise _error("zip.encrypted", msg, path, name=name)
    if info.compress_type not in _METHODS or info.flag_bits & _FLAG_PATCHED:
        msg = _("The package compresses a file in a way this app cannot read: {name}")
        detail = f"method {info.compress_type}, flags {info.flag_bits:#x}"
        raise _error("zip.unsupported", msg, path, detail, name=name)
    if info.volume != 0:
        raise _multi_disk(path)


def _check_kind(info: zipfile.ZipInfo, name: str, path: Path) -> None:
    """Only plain files and folders: links and devices could reach outside when extracted."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        msg = _("The package contains a symbolic link: {name}")
        raise _error("zip.symlink", msg, path, name=name)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: the writer recorded no Unix type
        msg = _("The package contains a special file (device or pipe): {name}")
        raise _error("zip.symlink", msg, path, f"mode {kind:#o}", name=name)


def _check_size(info: zipfile.ZipInfo, name: str, limits: Limits, cd_at: int, path: Path) -> None:
    if info.file_size > limits.max_entry_size:
        msg = _("A file in the package is too large: {name}")
        raise _error("zip.too_large", msg, path, f"{info.file_size} bytes", name=name)
    if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * info.compress_size:
        msg = _("A file in the package is compressed suspiciously well (a zip bomb?): {name}")
        detail = f"{info.file_size} bytes from {info.compress_size}"
        raise _error("zip.ratio", msg, path, detail, name=name)
    # Entry data lives before the central directory; anything else is damage or a trick.
    data_at = info.header_offset + _LOCAL_HEADER_SIZE
    if info.header_offset < 0 or data_at + info.compress_size > cd_at:
        raise _truncated(path, f"{name}: {info.compress_size} bytes at {info.header_offset}")


class _Index:
    """The checked files, and the names a case-insensitive file system would merge."""

    def __init__(self, path: Path) -> None:
        self.files: dict[str, zipfile.ZipInfo] = {}
        self._path = path
        self._file_keys: dict[str, str] = {}  # folded name -> name
        self._dir_keys: set[str] = set()  # folded folder names, explicit or implied
        self._total = 0
        self._compressed = 0

    def add(self, name: str, is_dir: bool, info: zipfile.ZipInfo) -> None:
        self._total += info.file_size
        self._compressed += info.compress_size
        key = _fold(name)
        if is_dir:
            self._dir_keys.add(key)
            return
        other = self._file_keys.get(key)
        if other == name:
            msg = _("The package contains the same path twice: {name}")
            raise _error("zip.duplicate", msg, self._path, name=name)
        if other is not None:
            msg = _(
                "The package contains paths that differ only in letter case or accent form: {name}"
            )
            raise _error("zip.duplicate", msg, self._path, other, name=name)
        self._file_keys[key] = name
        self.files[name] = info
        parts = key.split("/")
        self._dir_keys.update("/".join(parts[:i]) for i in range(1, len(parts)))

    def check_clashes(self) -> None:
        """A path cannot be both a file and a folder once extracted."""
        for key in sorted(self._dir_keys.intersection(self._file_keys)):
            msg = _("The package uses a path both as a file and as a folder: {name}")
            raise _error("zip.duplicate", msg, self._path, name=self._file_keys[key])

    def check_totals(self, limits: Limits, size: int) -> None:
        if self._total > limits.max_total_size:
            msg = _("The package is too large once unpacked ({size} bytes).")
            raise _error("zip.too_large", msg, self._path, size=self._total)
        # Against the file size too: overlapping entries can share one block of compressed data.
        packed = min(self._compressed, size)
        if self._total > _RATIO_FLOOR and self._total > limits.max_ratio * packed:
            msg = _("The package is compressed suspiciously well (a zip bomb?).")
            raise _error("zip.ratio", msg, self._path, f"{self._total} bytes from {packed}")


def _fold(name: str) -> str:
    """Caseless, canonical-equivalence form: what case-insensitive file systems compare."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())


def _lookup_key(name: str) -> str:
    return "/".join(s for s in name.split("/") if s != ".")
