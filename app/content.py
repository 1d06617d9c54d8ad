"""The content side of the core: the machine's content store, repositories, trust, downloads.

One object composed from `content_cache` with this installation's configuration (platform
keys, bandwidth cap, metered connection); `kyo` and the window both use it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from threading import Event

from app.errors import InvalidInput, NotFound, UsageError
from app.i18n import _
from app.package_files import PackageFiles
from app.paths import Paths
from app.platform import DEMO_DIR, load_platform_config
from app.settings import Settings
from content_cache.download import Downloader, Progress
from content_cache.export import export_bundle
from content_cache.packing import pack_folder
from content_cache.publish import is_course_folder
from content_cache.repos import Repositories, is_url
from content_cache.repository import Index
from content_cache.signing import SigningKey
from content_cache.store import ContentStore, InstallResult
from content_cache.transfer import remove_part
from content_cache.trust import TrustStore

DEMO_REPOSITORY = DEMO_DIR / "repo"
DEMO_COURSE_ID = "urn:karmayogi-offline:course:demo-serving-citizens"

ProgressFn = Callable[[Progress], None]


class ContentService:
    def __init__(self, paths: Paths, settings: Callable[[], Settings]) -> None:
        self._settings = settings
        self.paths = paths
        self.store = ContentStore(paths.content_store)
        self.platform = load_platform_config(paths)
        self.trust = TrustStore(self.store, self.platform.trusted_keys())
        self.downloader = Downloader(bandwidth_bps=settings().bandwidth_bps)
        self.repos = Repositories(self.store, self.trust, self.downloader)
        self.files = PackageFiles(self.store, paths.cache)  # what the players read

    def settings(self) -> Settings:
        """The settings as they are now (read each time: a change applies at once)."""
        return self._settings()

    def install(
        self, source: str, *, progress: ProgressFn | None = None, cancel: Event | None = None
    ) -> InstallResult:
        """Install from a package file, a course folder, or a course id from a repository."""
        path = Path(source).expanduser()
        if path.is_file():
            return self.store.install_file(
                path, source=str(path.resolve()), progress=progress, cancel=cancel
            )
        if path.is_dir():
            return self._install_folder(path)
        if "/" in source or source.endswith((".zip", ".xml")):
            raise NotFound(_("There is no file or folder at {path}.").format(path=source))
        row = self.repos.best(source)
        if is_url(row.location):
            self.check_downloads_allowed()
            self.downloader.bandwidth_bps = self._settings().bandwidth_bps
        return self.repos.install(source, progress=progress, cancel=cancel)

    def _install_folder(self, folder: Path) -> InstallResult:
        if (folder / "index.json").exists():
            raise UsageError(
                _(
                    "{path} is a repository: add it with “kyo repo add {path}”, then install "
                    "courses from it by id."
                ).format(path=folder)
            )
        if not is_course_folder(folder):
            raise InvalidInput(
                _(
                    "{path} is not a course folder (no course.json, imsmanifest.xml or cmi5.xml)."
                ).format(path=folder)
            )
        staged = self.store.new_staging_file()
        try:
            pack_folder(folder, staged)
            return self.store.install_staged(staged, source=str(folder))
        finally:
            staged.unlink(missing_ok=True)

    def partial_download(self, course_id: str) -> int:
        """Bytes of the course's package already downloaded and kept for resuming (0: none)."""
        dest = self.repos.download_path(course_id)
        part = None if dest is None else dest.with_name(dest.name + ".part")
        return part.stat().st_size if part is not None and part.is_file() else 0

    def discard_download(self, course_id: str) -> None:
        """Delete what a cancelled download of the course kept for resuming."""
        dest = self.repos.download_path(course_id)
        if dest is not None:
            remove_part(dest)

    def check_downloads_allowed(self) -> None:
        if self._settings().metered:
            raise UsageError(
                _(
                    "This connection is set as metered, so nothing is downloaded. Turn it off "
                    "with “kyo settings set metered off”, or install from a USB stick."
                )
            )

    def export(self, course_ids: list[str], out: Path, key: SigningKey | None = None) -> Index:
        return export_bundle(self.store, self.repos, course_ids, out, key)

    def seed_demo(self) -> InstallResult | None:
        """Add the shipped demo repository and install its course, if this installation
        trusts the demo key and the course is not installed yet."""
        if not self.platform.trust_demo_key or self.store.course(DEMO_COURSE_ID) is not None:
            return None
        self.repos.add(str(DEMO_REPOSITORY))
        return self.repos.install(DEMO_COURSE_ID)
