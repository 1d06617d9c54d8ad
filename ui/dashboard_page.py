"""Progress: hours per competency type against the learner's targets (a chart and a table),
the annual plan and the National Learning Week, courses in progress, records waiting to sync.

The page loads itself through the ops layer when shown (`refresh`): `load_dashboard` runs on a
worker and returns plain data, `set_report` shows it on the GUI thread. Editing a target goes
through the facade's `set_target` the same way, then the page reloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import competencies, progress
from app.i18n import text_in
from ui.chart import Bar, BarChart
from ui.report_widgets import fill, read_only_table, show_inline
from ui.widgets import Page, heading, inline_error

if TYPE_CHECKING:
    from app.learning import Learner
    from ui.ops import Ops

TYPES = competencies.TYPES  # behavioural, functional, domain
DEFAULT_TARGET_HOURS = 10.0


@dataclass(frozen=True)
class CourseLine:
    id: str
    title: dict[str, str]
    done: int
    total: int
    fraction: float


@dataclass(frozen=True)
class DashboardData:
    """Everything the page shows, read from the facade on a worker."""

    report: competencies.Report
    in_progress: list[CourseLine]
    completed: int
    pending: int  # records waiting to sync
    refused: int  # records the platform refused (kept, shown in the sync log)
    year: tuple[dt.date, dt.date]  # the financial year the annual plan covers


def load_dashboard(learner: Learner, today: dt.date | None = None) -> DashboardData:
    """Worker side: the facade's numbers, nothing recomputed here."""
    today = today or dt.datetime.now(dt.UTC).date()
    report = learner.competencies(today)
    views = learner.courses()
    in_progress = [
        CourseLine(
            v.manifest.id, v.manifest.title, v.status.done, v.status.total, v.status.fraction
        )
        for v in views
        if v.status.status == progress.IN_PROGRESS
    ]
    completed = sum(1 for v in views if v.status.status == progress.COMPLETED)
    counts = learner.statement_counts()
    return DashboardData(
        report,
        in_progress,
        completed,
        counts["pending"],
        counts["quarantined"],
        competencies.financial_year(today),
    )


def annual_id(competency_type: str | None) -> str:
    """The target id `kyo plan annual` uses too, so both edit the same target."""
    return f"annual-{competency_type or 'all'}"


