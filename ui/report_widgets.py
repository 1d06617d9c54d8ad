"""Parts the dashboard, the sync log and the settings share: read-only tables that are
keyboard-friendly and sized to their rows, and an error shown next to what failed."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from app.errors import KyoError

log = logging.getLogger(__name__)


def read_only_table(columns: int, stretch: int | None = None) -> QTableWidget:
    """A table the learner reads and moves through with the arrow keys; Tab leaves it."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def fill(table: QTableWidget, rows: list[list[str]], numeric: set[int] | None = None) -> None:
    """Replace the rows; columns in `numeric` are right-aligned (numbers line up)."""
    numeric = numeric or set()
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeRowsToContents()
    fit_height(table)


def fit_height(table: QTableWidget, max_rows: int | None = None) -> None:
    """As tall as its rows (up to `max_rows`, then it scrolls): the page scrolls, not the table."""
    rows = table.rowCount() if max_rows is None else min(table.rowCount(), max_rows)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(rows))
    if rows == 0:
        height += table.fontMetrics().height()
    table.setFixedHeight(height)


def show_inline(label: QLabel, exc: BaseException) -> None:
    """A core error's own (translated) message beside what failed; anything else is a defect:
    logged with its traceback, and said plainly (the page stays usable)."""
    if isinstance(exc, KyoError):
        log.warning("%s: %s | %s", type(exc).__name__, exc.message, exc.detail)
        label.setText(exc.message)
    else:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(exc)))
        label.setText(
            QCoreApplication.translate(
                "ReportWidgets",
                "Something went wrong that the app did not expect. Your data is safe; the "
                "details are in the log.",
            )
        )
    label.show()
