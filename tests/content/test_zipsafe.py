"""SafeZip: hostile archives are refused from their headers; good ones read back, boundedly."""

from __future__ import annotations

import io
import random
import stat
import struct
import tarfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import PackageError
from content_cache.zipsafe import Limits, SafeZip, is_zip
from tests.conftest import SAMPLES

MiB = 1024**2
DEFAULT = Limits()


# --- building archives byte by byte, so they can lie ------------------------------------------


@dataclass(frozen=True)
class Raw:
    """One entry of a hand-built archive; every header field can be set to anything."""

    name: bytes
    data: bytes = b"hello"
    deflate: bool = False
    flags: int = 0
    method: int | None = None  # written as is; default from `deflate`
    mode: int = stat.S_IFREG | 0o644
    size: int | None = None  # declared uncompressed size; default the real one
    packed_size: int | None = None  # declared compressed size; default the real one
    crc: int | None = None
    volume: int = 0
    version: int = 20
    zip64: bool = False  # sizes in a zip64 extra field
    local_name: bytes | None = None  # name in the local header, if it should differ


def raw_zip(
    entries: list[Raw], *, disk: int = 0, cd_shift: int = 0, count: int | None = None
) -> bytes:
    out, central = bytearray(), bytearray()
    for e in entries:
        packed = _deflate(e.data) if e.deflate else e.data
        method = e.method if e.method is not None else (8 if e.deflate else 0)
        crc = zlib.crc32(e.data) if e.crc is None else e.crc
        size = len(e.data) if e.size is None else e.size
        psize = len(packed) if e.packed_size is None else e.packed_size
        extra = struct.pack("<HHQQ", 1, 16, size, psize) if e.zip64 else b""
        size32, psize32 = (0xFFFFFFFF, 0xFFFFFFFF) if e.zip64 else (size, psize)
        local = e.name if e.local_name is None else e.local_name
        fixed = (e.flags, method, 0, 0x21, crc, psize32, size32)
        header = struct.pack(
            "<4s2B4HL2L2H", b"PK\x03\x04", e.version, 0, *fixed, len(local), len(extra)
        )
        offset = len(out)
        out += header + local + extra + packed
        central += struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, e.version, 0, *fixed,
            len(e.name), len(extra), 0, e.volume, 0, e.mode << 16, offset,
        )  # fmt: skip
        central += e.name + extra
    n = len(entries) if count is None else count
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", disk, disk, n, n, len(central), len(out) + cd_shift, 0
    )
    return bytes(out + central + end)


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def write(tmp_path: Path, data: bytes, name: str = "package.zip") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def make_zip(tmp_path: Path, files: dict[str, bytes], name: str = "package.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry, data in files.items():
            zf.writestr(entry, data)
    return path


def rejected(path: Path, limits: Limits = DEFAULT) -> PackageError:
    with pytest.raises(PackageError) as caught:
        SafeZip(path, limits).close()
    assert caught.value.message
    return caught.value


def raw(tmp_path: Path, *entries: Raw, **kw: int) -> Path:
    return write(tmp_path, raw_zip(list(entries), **kw))


# --- good archives ------------------------------------------------------------------------------


def test_a_good_zip_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "good.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("index.html", b"<html></html>")
        zf.writestr("a/", b"")
        zf.writestr("a/b/c.txt", b"x" * 3000)
        zf.writestr("empty.txt", b"")
        zf.writestr("कोर्स.txt", "हिन्दी".encode())
    with SafeZip(path) as package:
        assert package.names() == ["index.html", "a/b/c.txt", "empty.txt", "कोर्स.txt"]
        assert package.has("index.html") and package.has("./a/b/c.txt")
        assert not package.has("a/") and not package.has("missing.txt")
        assert package.size("a/b/c.txt") == 3000
        assert package.read("a/b/c.txt") == b"x" * 3000
        assert package.read("empty.txt") == b""
        assert package.read("कोर्स.txt").decode() == "हिन्दी"
        with package.open("a/b/c.txt") as stream:
            assert stream.read(10) == b"x" * 10
            assert stream.read() == b"x" * 2990
        with pytest.raises(PackageError) as caught:
            package.read("missing.txt")
        assert caught.value.rule == "zip.missing"
        assert "missing.txt" in caught.value.message


def test_dot_segments_are_normalised_and_repeated_folders_allowed(tmp_path: Path) -> None:
    path = raw(tmp_path, Raw(b"./"), Raw(b"d/"), Raw(b"d/"), Raw(b"./d/./x.txt"))
    with SafeZip(path) as package:
        assert package.names() == ["d/x.txt"]
        assert package.read("d/x.txt") == b"hello"


def test_read_refuses_entries_over_max_bytes(tmp_path: Path) -> None:
    path = make_zip(tmp_path, {"big.bin": bytes(1000)})
    with SafeZip(path) as package:
        assert package.read("big.bin", max_bytes=1000) == bytes(1000)
        with pytest.raises(PackageError) as caught:
            package.read("big.bin", max_bytes=999)
    assert caught.value.rule == "zip.too_large"
    assert "big.bin" in caught.value.message


def test_utf8_names_without_the_flag_are_accepted(tmp_path: Path) -> None:
    path = raw(tmp_path, Raw("café/पाठ.txt".encode()))
    with SafeZip(path) as package:
        assert package.names() == ["café/पाठ.txt"]


def test_zip64_entry_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "zip64.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("big.txt", "w", force_zip64=True) as f:
            f.write(b"zip64 " * 100)
        zf.writestr("small.txt", b"ok")
    with SafeZip(path) as package:
        assert package.read("big.txt") == b"zip64 " * 100
        assert package.read("small.txt") == b"ok"


def test_zip64_sizes_in_the_central_directory_are_used(tmp_path: Path) -> None:
    path = raw(tmp_path, Raw(b"a.txt", b"hello" * 50, deflate=True, zip64=True))
    with SafeZip(path) as package:
        assert package.size("a.txt") == 250
        assert package.read("a.txt") == b"hello" * 50


MANY = 65_536 + 10


@pytest.fixture(scope="module")
def many_entries() -> bytes:
    """An archive of MANY empty files whose end record wraps the count, as old writers did."""
    entries = [Raw(f"d{i // 1000}/f{i}".encode(), b"") for i in range(MANY)]
    return raw_zip(entries, count=MANY & 0xFFFF)


def test_zip64_archive_with_more_than_65535_entries(tmp_path: Path, many_entries: bytes) -> None:
    # Add zip64 end records, as writers do past 65,535 entries.
    end_at = len(many_entries) - 22
    cd_size, cd_offset = struct.unpack_from("<2L", many_entries, end_at + 12)
    record = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, MANY, MANY, cd_size, cd_offset
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end_at, 1)
    end = many_entries[end_at:].replace(struct.pack("<2H", 10, 10), b"\xff\xff\xff\xff", 1)
    path = write(tmp_path, many_entries[:end_at] + record + locator + end)
    with SafeZip(path) as package:
        assert len(package.names()) == MANY
        assert package.read("d65/f65545") == b""