def hours(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class DashboardPage(Page):
    back_requested = Signal()

    def __init__(
        self, ops: Ops, learner: Callable[[], Learner], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops, self._learner = ops, learner
        self.data: DashboardData | None = None
        self._build()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.back_requested.emit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.retranslate()

    def _build(self) -> None:
        self.title = heading()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.error = inline_error()
        self.hours_box, self.plan_box = QGroupBox(), QGroupBox()
        self.courses_box, self.sync_box = QGroupBox(), QGroupBox()
        self.chart = BarChart()
        self.chart_note = QLabel()
        self.chart_note.setWordWrap(True)
        self.hours_table = read_only_table(4, stretch=0)
        self.targets_table = read_only_table(5, stretch=0)
        self.learning_time = QLabel()
        self.target_label = QLabel()
        self.target_type = QComboBox()
        self.target_type.currentIndexChanged.connect(self._show_current_target)
        self.target_hours = QDoubleSpinBox()
        self.target_hours.setRange(0.5, 2000.0)
        self.target_hours.setDecimals(1)
        self.target_hours.setSingleStep(0.5)
        self.target_hours.setValue(DEFAULT_TARGET_HOURS)
        self.target_label.setBuddy(self.target_type)
        self.set_target_button = QPushButton()
        self.set_target_button.clicked.connect(self.save_target)
        self.target_saved = QLabel()
        self.courses_table = read_only_table(2, stretch=0)
        self.courses_empty, self.completed_label = QLabel(), QLabel()
        self.pending_label, self.refused_label = QLabel(), QLabel()
        for label in (self.courses_empty, self.pending_label, self.refused_label):
            label.setWordWrap(True)
        self._layout()

    def _layout(self) -> None:
        hours_layout = QHBoxLayout(self.hours_box)
        chart_column = QVBoxLayout()
        chart_column.addWidget(self.chart)
        chart_column.addWidget(self.chart_note)
        chart_column.addStretch(1)
        hours_layout.addLayout(chart_column, 3)
        hours_layout.addWidget(self.hours_table, 2, Qt.AlignmentFlag.AlignTop)
        edit = QHBoxLayout()
        for widget in (self.target_label, self.target_type, self.target_hours):
            edit.addWidget(widget)
        edit.addWidget(self.set_target_button)
        edit.addStretch(1)
        plan_layout = QVBoxLayout(self.plan_box)
        for widget in (self.targets_table, self.learning_time):
            plan_layout.addWidget(widget)
        plan_layout.addLayout(edit)
        plan_layout.addWidget(self.target_saved)
        courses_layout = QVBoxLayout(self.courses_box)
        for widget in (self.courses_table, self.courses_empty, self.completed_label):
            courses_layout.addWidget(widget)
        sync_layout = QVBoxLayout(self.sync_box)
        sync_layout.addWidget(self.pending_label)
        sync_layout.addWidget(self.refused_label)
        sync_layout.addStretch(1)
        self._page_layout()

    def _page_layout(self) -> None:
        content = QWidget()
        grid = QGridLayout(content)
        grid.addWidget(self.hours_box, 0, 0, 1, 2)
        grid.addWidget(self.plan_box, 1, 0, 1, 2)
        grid.addWidget(self.courses_box, 2, 0)
        grid.addWidget(self.sync_box, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)

    # texts

    def _type_names(self) -> dict[str | None, str]:
        return {
            None: self.tr("All competencies"),
            "behavioural": self.tr("Behavioural"),
            "functional": self.tr("Functional"),
            "domain": self.tr("Domain"),
        }

    def retranslate(self) -> None:
        self.title.setText(self.tr("Progress"))
        self.back_button.setText(self.tr("&Back to library"))
        self.hours_box.setTitle(self.tr("Hours per competency type"))
        self.chart.setAccessibleName(self.tr("Chart: hours per competency type"))
        self.chart_note.setText(
            self.tr(
                "Bars: hours earned from completed learning. Dashed line: your annual target "
                "for that type. The table gives the same numbers."
            )
        )
        self.hours_table.setAccessibleName(self.tr("Hours per competency type"))
        self.hours_table.setHorizontalHeaderLabels(
            [self.tr("Type"), self.tr("Hours"), self.tr("Annual target"), self.tr("This year")]
        )
        self.targets_table.setAccessibleName(self.tr("Your targets"))
        self.targets_table.setHorizontalHeaderLabels(
            [
                self.tr("Target"),
                self.tr("Period"),
                self.tr("Earned"),
                self.tr("Hours"),
                self.tr("Status"),
            ]
        )
        self.target_label.setText(self.tr("Set an annual &target for:"))
        self.target_type.setAccessibleName(self.tr("Competency type of the target"))
        self.target_hours.setAccessibleName(self.tr("Target hours"))
        self.target_hours.setSuffix(self.tr(" h"))
        self.set_target_button.setText(self.tr("&Save target"))
        self.courses_box.setTitle(self.tr("Courses in progress"))
        self.courses_table.setAccessibleName(self.tr("Courses in progress"))
        self.courses_table.setHorizontalHeaderLabels([self.tr("Course"), self.tr("Progress")])
        self.courses_empty.setText(self.tr("No course is in progress."))
        self.sync_box.setTitle(self.tr("Sync"))
        self._fill_type_choices()
        self._fill()

    def _fill_type_choices(self) -> None:
        current = self.target_type.currentData() if self.target_type.count() else "behavioural"
        self.target_type.blockSignals(True)
        self.target_type.clear()
        for code, name in self._type_names().items():
            self.target_type.addItem(name, code)
        self.target_type.setCurrentIndex(max(0, self.target_type.findData(current)))
        self.target_type.blockSignals(False)

    # data

    def refresh(self) -> None:
        """Reload from the facade, off the GUI thread."""
        learner = self._learner
        self.ops.run(lambda: load_dashboard(learner()), self.set_report, self._failed)

    def set_report(self, data: DashboardData) -> None:
        self.data = data
        self.error.hide()
        self._fill()
        self._show_current_target()

    def _failed(self, exc: BaseException) -> None:
        show_inline(self.error, exc)

    def _targets(self) -> dict[str, competencies.TargetStatus]:
        return {t.target.id: t for t in self.data.report.targets} if self.data else {}

    def _fill(self) -> None:
        if self.data is None:
            return
        start, end = self.data.year
        self.plan_box.setTitle(
            self.tr("Annual plan %1–%2")
            .replace("%1", str(start.year))
            .replace("%2", f"{end.year % 100:02d}")
        )
        self._fill_hours()
        self._fill_targets()
        self._fill_courses()
        self._fill_sync()

    def _fill_hours(self) -> None:
        assert self.data is not None
        names, targets = self._type_names(), self._targets()
        bars, rows = [], []
        for kind in TYPES:
            earned = self.data.report.by_type.get(kind, 0.0)
            target = targets.get(annual_id(kind))
            bars.append(self._bar(names[kind], earned, target))
            rows.append(
                [
                    names[kind],
                    hours(earned),
                    hours(target.target.hours) if target else "—",
                    hours(target.earned) if target else "—",
                ]
            )
        self.chart.set_bars(bars)
        fill(self.hours_table, rows, numeric={1, 2, 3})

    def _bar(self, name: str, earned: float, target: competencies.TargetStatus | None) -> Bar:
        value_text = self.tr("%1 h").replace("%1", hours(earned))
        if target is None:
            return Bar(name, earned, value_text)
        target_text = self.tr("target %1 h").replace("%1", hours(target.target.hours))
        return Bar(name, earned, value_text, target.target.hours, target_text)

    def _fill_targets(self) -> None:
        assert self.data is not None
        rows = []
        for status in self.data.report.targets:
            target = status.target
            period = f"{_date(target.start)} – {_date(target.end)}"
            left = max(0.0, target.hours - status.earned)
            state = (
                self.tr("met") if status.met else self.tr("%1 h to go").replace("%1", hours(left))
            )
            rows.append(
                [
                    self._target_name(target),
                    period,
                    hours(status.earned),
                    hours(target.hours),
                    state,
                ]
            )
        fill(self.targets_table, rows, numeric={2, 3})
        self.learning_time.setText(
            self.tr("Time spent learning, all courses: %1 h").replace(
                "%1", hours(self.data.report.learning_hours)
            )
        )

    def _target_name(self, target: competencies.Target) -> str:
        if target.id == competencies.NLW_ID:
            return self.tr("National Learning Week")
        if target.id.startswith("annual-"):
            kind = target.id.removeprefix("annual-")
            name = self._type_names().get(None if kind == "all" else kind, target.label)
            return self.tr("Annual plan: %1").replace("%1", name)
        return target.label

    def _fill_courses(self) -> None:
        assert self.data is not None
        rows = [
            [
                text_in(c.title),
                self.tr("%1 of %2 items (%3%)")
                .replace("%1", str(c.done))
                .replace("%2", str(c.total))
                .replace("%3", str(round(c.fraction * 100))),
            ]
            for c in self.data.in_progress
        ]
        fill(self.courses_table, rows)
        self.courses_table.setVisible(bool(rows))
        self.courses_empty.setVisible(not rows)
        self.completed_label.setText(
            self.tr("Courses completed: %1").replace("%1", str(self.data.completed))
        )

    def _fill_sync(self) -> None:
        assert self.data is not None
        self.pending_label.setText(
            self.tr("Records waiting to sync: %1").replace("%1", str(self.data.pending))
        )
        self.refused_label.setText(
            self.tr("Records the platform refused: %1 (see the sync log)").replace(
                "%1", str(self.data.refused)
            )
        )
        self.refused_label.setVisible(self.data.refused > 0)

    # editing a target

    def _show_current_target(self) -> None:
        """The chosen type's current target, ready to change."""
        target = self._targets().get(annual_id(self.target_type.currentData()))
        self.target_hours.setValue(target.target.hours if target else DEFAULT_TARGET_HOURS)
        self.target_saved.clear()

    def save_target(self) -> None:
        kind: str | None = self.target_type.currentData()
        value = self.target_hours.value()
        label = f"Annual plan ({kind or 'all competencies'})"  # stored; shown translated by id
        learner = self._learner
        self.set_target_button.setEnabled(False)

        def work() -> DashboardData:
            learner().set_target(annual_id(kind), label, value, kind)
            return load_dashboard(learner())

        def done(data: DashboardData) -> None:
            self.set_target_button.setEnabled(True)
            self.set_report(data)
            self.target_saved.setText(self.tr("Target saved."))

        def failed(exc: BaseException) -> None:
            self.set_target_button.setEnabled(True)
            self._failed(exc)

        self.ops.run(work, done, failed)

    def on_shown(self) -> None:
        self.hours_table.setFocus()
        self.refresh()


def _date(day: dt.date) -> str:
    """A date in the window's language (month names in Hindi too)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")
