"""Signed repositories end to end: publish, add (folder and HTTP), catalog, install; every
way an index or package can be wrong is refused and leaves nothing installed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.errors import IntegrityError, NotFound, PackageError, SignatureError
from content_cache import signing
from content_cache.download import Downloader
from content_cache.publish import PublishOptions, publish
from content_cache.repos import Repositories
from content_cache.repository import Index, parse_index
from content_cache.serve import StaticServer
from content_cache.store import ContentStore
from content_cache.trust import TrustStore
from tests.content.conftest import course_doc, make_course_folder, make_package


@pytest.fixture
def src(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    make_course_folder(root / "ethics")
    make_package(
        root / "other.zip",
        course_doc(
            "urn:test:course:rti", title={"en": "Right to Information", "hi": "सूचना का अधिकार"}
        ),
    )
    return root


def repos_for(store: ContentStore, *keys: signing.PublicKey) -> Repositories:
    return Repositories(store, TrustStore(store, keys), Downloader())


def test_publish_add_from_a_folder_and_install(
    store: ContentStore, key: signing.SigningKey, src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "repo"
    index = publish(src, out, key)
    assert sorted(c.id for c in index.courses) == ["urn:test:course:ethics", "urn:test:course:rti"]
    assert (out / "index.json.sig").exists()
    repos = repos_for(store, key.public)
    info = repos.add(str(out))
    assert info.courses == 2 and info.key_id == key.public.key_id
    rows = {r.entry.id: r for r in repos.catalog()}
    assert rows["urn:test:course:rti"].installed_version is None
    result = repos.install("urn:test:course:rti")
    assert result.course.manifest.title["hi"] == "सूचना का अधिकार"
    assert repos.catalog("सूचना")[0].installed_version == "1.0"


def test_install_over_http_from_a_web_server(
    store: ContentStore, key: signing.SigningKey, src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "www"
    publish(src, out, key)
    with StaticServer(out) as server:
        repos = repos_for(store, key.public)
        repos.add(server.url + "/")
        seen = []
        result = repos.install("urn:test:course:ethics", progress=seen.append)
    assert result.course.version == "1.0"
    assert seen and seen[-1].done == seen[-1].total
    assert list(store.downloads.iterdir()) == []


def test_update_is_offered_and_installed(
    store: ContentStore, key: signing.SigningKey, src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "repo"
    publish(src, out, key)
    repos = repos_for(store, key.public)
    repos.add(str(out))
    repos.install("urn:test:course:ethics")
    newer = tmp_path / "src2"
    make_course_folder(newer / "ethics", course_doc(version="1.1"))
    publish(newer, out, key)
    repos.add(str(out))
    row = next(r for r in repos.catalog() if r.entry.id == "urn:test:course:ethics")
    assert row.update_available and row.entry.version == "1.1"
    assert len(repos.catalog()) == 2  # republishing kept the other course
    assert repos.install("urn:test:course:ethics").previous_version == "1.0"


def test_unsigned_tampered_and_unknown_key_indexes_are_refused(
    store: ContentStore, key: signing.SigningKey, src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "repo"
    publish(src, out, key)
    repos = repos_for(store, key.public)

    stranger = repos_for(store, signing.generate("someone else").public)
    with pytest.raises(SignatureError, match="does not trust"):
        stranger.add(str(out))

    tampered = tmp_path / "tampered"
    shutil.copytree(out, tampered)
    text = (tampered / "index.json").read_text(encoding="utf-8")
    (tampered / "index.json").write_text(text.replace("Right to", "Wrong to"), encoding="utf-8")
    with pytest.raises(SignatureError, match="altered"):
        repos.add(str(tampered))

    (tampered / "index.json.sig").unlink()
    with pytest.raises(NotFound):
        repos.add(str(tampered))
    (tampered / "index.json.sig").write_text("not json")
    with pytest.raises(SignatureError):
        repos.add(str(tampered))
    assert repos.all() == [] and repos.catalog() == []


def test_a_replayed_older_index_is_refused(
    store: ContentStore, key: signing.SigningKey, src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "repo"
    publish(src, out, key, PublishOptions(serial=5))
    old = tmp_path / "old-copy"
    shutil.copytree(out, old)
    publish(src, out, key, PublishOptions(serial=6))
    repos = repos_for(store, key.public)
    repos.add(str(out))
    with pytest.raises(SignatureError, match="older"):
        repos.add(str(old))
    # The same index at the same place again is fine (a refresh with nothing new).
    repos.add(str(out))


def _resign(out: Path, key: signing.SigningKey, edit: callable) -> None:
    doc = json.loads((out / "index.json").read_text(encoding="utf-8"))
    edit(doc)
    data = json.dumps(doc).encode()
    (out / "index.json").write_bytes(data)
    (out / "index.json.sig").write_bytes(key.sign_file_bytes(data))


def test_wrong_hash_or_size_installs_nothing(
    store: ContentStore, key: signing.SigningKey, src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "repo"
    index = publish(src, out, key)
    entry = next(c for c in index.courses if c.id == "urn:test:course:ethics")
    package = out / entry.url
    data = bytearray(package.read_bytes())
    data[-10] ^= 0x01
    package.write_bytes(bytes(data))  # same size, other bytes
    repos = repos_for(store, key.public)
    repos.add(str(out))
    with pytest.raises(IntegrityError):
        repos.install(entry.id)
    package.write_bytes(bytes(data[:-100]))  # shorter
    with pytest.raises(IntegrityError):
        repos.install(entry.id)
    with StaticServer(out) as server:
        web = repos_for(ContentStore(tmp_path / "other-store"), key.public)
        web.add(server.url)
        with pytest.raises(IntegrityError):
            web.install(entry.id)
        assert web.store.courses() == [] and web.store.fsck().ok
    assert store.courses() == [] and store.fsck().ok
    assert list(store.packages.iterdir()) == []


def test_index_urls_must_stay_inside_the_repository(
    store: ContentStore, key: signing.SigningKey, src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "repo"
    publish(src, out, key)
    for url in ("../outside.zip", "/etc/passwd", "http://evil.example/x.zip", "a\\..\\b.zip"):
        _resign(out, key, lambda doc, u=url: doc["courses"][0].update(url=u))
        with pytest.raises(PackageError) as info:
            repos_for(store, key.public).add(str(out))
        assert info.value.rule == "repo.index"


def test_platform_signed_index_delegates_trust(
    store: ContentStore, src: Path, tmp_path: Path
) -> None:
    platform = signing.generate("platform")
    institute = signing.generate("institute")
    publish(src, tmp_path / "institute-repo", institute)
    publish(src, tmp_path / "platform-repo", platform, PublishOptions(delegate=(institute.public,)))
    repos = repos_for(store, platform.public)
    with pytest.raises(SignatureError):
        repos.add(str(tmp_path / "institute-repo"))
    repos.add(str(tmp_path / "platform-repo"))
    repos.add(str(tmp_path / "institute-repo"))  # now trusted, through the platform
    # A delegated key cannot delegate further.
    third = signing.generate("third")
    publish(src, tmp_path / "third-repo", third)
    publish(src, tmp_path / "institute-repo", institute, PublishOptions(delegate=(third.public,)))
    repos.add(str(tmp_path / "institute-repo"))
    with pytest.raises(SignatureError):
        repos.add(str(tmp_path / "third-repo"))


def test_admin_added_key(
    store: ContentStore, key: signing.SigningKey, src: Path, tmp_path: Path
) -> None:
    publish(src, tmp_path / "repo", key)
    trust = TrustStore(store, [])
    repos = Repositories(store, trust, Downloader())
    with pytest.raises(SignatureError):
        repos.add(str(tmp_path / "repo"))
    trust.add(key.public)
    repos.add(str(tmp_path / "repo"))
    assert trust.remove(key.public.key_id)


def test_index_round_trips() -> None:
    index = Index("urn:x", {"en": "X"}, 3, "2026-01-01T00:00:00Z", ())
    assert parse_index(index.to_bytes()) == index
