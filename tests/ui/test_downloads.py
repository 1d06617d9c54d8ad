"""The long-job layer and the downloads page on real threads, a real signed repository on a slow
loopback server and the real content store: progress, pause and resume from the part file,
cancel, errors with Retry, the metered setting, installing from a file, the library wired in."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from app.core import Core
from app.errors import InvalidInput
from tests.content.conftest import course_doc, make_package
from tests.ui import library_support as support
from tests.ui.library_support import (
    BIG,
    BUDGET,
    ETHICS,
    Served,
    focused,
    key,
)
from ui.downloads_page import FAILED_, INSTALLED, PAUSED, DownloadsPage
from ui.jobs import CANCELLED, DONE, FAILED, JobContext, Jobs
from ui.library_data import LibrarySource
from ui.library_page import LibraryPage
from ui.ops import Ops

ops, served = support.ops, support.served  # fixtures

# the job layer


def test_a_job_reports_progress_and_its_result_on_the_gui_thread(qtbot) -> None:
    jobs = Jobs(max_workers=1, min_interval_s=0.05)
    seen: list[tuple[float | None, bool]] = []
    gui = threading.get_ident()
    worker: list[int] = []

    def work(context: JobContext) -> str:
        worker.append(threading.get_ident())
        for step in range(200_000):  # far faster than the event loop could take one each
            context.progress(step / 200_000, "counting", step)
        context.log("counted")
        return "done"

    jobs.changed.connect(
        lambda job: seen.append(
            (job.progress and job.progress.fraction, threading.get_ident() == gui)
        )
    )
    results: list[str] = []
    job = jobs.start(work, key="count", on_done=results.append)
    qtbot.waitUntil(lambda: results == ["done"], timeout=10_000)
    assert worker and worker[0] != gui
    assert all(on_gui for _f, on_gui in seen)
    assert job.state == DONE and job.result == "done" and job.log == ["counted"]
    assert job.progress is not None and job.progress.data == 199_999  # the last value arrives
    assert len(seen) < 200  # coalesced: not one event per call
    jobs.shutdown()


def test_errors_go_to_on_error_and_cancel_is_silent(qtbot) -> None:
    jobs = Jobs(max_workers=1)
    errors: list[BaseException] = []

    def fail(_context: JobContext) -> None:
        raise InvalidInput("no good")

    failed = jobs.start(fail, on_error=errors.append)
    qtbot.waitUntil(lambda: failed.finished)
    assert failed.state == FAILED and isinstance(errors[0], InvalidInput)

    started = threading.Event()

    def wait_for_cancel(context: JobContext) -> None:
        started.set()
        while True:
            context.check()  # raises Cancelled once cancelled
            time.sleep(0.01)

    running = jobs.start(wait_for_cancel, on_error=errors.append)
    queued = jobs.start(wait_for_cancel, on_error=errors.append)  # waits: one worker
    assert started.wait(5)
    jobs.cancel(queued)
    assert queued.state == CANCELLED  # never ran: ends at once
    jobs.cancel(running)
    qtbot.waitUntil(lambda: running.finished)
    assert running.state == CANCELLED and len(errors) == 1
    assert jobs.running() == 0
    jobs.shutdown()


# the downloads page


_made: list[DownloadsPage] = []


@pytest.fixture(autouse=True)
def _stop_jobs() -> Iterator[None]:
    """Jobs left running by a failed test must not outlive it."""
    yield
    while _made:
        _made.pop().shutdown()


def make_pages(qtbot, core: Core, ops_: Ops) -> tuple[LibraryPage, DownloadsPage]:
    """The library and the downloads page wired as the window wires them."""
    library = LibraryPage()
    downloads = DownloadsPage(core.content)
    _made.append(downloads)
    library.bind(ops_, LibrarySource(core.content))
    library.install_requested.connect(downloads.install_course)
    library.install_file_requested.connect(downloads.install_file)
    downloads.transfer_changed.connect(library.show_transfer)
    downloads.installed.connect(lambda _id: library.reload())
    downloads.active_changed.connect(library.set_active_downloads)
    for page in (library, downloads):
        qtbot.addWidget(page)
        page.resize(900, 600)
        page.show()
        qtbot.waitExposed(page)
    library.activateWindow()
    qtbot.waitUntil(library.isActiveWindow)
    library.on_shown()
    return library, downloads


def library_row(library: LibraryPage, course_id: str):
    lst = library.course_list
    for i in range(lst.count()):
        widget = lst.itemWidget(lst.item(i))
        if widget.entry.id == course_id:
            return widget
    raise AssertionError(course_id)


class LoopWatch:
    """The longest the GUI event loop went without running a 10 ms timer."""

    def __init__(self) -> None:
        self.longest = 0
        self._clock = QElapsedTimer()
        self._clock.start()
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        self.longest = max(self.longest, self._clock.restart())

    def stop(self) -> int:
        self._timer.stop()
        return self.longest


def test_install_from_the_library_with_progress_then_it_is_listed_installed(
    qtbot, core: Core, ops: Ops, served: Served
) -> None:
    core.content.repos.add(served.url)
    library, downloads = make_pages(qtbot, core, ops)
    qtbot.waitUntil(lambda: library.course_list.count() == 3)
    library.course_list.setCurrentRow(0)  # Budgeting Basics (4 MB)
    assert library.current_id() == BUDGET
    watch = LoopWatch()
    key(qtbot, Qt.Key.Key_Return)
    transfer = downloads.transfers[BUDGET]
    row = downloads.rows[BUDGET]
    # Progress is visible while it downloads: bytes of the total, rate, time left, a bar.
    qtbot.waitUntil(lambda: transfer.progress is not None and 0 < transfer.progress.done < BIG)
    qtbot.waitUntil(lambda: " of 4.0 MB" in row.status.text() and "/s" in row.status.text())
    assert "left" in row.status.text()
    assert 0 < row.bar.value() < 1000
    qtbot.waitUntil(lambda: library_row(library, BUDGET).state.text().startswith("Installing"))
    assert library.downloads_button.text() == "&Downloads (1)"
    qtbot.waitUntil(lambda: transfer.state == INSTALLED, timeout=20_000)
    assert row.status.text() == "Installed version 1.0."
    assert library.downloads_button.text() == "&Downloads"
    qtbot.waitUntil(lambda: library_row(library, BUDGET).entry.installed)
    assert library_row(library, BUDGET).state.text() == "Not started"
    assert watch.stop() < 100, "the GUI thread was blocked"
    assert core.content.store.course(BUDGET) is not None
    assert served.stats.bytes_sent < BIG * 1.02


def test_pause_then_resume_continues_from_the_part_file(
    qtbot, core: Core, ops: Ops, served: Served
) -> None:
    core.content.repos.add(served.url)
    library, downloads = make_pages(qtbot, core, ops)
    downloads.install_course(BUDGET, {"en": "Budgeting Basics"})
    transfer, row = downloads.transfers[BUDGET], downloads.rows[BUDGET]
    qtbot.waitUntil(lambda: transfer.progress is not None and transfer.progress.done > BIG // 4)
    downloads.activateWindow()
    qtbot.waitUntil(downloads.isActiveWindow)
    row.pause_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)  # Pause, from the keyboard
    qtbot.waitUntil(lambda: transfer.state == PAUSED)
    kept = core.content.partial_download(BUDGET)
    assert BIG // 4 < kept < BIG
    assert row.status.text().startswith("Paused after") and row.resume_button.isVisible()
    assert library_row(library, BUDGET).state.text().startswith("Paused at")
    assert core.content.store.course(BUDGET) is None
    row.resume_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: transfer.state == INSTALLED, timeout=20_000)
    assert core.content.store.course(BUDGET) is not None
    # The second request asked for the rest only, and the bytes sent are about the size once.
    assert served.stats.ranges[-1] == f"bytes={kept}-"
    assert served.stats.bytes_sent < BIG * 1.1
    assert core.content.partial_download(BUDGET) == 0


def test_cancel_leaves_nothing_installed_nor_kept(
    qtbot, core: Core, ops: Ops, served: Served
) -> None:
    core.content.repos.add(served.url)
    _library, downloads = make_pages(qtbot, core, ops)
    downloads.install_course(BUDGET, {"en": "Budgeting Basics"})
    transfer, row = downloads.transfers[BUDGET], downloads.rows[BUDGET]
    qtbot.waitUntil(lambda: transfer.progress is not None and transfer.progress.done > BIG // 5)
    row.cancel_button.click()
    qtbot.waitUntil(lambda: transfer.state == "cancelled")
    assert row.status.text() == "Cancelled: nothing was installed."
    assert core.content.store.course(BUDGET) is None
    assert list(core.content.store.downloads.iterdir()) == []
    # Paused first, then cancelled: the part kept by the pause is deleted too.
    downloads.install_course(BUDGET, {"en": "Budgeting Basics"})
    transfer = downloads.transfers[BUDGET]
    qtbot.waitUntil(lambda: transfer.progress is not None and transfer.progress.done > 0)
    downloads.pause(BUDGET)
    qtbot.waitUntil(lambda: transfer.state == PAUSED)
    assert core.content.partial_download(BUDGET) > 0
    downloads.cancel(BUDGET)
    qtbot.waitUntil(lambda: list(core.content.store.downloads.iterdir()) == [])
    assert transfer.state == "cancelled" and core.content.store.course(BUDGET) is None


def test_an_error_is_shown_in_words_and_retry_installs(
    qtbot, core: Core, ops: Ops, served: Served, tmp_path: Path
) -> None:
    core.content.repos.add(served.url)
    _library, downloads = make_pages(qtbot, core, ops)
    package = served.package_of(ETHICS)
    hidden = package.rename(tmp_path / "away.zip")  # the server answers 404
    downloads.install_course(ETHICS, {"en": "Ethics in Governance"})
    transfer, row = downloads.transfers[ETHICS], downloads.rows[ETHICS]
    qtbot.waitUntil(lambda: transfer.state == FAILED_, timeout=10_000)
    assert row.status.text().startswith("Not installed: The file is not on the server")
    assert row.retry_button.isVisible()
    hidden.rename(package)
    row.retry_button.click()
    qtbot.waitUntil(lambda: transfer.state == INSTALLED, timeout=10_000)
    assert core.content.store.course(ETHICS) is not None


def test_a_metered_connection_refuses_with_the_core_message(
    qtbot, core: Core, ops: Ops, served: Served
) -> None:
    core.content.repos.add(served.url)
    settings = core.load_settings()
    settings.metered = True
    core.save_settings(settings)
    _library, downloads = make_pages(qtbot, core, ops)
    downloads.install_course(ETHICS, {"en": "Ethics in Governance"})
    transfer, row = downloads.transfers[ETHICS], downloads.rows[ETHICS]
    qtbot.waitUntil(lambda: transfer.state == FAILED_)
    assert "set as metered, so nothing is downloaded" in row.status.text()
    assert served.stats.requests == 2  # the index and its signature only, when it was added
    settings.metered = False
    core.save_settings(settings)
    row.retry_button.click()
    qtbot.waitUntil(lambda: transfer.state == INSTALLED, timeout=10_000)


def test_install_from_a_file_shows_progress_and_refreshes_the_library(
    qtbot, core: Core, ops: Ops, tmp_path: Path
) -> None:
    import os

    library, downloads = make_pages(qtbot, core, ops)
    doc = course_doc("urn:test:course:usb", title={"en": "From a USB stick"})
    files = {"docs/intro.pdf": os.urandom(3_000_000), "lesson/index.html": b"<p>x</p>"}
    package = make_package(tmp_path / "usb.zip", doc, files)
    seen: list[float] = []
    downloads.jobs.changed.connect(
        lambda job: job.progress and seen.append(job.progress.fraction or 0.0)
    )
    with qtbot.waitSignal(downloads.installed, timeout=10_000) as installed:
        library.install_file_requested.emit(str(package))
    assert installed.args == ["urn:test:course:usb"]
    transfer = downloads.transfers[str(package)]
    assert transfer.state == INSTALLED and seen and seen[-1] == 1.0
    assert downloads.rows[str(package)].title.text() == "usb.zip"
    qtbot.waitUntil(lambda: library.course_list.count() == 1)
    assert library.course_list.item(0).text().startswith("From a USB stick")


def test_the_page_is_usable_from_the_keyboard(qtbot, core: Core, ops: Ops, served: Served) -> None:
    core.content.repos.add(served.url)
    _library, downloads = make_pages(qtbot, core, ops)
    assert downloads.empty_label.isVisible()
    downloads.install_course(ETHICS, {"en": "Ethics in Governance"})
    transfer = downloads.transfers[ETHICS]
    qtbot.waitUntil(lambda: transfer.state == INSTALLED, timeout=10_000)
    downloads.activateWindow()
    qtbot.waitUntil(downloads.isActiveWindow)
    downloads.on_shown()
    assert focused(qtbot) is downloads.rows[ETHICS].remove_button
    key(qtbot, Qt.Key.Key_Space)
    assert ETHICS not in downloads.transfers and downloads.empty_label.isVisible()
    with qtbot.waitSignal(downloads.back_requested):
        key(qtbot, Qt.Key.Key_Escape)
