"""The library: installed courses with the learner's progress, what the repositories offer,
updates; search (the catalog's FTS, Hindi too) and filters; adding a repository and installing
from a file. Disk and network work goes through `Ops` (see `bind`); installs go to the
downloads page through `install_requested` / `install_file_requested`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language, text_in
from ui.library_data import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    CourseCard,
    LibraryEntry,
    LibrarySource,
    matches_words,
)
from ui.library_rows import BackgroundOnlyDelegate, CourseRow
from ui.widgets import Page, heading

if TYPE_CHECKING:
    from ui.ops import Ops
    from ui.repo_dialog import RepoDialog

__all__ = ["CourseCard", "LibraryPage"]  # CourseCard: the window builds them (set_courses)

MAX_ROWS = 60  # a row widget costs ~0.7 ms of GUI time: a longer list asks for a search
SEARCH_DELAY_MS = 250
COMPETENCY_TYPES = ("behavioural", "functional", "domain")
NOT_INSTALLED, UPDATES = "not_installed", "updates"


class LibraryPage(Page):
    lock_requested = Signal()
    certificates_requested = Signal()
    downloads_requested = Signal()
    course_requested = Signal(str)  # an installed course's id: open its course page
    install_requested = Signal(str, dict)  # course id and title: install or update it
    install_file_requested = Signal(str)  # a package file's path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.learner = ""
        self.entries: list[LibraryEntry] = []
        self.hits: set[str] | None = None  # the last search's course ids; None: no search
        self.transfers: dict[str, tuple[str, float]] = {}
        self.active_downloads = 0
        self.ops: Ops | None = None
        self.source: LibrarySource | None = None
        self.repo_dialog: RepoDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self._search_serial = 0
        self._build()
        self._shortcuts()
        self._layout()
        self.retranslate()
        self.set_courses([])

    def _build(self) -> None:
        self.title = heading()
        self.who = QLabel()
        self.lock_button, self.certificates_button = QPushButton(), QPushButton()
        self.downloads_button = QPushButton()
        self.lock_button.clicked.connect(self.lock_requested)
        self.certificates_button.clicked.connect(self.certificates_requested)
        self.downloads_button.clicked.connect(self.downloads_requested)
        self.search_field = QLineEdit()
        self.search_field.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_field)
        self.type_box, self.language_box, self.status_box = QComboBox(), QComboBox(), QComboBox()
        self.type_label, self.language_label, self.status_label = QLabel(), QLabel(), QLabel()
        for label, box in (
            (self.type_label, self.type_box),
            (self.language_label, self.language_box),
            (self.status_label, self.status_box),
        ):
            label.setBuddy(box)
            box.currentIndexChanged.connect(self._fill)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)
        self.search_field.textChanged.connect(lambda _t: self._search_timer.start())
        self.course_list = QListWidget()
        self.course_list.setItemDelegate(BackgroundOnlyDelegate(self.course_list))
        self.course_list.setSpacing(2)
        self.course_list.setWordWrap(True)
        self.course_list.itemActivated.connect(self._activated)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_filters)
        # First steps, in the middle of an empty library (the bar below has them too).
        self.first_repo_button, self.first_file_button = QPushButton(), QPushButton()
        self.first_repo_button.clicked.connect(self.add_repository)
        self.first_file_button.clicked.connect(self.choose_file)
        self.more_label = QLabel()  # the list is cut at MAX_ROWS
        self.message = QLabel()  # what the last repository check said
        self.message.setWordWrap(True)
        self.add_repo_button, self.file_button = QPushButton(), QPushButton()
        self.refresh_button = QPushButton()
        self.add_repo_button.clicked.connect(self.add_repository)
        self.file_button.clicked.connect(self.choose_file)
        self.refresh_button.clicked.connect(self.check_for_updates)

    def _shortcuts(self) -> None:
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search_field.setFocus)
        QShortcut(QKeySequence("Ctrl+I"), self, self.install_current)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.check_for_updates)
        QShortcut(QKeySequence("Ctrl+D"), self, self.downloads_requested.emit)
        self.search_field.returnPressed.connect(self._search_now)
        # Down from the search field goes to the list, as in a browser's location bar.
        for keys, slot in (
            (Qt.Key.Key_Down, self._focus_list),
            (Qt.Key.Key_Escape, self.clear_filters),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.search_field, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.who)
        top.addWidget(self.downloads_button)
        top.addWidget(self.certificates_button)
        top.addWidget(self.lock_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search_label)
        filters.addWidget(self.search_field, 3)
        for label, box in (
            (self.type_label, self.type_box),
            (self.language_label, self.language_box),
            (self.status_label, self.status_box),
        ):
            filters.addWidget(label)
            filters.addWidget(box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.add_repo_button)
        bottom.addWidget(self.file_button)
        self.empty_box = QWidget()  # hidden as a whole, so it takes no room beside the list
        column = QWidget()  # a readable line length, whatever the window's width
        column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 72)
        empty = QVBoxLayout(column)
        centred = QHBoxLayout(self.empty_box)
        centred.addStretch(1)
        centred.addWidget(column, 10)
        centred.addStretch(1)
        empty.addStretch(1)
        empty.addWidget(self.empty_label)
        first = QHBoxLayout()
        first.addStretch(1)
        for button in (self.clear_button, self.first_repo_button, self.first_file_button):
            first.addWidget(button)
        first.addStretch(1)
        empty.addLayout(first)
        empty.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.course_list, 1)
        layout.addWidget(self.more_label)
        layout.addWidget(self.empty_box, 1)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Library"))
        self.who.setText(self.tr("Learner: %1").replace("%1", self.learner))
        self.lock_button.setText(self.tr("&Lock"))
        self.lock_button.setAccessibleName(self.tr("Lock this profile"))
        self.certificates_button.setText(self.tr("&Certificates"))
        self.certificates_button.setAccessibleName(self.tr("Your certificates"))
        self._downloads_text()
        self.downloads_button.setAccessibleName(self.tr("Downloads and installs (Ctrl+D)"))
        self.search_label.setText(self.tr("&Search:"))
        self.search_field.setPlaceholderText(self.tr("Course title, in English or Hindi"))
        self.search_field.setAccessibleName(self.tr("Search courses (Ctrl+F)"))
        self.type_label.setText(self.tr("&Type:"))
        self.language_label.setText(self.tr("Lan&guage:"))
        self.status_label.setText(self.tr("&Progress:"))
        self._fill_combos()
        self.course_list.setAccessibleName(self.tr("Courses"))
        self.course_list.setAccessibleDescription(
            self.tr("Enter opens an installed course or installs an available one; Ctrl+I "
                    "installs or updates the selected course.")
        )  # fmt: skip
        self.clear_button.setText(self.tr("Show &all courses"))
        self.first_repo_button.setText(self.tr("Add a repository…"))
        self.first_file_button.setText(self.tr("Install from a file…"))
        self.add_repo_button.setText(self.tr("Add a &repository…"))
        self.add_repo_button.setAccessibleName(
            self.tr("Add a repository: a web address or a folder, such as a USB stick")
        )
        self.file_button.setText(self.tr("&Install from a file…"))
        self.file_button.setAccessibleName(self.tr("Install a course package file (.zip)"))
        self.refresh_button.setText(self.tr("Check for &updates"))
        self.refresh_button.setAccessibleName(
            self.tr("Check the repositories for new courses (F5)")
        )
        self._fill()

    def _fill_combos(self) -> None:
        types = [("", self.tr("Any type"))]
        types += [
            ("behavioural", self.tr("Behavioural")),
            ("functional", self.tr("Functional")),
            ("domain", self.tr("Domain")),
        ]
        statuses = [
            ("", self.tr("Any status")),
            (NOT_STARTED, self.tr("Not started")),
            (IN_PROGRESS, self.tr("In progress")),
            (COMPLETED, self.tr("Completed")),
            (NOT_INSTALLED, self.tr("Not installed")),
            (UPDATES, self.tr("Update available")),
        ]
        names = {"en": self.tr("English"), "hi": self.tr("Hindi")}
        codes = sorted({code for e in self.entries for code in e.languages})
        languages = [("", self.tr("Any language"))] + [(c, names.get(c, c)) for c in codes]
        for box, options, name in (
            (self.type_box, types, self.tr("Competency type")),
            (self.language_box, languages, self.tr("Language")),
            (self.status_box, statuses, self.tr("Status")),
        ):
            chosen = box.currentData()
            box.blockSignals(True)  # one refill at the end, not one per option
            box.clear()
            for value, text in options:
                box.addItem(text, value)
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.setAccessibleName(name)
            box.blockSignals(False)

    # data in

    def bind(self, ops: Ops, source: LibrarySource) -> None:
        """Give the page what it needs to load, search and add repositories by itself."""
        self.ops, self.source = ops, source

    def reload(self) -> None:
        """Load installed courses, progress and the catalog again (off the GUI thread)."""
        if self.ops is not None and self.source is not None:
            self.ops.run(self.source.load, self.set_entries)

    def set_learner(self, name: str) -> None:
        self.learner = name
        self.retranslate()

    def set_courses(self, cards: list[CourseCard]) -> None:
        """Installed courses without progress (the window's first, quick load). Courses the
        repositories offer, known from the last `reload`, stay listed."""
        offered = [e for e in self.entries if not e.installed]
        self.set_entries([card.entry() for card in cards] + offered)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        # The list arrived after the page was shown: move focus to it from a placeholder.
        placeholders = (self.lock_button, self.first_repo_button, self.course_list)
        had_focus = any(w.hasFocus() for w in placeholders)
        self.entries = entries
        self._fill_combos()
        self._fill()
        if had_focus and self.course_list.count():
            self.course_list.setFocus()

    def set_active_downloads(self, count: int) -> None:
        """How many installs are waiting, running or paused (shown on the Downloads button)."""
        self.active_downloads = count
        self._downloads_text()

    def _downloads_text(self) -> None:
        count = self.active_downloads
        self.downloads_button.setText(
            self.tr("&Downloads (%1)").replace("%1", str(count)) if count else self.tr("&Downloads")
        )

    def show_transfer(self, course_id: str, state: str, fraction: float) -> None:
        """The course's place in the install queue ("" when it left the queue)."""
        if state:
            self.transfers[course_id] = (state, fraction)
        else:
            self.transfers.pop(course_id, None)
        for row in range(self.course_list.count()):
            item = self.course_list.item(row)
            widget = self.course_list.itemWidget(item)
            if isinstance(widget, CourseRow) and widget.entry.id == course_id:
                widget.set_transfer(self.transfers.get(course_id))
                item.setText(widget.accessible_text())

    # filtering and showing

    def visible_entries(self) -> list[LibraryEntry]:
        kind, language = self.type_box.currentData(), self.language_box.currentData()
        status = self.status_box.currentData()
        text = self.search_field.text().strip()
        shown = []
        for entry in self.entries:
            if text and not self._matches(entry, text):
                continue
            if kind and kind not in entry.competency_types:
                continue
            if language and language not in entry.languages:
                continue
            if status and not _status_matches(entry, status):
                continue
            shown.append(entry)
        lang = current_language()
        # Installed first (what the learner is doing), then by title in the shown language.
        return sorted(shown, key=lambda e: (not e.installed, text_in(e.title, lang).casefold()))

    def _matches(self, entry: LibraryEntry, text: str) -> bool:
        if self.hits is not None:
            return entry.id in self.hits
        return matches_words(text, (entry.title, entry.description))

    def _fill(self) -> None:
        current = self.current_id()
        language = current_language()
        self.course_list.clear()
        shown = self.visible_entries()
        for entry in shown[:MAX_ROWS]:
            row = CourseRow(entry, language, self.transfers.get(entry.id))
            row.action_clicked.connect(self._install)
            row.open_clicked.connect(self.course_requested)
            item = QListWidgetItem(row.accessible_text())
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setSizeHint(row.sizeHint())
            self.course_list.addItem(item)
            self.course_list.setItemWidget(item, row)
            if entry.id == current:
                self.course_list.setCurrentItem(item)
        if self.course_list.count() and self.course_list.currentRow() < 0:
            self.course_list.setCurrentRow(0)
        self._show_empty_state(shown)

    def _show_empty_state(self, shown: list[LibraryEntry]) -> None:
        has_any = bool(shown)
        self.course_list.setVisible(has_any)
        self.empty_box.setVisible(not has_any)
        filtered = bool(self.entries) and not has_any
        self.clear_button.setVisible(filtered)
        for button in (self.first_repo_button, self.first_file_button):
            button.setVisible(not self.entries)
        if filtered:
            self.empty_label.setText(self.tr("No course matches your search and filters."))
        elif not has_any:
            self.empty_label.setText(
                self.tr(
                    "No courses yet. To get some, choose “Add a repository…” and give the web "
                    "address your department or institute gave you, or a folder on a USB "
                    "stick; or choose “Install from a file…” for a course package (.zip)."
                )
            )
        self.more_label.setVisible(len(shown) > MAX_ROWS)
        self.more_label.setText(
            self.tr("Showing %1 of %2 courses: search to find the others.")
            .replace("%1", str(MAX_ROWS))
            .replace("%2", str(len(shown)))
        )

    def current_id(self) -> str | None:
        item = self.course_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def entry(self, course_id: str | None) -> LibraryEntry | None:
        return next((e for e in self.entries if e.id == course_id), None)

    # actions

    def _activated(self, item: QListWidgetItem) -> None:
        entry = self.entry(item.data(Qt.ItemDataRole.UserRole))
        if entry is None:
            return
        if entry.installed:
            self.course_requested.emit(entry.id)
        else:
            self._install(entry.id)

    def install_current(self) -> None:
        """Install the selected course, or update it when a newer version is offered."""
        entry = self.entry(self.current_id())
        if entry is not None and (not entry.installed or entry.update_available):
            self._install(entry.id)

    def _install(self, course_id: str) -> None:
        entry = self.entry(course_id)
        if entry is not None and course_id not in self.transfers:
            self.install_requested.emit(course_id, dict(entry.title))

    def clear_filters(self) -> None:
        self.search_field.clear()
        self.hits = None
        for box in (self.type_box, self.language_box, self.status_box):
            box.setCurrentIndex(0)
        self._fill()
        self.search_field.setFocus()

    def _focus_list(self) -> None:
        if self.course_list.count():
            self.course_list.setFocus()

    def _search_now(self) -> None:
        self._search_timer.stop()
        self._search()
        self._focus_list()

    def _search(self) -> None:
        text = self.search_field.text().strip()
        self._search_serial += 1
        serial = self._search_serial
        if not text or self.ops is None or self.source is None:
            self.hits = None
            self._fill()
            return
        source = self.source

        def found(hits: set[str]) -> None:
            if serial == self._search_serial:  # an older search answering late is dropped
                self.hits = hits
                self._fill()

        self.ops.run(lambda: source.search(text), found)

    def add_repository(self) -> None:
        if self.ops is None or self.source is None:
            return
        from ui.repo_dialog import RepoDialog

        self.repo_dialog = RepoDialog(self.ops, self.source.content.repos.add, self)
        self.repo_dialog.added.connect(lambda _info: self.reload())
        self.repo_dialog.open()

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Install a course from a file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Course packages (*.zip)"), self.tr("All files (*)")])
        dialog.fileSelected.connect(self.install_file_requested)
        self.file_dialog = dialog
        dialog.open()

    def check_for_updates(self) -> None:
        """Fetch every repository's index again, then reload (F5)."""
        if self.ops is None or self.source is None:
            return
        self.message.setText(self.tr("Checking the repositories…"))
        self.refresh_button.setEnabled(False)
        self.ops.run(self.source.refresh, self._checked, self._check_failed)

    def _checked(self, failures: list[tuple[str, str]]) -> None:
        self.refresh_button.setEnabled(True)
        if failures:
            lines = [self.tr("%1 could not be checked: %2").replace("%1", where)
                     .replace("%2", why) for where, why in failures]  # fmt: skip
            self.message.setText("\n".join(lines))
        else:
            self.message.setText(self.tr("The repositories were checked just now."))
        self.reload()

    def _check_failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.message.setText(str(exc))

    def on_shown(self) -> None:
        if self.course_list.count():
            self.course_list.setFocus()
        elif self.first_repo_button.isVisibleTo(self):
            self.first_repo_button.setFocus()
        else:
            self.search_field.setFocus()
        self.reload()


def _status_matches(entry: LibraryEntry, status: str) -> bool:
    if status == NOT_INSTALLED:
        return not entry.installed
    if status == UPDATES:
        return entry.update_available
    return entry.installed and entry.status == status