def test_wrapped_entry_counts_are_still_limited(tmp_path: Path, many_entries: bytes) -> None:
    path = write(tmp_path, many_entries)
    with SafeZip(path) as package:
        assert len(package.names()) == MANY
    assert rejected(path, Limits(max_entries=MANY - 1)).rule == "zip.too_many_entries"


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("../evil.txt", "zip.path_traversal"),
        ("a/../../x", "zip.path_traversal"),
        ("./../x", "zip.path_traversal"),
        ("a/b/..", "zip.path_traversal"),
        ("/etc/passwd", "zip.path_absolute"),
        ("//server/share/x", "zip.path_absolute"),
        ("C:\\x", "zip.path_drive"),
        ("c:/x", "zip.path_drive"),
        ("C:", "zip.path_drive"),
        ("a\\b.txt", "zip.path_backslash"),
        ("..\\..\\evil.txt", "zip.path_backslash"),
        ("a//b", "zip.path_invalid"),
        ("a/\x00b", "zip.path_invalid"),
        ("a\x01b", "zip.path_invalid"),
        ("a\x7fb", "zip.path_invalid"),
        ("", "zip.path_invalid"),
        (".", "zip.path_invalid"),
        ("x" * 1001, "zip.path_invalid"),
    ],
)
def test_unsafe_paths_are_refused(tmp_path: Path, name: str, rule: str) -> None:
    error = rejected(raw(tmp_path, Raw(b"ok.txt"), Raw(name.encode())))
    assert error.rule == rule
    if name.isprintable() and len(name) < 100:
        assert name in error.message


