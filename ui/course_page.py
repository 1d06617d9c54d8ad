"""One course: its title, competencies with hours, modules and items with their progress, and
Continue (the facade's resume point: the last item opened if unfinished, else the first one
not done). The window loads the course through `Ops` (`learner.course(id)`) and passes the
`CourseView` to `set_course`; this page never reads the disk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language, text_in
from ui.sizes import hours_text
from ui.widgets import Page, heading

if TYPE_CHECKING:
    from app.learning import CourseView, ItemView, ModuleView

ITEM_ROLE = Qt.ItemDataRole.UserRole  # (item id, kind) on item rows; None on module rows
KIND, STATUS, PROGRESS = 1, 2, 3


def _bar(fraction: float, accessible: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setMinimumWidth(bar.fontMetrics().horizontalAdvance("100%") * 3)  # follows the font
    bar.setRange(0, 100)
    bar.setValue(round(fraction * 100))
    bar.setAccessibleName(accessible)
    return bar


class CoursePage(Page):
    item_requested = Signal(str, str, str)  # course id, item id, item kind
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: CourseView | None = None
        self.title = heading()
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.competencies = QLabel()
        self.competencies.setWordWrap(True)
        self.course_bar = QProgressBar()
        self.course_bar.setRange(0, 100)
        self.course_status = QLabel()
        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self.continue_course)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.back_requested.emit)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.setExpandsOnDoubleClick(False)  # activation folds modules, once
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (KIND, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Item widgets do not size their column: make room for a bar that shows "100%".
        header.setSectionResizeMode(PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(PROGRESS, self.fontMetrics().horizontalAdvance("100%") * 4)
        header.setStretchLastSection(False)
        self._layout()
        self.retranslate()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button)
        progress = QHBoxLayout()
        progress.addWidget(self.course_bar, 2)
        progress.addWidget(self.course_status, 3)
        progress.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.description)
        layout.addWidget(self.competencies)
        layout.addLayout(progress)
        layout.addWidget(self.tree, 1)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("&Back to the library"))
        self.tree.setHeaderLabels(
            [self.tr("Module and item"), self.tr("Kind"), self.tr("Status"), self.tr("Progress")]
        )
        self.tree.setAccessibleName(self.tr("Modules and items"))
        self.tree.setAccessibleDescription(self.tr("Enter opens the selected item."))
        self._fill()

    def set_course(self, view: CourseView) -> None:
        """Show a course and the learner's progress in it (loaded by the caller via ops)."""
        same = self.view is not None and self.view.manifest.id == view.manifest.id
        selected = self.current_item_id() if same else None
        self.view = view
        self._fill(selected or view.resume_item)

    @property
    def course_id(self) -> str | None:
        return None if self.view is None else self.view.manifest.id

    def _fill(self, select: str | None = None) -> None:
        view = self.view
        if view is None:
            return
        select = select or self.current_item_id()
        language = current_language()
        manifest = view.manifest
        self.title.setText(text_in(manifest.title, language))
        self.description.setText(text_in(manifest.description, language))
        self.description.setVisible(bool(manifest.description))
        self.competencies.setText(self._competencies_text(view))
        self._fill_progress(view)
        self.tree.clear()
        by_id = {v.item.id: v for v in view.items}
        for module_view, module in zip(view.modules(), manifest.modules, strict=True):
            top = self._module_row(module_view)
            for item in module.items:
                row = self._item_row(top, by_id[item.id])
                if item.id == select:
                    self.tree.setCurrentItem(row)
            top.setExpanded(True)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _competencies_text(self, view: CourseView) -> str:
        language = current_language()
        types = {
            "behavioural": self.tr("behavioural"),
            "functional": self.tr("functional"),
            "domain": self.tr("domain"),
        }
        parts = [
            self.tr("%1 (%2, %3)")
            .replace("%1", text_in(c.name, language))
            .replace("%2", types.get(c.type, c.type))
            .replace("%3", hours_text(c.hours))
            for c in view.manifest.competencies
        ]
        if not parts:
            return ""
        return self.tr("Competencies: %1").replace("%1", "; ".join(parts))

    def _fill_progress(self, view: CourseView) -> None:
        status = view.status
        self.course_bar.setValue(round(status.fraction * 100))
        if status.status == "completed":
            text = self.tr("Course completed.")
        else:
            text = (self.tr("%1 of %2 items done")
                    .replace("%1", str(status.done)).replace("%2", str(status.total)))  # fmt: skip
        self.course_status.setText(text)
        self.course_bar.setAccessibleName(self.tr("Course progress: %1").replace("%1", text))
        resume = next((v for v in view.items if v.item.id == view.resume_item), None)
        if resume is None:
            self.continue_button.setText(self.tr("&Start again"))
        elif status.done == 0 and resume.progress.status == "not_started":
            self.continue_button.setText(self.tr("&Start"))
        else:
            self.continue_button.setText(self.tr("&Continue"))
        title = text_in(resume.item.title if resume else view.manifest.items[0].title)
        if resume is not None:
            self.course_status.setText(text + " · " + self.tr("next: %1").replace("%1", title))
        self.continue_button.setAccessibleName(self.tr("Open %1").replace("%1", title))
        self.continue_button.setToolTip(title)

    def _module_row(self, module: ModuleView) -> QTreeWidgetItem:
        row = QTreeWidgetItem(
            [text_in(module.title), self.tr("Module"), self._module_status(module)]
        )
        font = row.font(0)
        font.setBold(True)
        row.setFont(0, font)
        row.setData(0, ITEM_ROLE, None)
        self.tree.addTopLevelItem(row)
        fraction = module.done / module.total if module.total else 0.0
        self.tree.setItemWidget(row, PROGRESS, _bar(fraction, row.text(STATUS)))
        return row

    def _module_status(self, module: ModuleView) -> str:
        return (self.tr("%1 of %2 done")
                .replace("%1", str(module.done)).replace("%2", str(module.total)))  # fmt: skip

    def _item_row(self, parent: QTreeWidgetItem, view: ItemView) -> QTreeWidgetItem:
        item = view.item
        row = QTreeWidgetItem(
            [text_in(item.title), self.kind_text(item.kind), self.status_text(view)]
        )
        row.setData(0, ITEM_ROLE, (item.id, item.kind))
        parent.addChild(row)
        self.tree.setItemWidget(row, PROGRESS, _bar(view.progress.fraction, row.text(STATUS)))
        return row

    def kind_text(self, kind: str) -> str:
        kinds = {
            "video": self.tr("Video"),
            "pdf": self.tr("PDF document"),
            "html": self.tr("Lesson"),
            "scorm": self.tr("SCORM module"),
            "cmi5": self.tr("cmi5 activity"),
            "assessment": self.tr("Assessment"),
        }
        return kinds.get(kind, kind)

    def status_text(self, view: ItemView) -> str:
        p = view.progress
        if p.status == "completed":
            text = self.tr("Completed")
        elif p.status == "in_progress":
            text = self.tr("In progress: %1%").replace("%1", str(round(p.fraction * 100)))
        else:
            text = self.tr("Not started")
        if p.success == "passed":
            text += " · " + self.tr("passed")
        elif p.success == "failed":
            text += " · " + self.tr("not passed")
        return text

    def current_item_id(self) -> str | None:
        row = self.tree.currentItem()
        data = row.data(0, ITEM_ROLE) if row is not None else None
        return data[0] if data else None

    # actions

    def _activated(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        data = row.data(0, ITEM_ROLE)
        if data:
            self._open(data[0])
        else:
            row.setExpanded(not row.isExpanded())

    def continue_course(self) -> None:
        """Open where the learner left off (the first item when the course is done)."""
        if self.view is None or not self.view.manifest.items:
            return
        self._open(self.view.resume_item or self.view.manifest.items[0].id)

    def _open(self, item_id: str) -> None:
        assert self.view is not None
        kind = next(v.item.kind for v in self.view.items if v.item.id == item_id)
        self.item_requested.emit(self.view.manifest.id, item_id, kind)

    def on_shown(self) -> None:
        self.tree.setFocus()
