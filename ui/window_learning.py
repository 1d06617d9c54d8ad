"""The window's learning screens: library, course page, downloads, the item players and the
progress dashboard, and the way between them (a mixin of MainWindow: it uses the window's ops,
core, pages and learner).

A player is made when an item is opened and dropped when the learner leaves it; leaving for
any reason (Back, another page, lock, quit) first lets the player save what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from ui.course_page import CoursePage
    from ui.dashboard_page import DashboardPage
    from ui.downloads_page import DownloadsPage
    from ui.library_page import LibraryPage
    from ui.players.base import ItemPlayer


class LearningScreens:
    _player: ItemPlayer | None = None
    _downloads: DownloadsPage | None = None

    @property
    def library(self) -> LibraryPage:
        def build() -> LibraryPage:
            from ui.library_data import LibrarySource  # deferred: not needed at start
            from ui.library_page import LibraryPage

            page = LibraryPage()
            page.bind(self.ops, LibrarySource(self.core.content, self._learner_or_none))
            page.lock_requested.connect(self.lock)
            page.certificates_requested.connect(self.show_certificates)
            page.downloads_requested.connect(self.show_downloads)
            page.course_requested.connect(self.show_course)
            page.install_requested.connect(
                lambda cid, title: self.downloads.install_course(cid, title)
            )
            page.install_file_requested.connect(lambda path: self.downloads.install_file(path))
            return page

        return cast("LibraryPage", self._page("library", build))

    def _learner_or_none(self):
        return self._learner() if self.session is not None else None

    @property
    def downloads(self) -> DownloadsPage:
        """The install queue: machine-wide, so it outlives a profile being locked."""
        if self._downloads is None:
            from ui.downloads_page import DownloadsPage

            page = DownloadsPage(self.core.content)
            page.back_requested.connect(self.show_library)
            library = self.library
            page.transfer_changed.connect(library.show_transfer)
            page.active_changed.connect(library.set_active_downloads)
            page.installed.connect(lambda _course_id: self._installed())
            self._downloads = page
            self._pages["downloads"] = page
            self.stack.addWidget(page)
        return self._downloads

    def _installed(self) -> None:
        if self.session is not None:
            self.library.reload()

    def show_downloads(self) -> None:
        self._show_page(self.downloads)

    @property
    def course_page(self) -> CoursePage:
        def build() -> CoursePage:
            from ui.course_page import CoursePage

            page = CoursePage()
            page.back_requested.connect(self.show_library)
            page.item_requested.connect(self.open_item)
            return page

        return cast("CoursePage", self._page("course", build))

    def show_course(self, course_id: str) -> None:
        page = self.course_page
        self._show_page(page)
        self.ops.run(lambda: self._learner().course(course_id), page.set_course)

    @property
    def dashboard(self) -> DashboardPage:
        def build() -> DashboardPage:
            from ui.dashboard_page import DashboardPage  # deferred: only when opened

            page = DashboardPage(self.ops, self._learner)
            page.back_requested.connect(self.show_library)
            return page

        return cast("DashboardPage", self._page("dashboard", build))

    def show_dashboard(self) -> None:
        if self.session is not None:
            self._show_page(self.dashboard)

    # players

    def open_item(self, course_id: str, item_id: str, kind: str) -> None:
        """Open an item in the player for its kind (imported now: WebEngine only if needed)."""
        from ui.players import PLAYERS, player_class

        if kind not in PLAYERS:
            return
        self._leave_player(lambda: self._start_player(player_class(kind), course_id, item_id))

    def _start_player(self, cls: type[ItemPlayer], course_id: str, item_id: str) -> None:
        if self.session is None:
            return
        player = cls(self.ops, self._learner(), course_id, item_id)
        player.finished.connect(lambda: self.show_course(course_id))
        self._player = player
        self.stack.addWidget(player)
        self.stack.setCurrentWidget(player)
        player.on_shown()

    def _leave_player(self, then: Callable[[], None]) -> None:
        """Let the open player save and let go, then `then()`; at once if none is open."""
        player, self._player = self._player, None
        if player is None:
            then()
            return

        def gone() -> None:
            self.stack.removeWidget(player)
            player.deleteLater()
            if self._sync is not None:  # what the item recorded goes up now, if online
                self._sync.sync_now()
            then()

        player.close_item(gone)

    @property
    def player(self) -> ItemPlayer | None:
        return self._player