def test_zip_slip_written_by_zipfile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "slip.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("../../etc/cron.d/evil"), b"* * * * * root sh")
    assert rejected(path).rule == "zip.path_traversal"


def test_long_names_are_measured_in_utf8_bytes(tmp_path: Path) -> None:
    name = "क" * 334  # 1,002 bytes in UTF-8, 334 characters
    assert rejected(raw(tmp_path, Raw(name.encode()))).rule == "zip.path_invalid"
    assert rejected(raw(tmp_path, Raw(b"x" * 50)), Limits(max_name_length=49)).rule == (
        "zip.path_invalid"
    )


@pytest.mark.parametrize(
    ("raw_name", "flags"),
    [(b"\xff\xfe.txt", 0), (b"caf\x82.txt", 0), (b"\xff.txt", 0x800), (b"a/\xc3(.txt", 0x800)],
)
def test_names_that_are_not_utf8_are_refused(tmp_path: Path, raw_name: bytes, flags: int) -> None:
    assert rejected(raw(tmp_path, Raw(raw_name, flags=flags))).rule == "zip.name_encoding"


# --- entry kinds and duplicates ------------------------------------------------------------------


@pytest.mark.parametrize(
    "mode",
    [stat.S_IFLNK | 0o777, stat.S_IFIFO | 0o644, stat.S_IFCHR | 0o644, stat.S_IFBLK | 0o644],
)
def test_links_and_special_files_are_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "link.zip"
    info = zipfile.ZipInfo("docs/passwd")
    info.create_system = 3
    info.external_attr = mode << 16
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("index.html", b"<html>")
        zf.writestr(info, b"/etc/passwd")
    error = rejected(path)
    assert error.rule == "zip.symlink"
    assert "docs/passwd" in error.message
    assert ("symbolic link" in error.message) == stat.S_ISLNK(mode)


def test_entries_without_a_unix_type_are_plain_files(tmp_path: Path) -> None:
    with SafeZip(raw(tmp_path, Raw(b"dos.txt", mode=0))) as package:
        assert package.read("dos.txt") == b"hello"


@pytest.mark.parametrize(
    ("names", "phrase"),
    [
        (["a.txt", "a.txt"], "twice"),
        (["./a.txt", "a.txt"], "twice"),
        (["docs/README.txt", "docs/readme.txt"], "letter case"),
        (["Docs/a.txt", "docs/a.txt"], "letter case"),
        (["STRASSE.txt", "straße.txt"], "letter case"),
        (["caf\u00e9.txt", "cafe\u0301.txt"], "accent"),  # NFC and NFD spellings of one name
        (["a", "a/b.txt"], "both as a file and as a folder"),
        (["A", "a/b.txt"], "both as a file and as a folder"),
        (["x/", "x"], "both as a file and as a folder"),
    ],
)
def test_duplicates_are_refused(tmp_path: Path, names: list[str], phrase: str) -> None:
    path = raw(tmp_path, *(Raw(n.encode()) for n in names))
    error = rejected(path)
    assert error.rule == "zip.duplicate"
    assert phrase in error.message


# --- sizes, ratios, counts -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 MB of zeros deflated into about 200 KB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("zeros.bin", "w") as f:
        chunk = bytes(MiB)
        for _ in range(200):
            f.write(chunk)
    return path


def test_zip_bomb_is_refused_from_headers_quickly(bomb: Path) -> None:
    assert bomb.stat().st_size < 1 * MiB
    started = time.monotonic()
    error = rejected(bomb)
    assert time.monotonic() - started < 2.0
    assert error.rule == "zip.ratio"
    assert "zeros.bin" in error.message


def test_many_small_bombs_are_refused_as_a_whole(tmp_path: Path) -> None:
    # Each entry is 1 MiB (not judged alone); together they expand about 1000 times.
    path = make_zip(tmp_path, {f"z{i}.bin": bytes(MiB) for i in range(20)})
    assert rejected(path).rule == "zip.ratio"


