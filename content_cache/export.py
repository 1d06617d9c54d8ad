"""`kyo export`: a self-verifying bundle on a USB stick, for machines with no network.

The bundle is a repository: `index.json` + `index.json.sig` + `packages/`. Without a key it
carries a signed index this machine accepted (from the platform, say) that lists every
exported course at exactly the installed package, so the receiving machine checks it with the
keys it already trusts. With a key (an institute's, which the receivers must trust) it carries
a new index of just these courses, signed by that key.
"""

from __future__ import annotations

import time
from pathlib import Path

from app.errors import InvalidInput, NotFound
from app.fsutil import atomic_write_bytes
from app.i18n import _
from content_cache.download import copy_file
from content_cache.publish import entry_for
from content_cache.repos import Repositories
from content_cache.repository import Index, now_iso, parse_index
from content_cache.signing import SigningKey
from content_cache.store import ContentStore, InstalledCourse


def _installed(store: ContentStore, course_ids: list[str]) -> list[InstalledCourse]:
    courses = []
    for course_id in course_ids:
        course = store.course(course_id)
        if course is None:
            raise NotFound(_("The course {id} is not installed.").format(id=course_id))
        courses.append(course)
    return courses


def _covering_index(repos: Repositories, courses: list[InstalledCourse]) -> tuple[bytes, bytes]:
    wanted = {(c.id, c.sha256) for c in courses}
    for repo in repos.all():
        index_bytes, sig_bytes = repos.signed_index(repo.location)
        listed = {(e.id, e.sha256) for e in parse_index(index_bytes).courses}
        if wanted <= listed:
            return index_bytes, sig_bytes
    raise InvalidInput(
        _(
            "No signed repository on this computer lists all of these courses as installed. "
            "Export them with --key KEYFILE (a key the receiving computers trust)."
        )
    )


def export_bundle(
    store: ContentStore,
    repos: Repositories,
    course_ids: list[str],
    out: Path,
    key: SigningKey | None = None,
) -> Index:
    courses = _installed(store, course_ids)
    if key is None:
        index_bytes, sig_bytes = _covering_index(repos, courses)
        index = parse_index(index_bytes)
    else:
        index = Index(
            repo_id=f"urn:kyo-repo:{key.public.key_id}:export",
            name={"en": "Karmayogi Offline export"},
            serial=int(time.time()),
            generated=now_iso(),
            courses=tuple(entry_for(c.manifest, c.container, c.sha256, c.size) for c in courses),
        )
        index_bytes = index.to_bytes()
        sig_bytes = key.sign_file_bytes(index_bytes)
    by_id = {e.id: e for e in index.courses}
    for course in courses:
        dest = out / by_id[course.id].url
        dest.parent.mkdir(parents=True, exist_ok=True)
        copy_file(
            store.package_path(course.sha256, course.container),
            dest,
            expected_size=course.size,
            expected_sha256=course.sha256,
        )
    atomic_write_bytes(out / "index.json.sig", sig_bytes, mode=0o644)
    atomic_write_bytes(out / "index.json", index_bytes, mode=0o644)
    return index