def test_overlapping_entries_are_judged_against_the_file_size(tmp_path: Path) -> None:
    # Five directory entries share one compressed block that expands about 8 times: each
    # entry and the summed sizes look harmless, the file itself expands about 40 times.
    content = bytes(0x62 | (b & 1) for b in random.Random(0).randbytes(300_000))
    data = raw_zip([Raw(b"a.bin", content, deflate=True)])
    end_at = len(data) - 22
    cd_offset = struct.unpack_from("<L", data, end_at + 16)[0]
    entry = data[cd_offset:end_at]
    central = b"".join(entry.replace(b"a.bin", f"{n}.bin".encode()) for n in "abcde")
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 5, 5, len(central), cd_offset, 0)
    path = write(tmp_path, data[:cd_offset] + central + end)
    SafeZip(path, Limits(max_ratio=45)).close()
    assert rejected(path, Limits(max_ratio=20)).rule == "zip.ratio"


def test_declared_size_without_compressed_data_is_a_bomb(tmp_path: Path) -> None:
    path = raw(tmp_path, Raw(b"x.bin", b"", size=2 * MiB, packed_size=0))
    assert rejected(path).rule == "zip.ratio"


def test_entry_and_total_size_limits(tmp_path: Path) -> None:
    path = make_zip(tmp_path, {"a.bin": bytes(100), "b.bin": bytes(100)})
    assert rejected(path, Limits(max_entry_size=99)).rule == "zip.too_large"
    assert rejected(path, Limits(max_total_size=199)).rule == "zip.too_large"
    SafeZip(path, Limits(max_entry_size=100, max_total_size=200)).close()


def test_declared_5_gib_entry_is_refused(tmp_path: Path) -> None:
    path = raw(tmp_path, Raw(b"huge.bin", b"tiny", size=5 * 1024**3, packed_size=4, zip64=True))
    error = rejected(path)
    assert error.rule == "zip.too_large"
    assert "huge.bin" in error.message


def test_too_many_entries(tmp_path: Path) -> None:
    path = make_zip(tmp_path, {f"f{i}.txt": b"" for i in range(4)})
    assert rejected(path, Limits(max_entries=3)).rule == "zip.too_many_entries"
    SafeZip(path, Limits(max_entries=4)).close()


# --- encryption and formats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [Raw(b"secret.txt", flags=0x1), Raw(b"secret.txt", flags=0x41), Raw(b"secret.txt", method=99)],
)
def test_encrypted_entries_are_refused(tmp_path: Path, entry: Raw) -> None:
    error = rejected(raw(tmp_path, entry))
    assert error.rule == "zip.encrypted"
    assert "secret.txt" in error.message


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_other_compression_methods_are_refused(tmp_path: Path, method: int) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w", method) as zf:
        zf.writestr("a.txt", b"hello")
    assert rejected(path).rule == "zip.unsupported"


@pytest.mark.parametrize(
    ("entry", "kw"),
    [
        (Raw(b"a.txt", method=12), {}),  # bzip2 id with junk data
        (Raw(b"a.txt", flags=0x20), {}),  # compressed patched data
        (Raw(b"a.txt", version=99), {}),  # needs zip 9.9
        (Raw(b"a.txt", volume=1), {}),  # entry on another disk
        (Raw(b"a.txt"), {"disk": 1}),  # end record on another disk
    ],
)
def test_unsupported_formats_and_multi_disk_archives(
    tmp_path: Path, entry: Raw, kw: dict[str, int]
) -> None:
    assert rejected(raw(tmp_path, entry, **kw)).rule == "zip.unsupported"


def test_split_archives_are_refused(tmp_path: Path) -> None:
    good = raw_zip([Raw(b"a.txt")])
    assert rejected(write(tmp_path, b"PK\x07\x08" + good)).rule == "zip.unsupported"
    end_at = len(good) - 22
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, 0, 2)  # two disks
    assert rejected(write(tmp_path, good[:end_at] + locator + good[end_at:])).rule == (
        "zip.unsupported"
    )


# --- files that are not zips, or not whole ones --------------------------------------------------


@pytest.mark.parametrize("content", [b"# Not a zip\n\nJust markdown.\n", b"", b"PK", b"\x00" * 100])
def test_other_files_are_not_zips(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content, "fake.zip")
    assert not is_zip(path)
    assert rejected(path).rule == "zip.not_a_zip"


def test_is_zip(tmp_path: Path) -> None:
    assert is_zip(make_zip(tmp_path, {"a.txt": b"a"}))
    assert is_zip(write(tmp_path, raw_zip([]), "empty.zip"))
    assert not is_zip(tmp_path / "missing.zip")
    assert not is_zip(tmp_path)


def test_empty_archive_opens(tmp_path: Path) -> None:
    with SafeZip(write(tmp_path, raw_zip([]))) as package:
        assert package.names() == []


@pytest.mark.parametrize("keep", [0.5, 0.9, -1, -21])
def test_cut_archives_are_truncated(tmp_path: Path, keep: float) -> None:
    good = make_zip(tmp_path, {"index.html": b"<html>" * 100, "b.txt": b"b" * 500}).read_bytes()
    cut = good[: int(len(good) * keep)] if keep > 0 else good[: int(keep)]
    assert rejected(write(tmp_path, cut, "cut.zip")).rule == "zip.truncated"


@pytest.mark.parametrize(
    ("entries", "kw"),
    [
        ([Raw(b"a.txt")], {"cd_shift": 1000}),  # central directory past the end of the file
        ([Raw(b"a.txt")], {"cd_shift": -5}),
        ([Raw(b"a.txt")], {"count": 2}),  # tools would disagree on the entries
        ([Raw(b"a.txt", packed_size=10_000)], {}),  # data runs into the central directory
    ],
)
def test_inconsistent_directories_are_refused(
    tmp_path: Path, entries: list[Raw], kw: dict[str, int]
) -> None:
    assert rejected(raw(tmp_path, *entries, **kw)).rule == "zip.truncated"


def test_concatenated_archives_are_refused(tmp_path: Path) -> None:
    # zipfile would shift every offset and read the second archive; other tools, the first.
    first = make_zip(tmp_path, {"a.txt": b"first"}, "first.zip").read_bytes()
    second = make_zip(tmp_path, {"b.txt": b"second"}, "second.zip").read_bytes()
    assert rejected(write(tmp_path, first + second)).rule == "zip.truncated"


def test_a_shifted_central_directory_is_refused(tmp_path: Path) -> None:
    # The directory says it starts 100 bytes earlier than it does: zipfile then shifts every
    # entry by 100 bytes, onto a second local header hidden in padding, which other tools skip.
    good = raw_zip([Raw(b"a.txt", b"good!")])
    hidden = raw_zip([Raw(b"a.txt", b"evil!")])[:40]  # local header, name, data
    body = (good[:40].ljust(100, b"\0") + hidden).ljust(300, b"\0")
    central = good[40:-22]
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), 200, 0)
    path = write(tmp_path, body + central + end)
    with zipfile.ZipFile(path) as zf:
        assert zf.infolist()[0].header_offset == 100
    assert rejected(path).rule == "zip.truncated"


def test_a_directory_or_missing_file_is_unreadable(tmp_path: Path) -> None:
    assert rejected(tmp_path / "missing.zip").rule == "zip.unreadable"
    assert rejected(tmp_path).rule == "zip.unreadable"


# --- damage found while reading ------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        Raw(b"a.txt", b"hello world", crc=0x1234),
        Raw(b"a.txt", b"hello world" * 20, deflate=True, crc=0x1234),
        Raw(b"a.txt", b"", crc=0x1234),
        Raw(b"a.txt", local_name=b"b.txt"),
        Raw(b"a.txt", b"not deflate data", method=8),
        Raw(b"a.txt", b"hello world" * 20, deflate=True, size=100),  # lies: stops at 100 bytes
    ],
)
def test_damaged_entries_raise_corrupt_on_read(tmp_path: Path, entry: Raw) -> None:
    with SafeZip(raw(tmp_path, entry)) as package:
        with pytest.raises(PackageError) as caught:
            package.read("a.txt")
        assert caught.value.rule == "zip.corrupt"
        assert "a.txt" in caught.value.message
        with pytest.raises(PackageError) as streamed, package.open("a.txt") as stream:
            stream.read()
        assert streamed.value.rule == "zip.corrupt"


def test_reads_never_exceed_the_declared_size(tmp_path: Path) -> None:
    # The stored data is longer than declared, with a CRC that matches the declared part.
    entry = Raw(b"a.txt", b"0123456789" * 10, size=10, crc=zlib.crc32(b"0123456789"))
    with SafeZip(raw(tmp_path, entry)) as package:
        assert package.read("a.txt") == b"0123456789"
        with package.open("a.txt") as stream:
            assert stream.read() == b"0123456789"


# --- real packages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "manifest"),
    [
        ("scorm12_golf_singlescobasic.zip", "imsmanifest.xml"),
        ("scorm2004_3rd_golf_RuntimeBasicCalls.zip", "imsmanifest.xml"),
        ("cmi5_catapult_masteryscore_responsive.zip", "cmi5.xml"),
    ],
)
def test_sample_packages_open(sample: str, manifest: str) -> None:
    with SafeZip(SAMPLES / sample) as package:
        assert manifest in package.names()
        assert package.read(manifest).lstrip().startswith(b"<")


@pytest.fixture(scope="module")
def lts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lts")
    with tarfile.open(SAMPLES / "cmi5_catapult_lts_test_packages.tar.gz") as tar:
        tar.extractall(folder, filter="data")
    return folder


def test_lts_zip64_package_opens(lts: Path) -> None:
    with SafeZip(lts / "102-zip64.zip") as package:
        assert "cmi5.xml" in package.names()
        assert b"courseStructure" in package.read("cmi5.xml")


def test_lts_not_a_zip_is_refused(lts: Path) -> None:
    assert rejected(lts / "209-1-not-a-zip.zip").rule in ("zip.not_a_zip", "zip.truncated")
    assert rejected(lts / "208-1-invalid-package.md").rule == "zip.not_a_zip"


def test_every_lts_zip_that_should_import_opens(lts: Path) -> None:
    packages = sorted(lts.glob("0*.zip"))
    assert len(packages) >= 15
    for path in packages:
        with SafeZip(path) as package:
            assert "cmi5.xml" in package.names(), path.name


# --- anything else only ever raises PackageError -------------------------------------------------


def _small_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("index.html", b"<html><body>hello</body></html>" * 4)
        zf.writestr("d/", b"")
        zf.writestr("d/stored.txt", b"stored", compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


SMALL_ZIP = _small_zip()


def _open_and_read_all(path: Path) -> list[str]:
    """The names read back in full; [] if the package was refused (with a zip rule)."""
    read: list[str] = []
    try:
        with SafeZip(path, Limits(max_entry_size=MiB, max_total_size=4 * MiB)) as package:
            for name in package.names():
                package.read(name)
                with package.open(name) as stream:
                    stream.read()
                read.append(name)
    except PackageError as error:
        assert error.rule.startswith("zip.")
    return read


mutation = st.tuples(st.integers(0, len(SMALL_ZIP) - 1), st.integers(0, 255))
# One file path is rewritten by every example, so the function-scoped tmp_path is fine.
fuzz = settings(
    max_examples=200,
    deadline=2000,  # generous for slow CI; a hang or a bomb would take far longer
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fuzz
@given(data=st.binary(max_size=2000), prefix=st.booleans())
def test_random_bytes_raise_only_package_errors(tmp_path: Path, data: bytes, prefix: bool) -> None:
    _open_and_read_all(write(tmp_path, (b"PK\x03\x04" if prefix else b"") + data, "random.zip"))


@fuzz
@given(
    changes=st.lists(mutation, min_size=1, max_size=8),
    cut=st.none() | st.integers(0, len(SMALL_ZIP)),
)
def test_mutated_zips_raise_only_package_errors(
    tmp_path: Path, changes: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(SMALL_ZIP)
    for at, value in changes:
        data[at] = value
    _open_and_read_all(write(tmp_path, bytes(data[:cut]), "mutated.zip"))


def test_the_fuzz_seed_is_valid(tmp_path: Path) -> None:
    assert _open_and_read_all(write(tmp_path, SMALL_ZIP)) == ["index.html", "d/stored.txt"]
