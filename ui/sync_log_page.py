"""The sync log: each sync round (when, records sent, fetched, refused, how it ended and why),
newest first; and the records the platform refused, with its reason. Nothing refused is ever
dropped: it stays here until someone deals with it.

The page loads itself through the ops layer when shown and on `refresh()` (F5): `load_log`
runs on a worker and returns plain data, `set_log` shows it. "Sync now" (and F9, the window's
key) emits `sync_requested`; the window starts the round and calls `refresh()` when it ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import sync_log
from app.i18n import current_language, text_in
from ui.report_widgets import fill, fit_height, read_only_table, show_inline
from ui.widgets import Page, heading, inline_error

if TYPE_CHECKING:
    from app.learning import Learner
    from ui.ops import Ops

VISIBLE_ROUNDS = 12  # rows before the rounds table scrolls


@dataclass(frozen=True)
class RefusedRecord:
    id: str
    verb: str  # the verb's display name (or the last part of its IRI)
    activity: str  # the activity's name in the learner's language (or its IRI)
    kind: str  # rejected, conflict, too_large
    reason: str  # the server's words


@dataclass(frozen=True)
class SyncLogData:
    rounds: list[sync_log.RoundEntry]
    refused: list[RefusedRecord]


def _name(names: Any, fallback: str) -> str:
    return text_in(names, current_language()) if isinstance(names, dict) and names else fallback


def refused_record(problem: dict[str, Any]) -> RefusedRecord:
    """What the learner can recognise of a refused statement: what was done, to what."""
    statement = problem["statement"]
    verb = statement.get("verb", {})
    verb_id = str(verb.get("id", ""))
    obj = statement.get("object", {})
    activity = _name(obj.get("definition", {}).get("name"), str(obj.get("id", "")))
    return RefusedRecord(
        str(problem["id"]),
        _name(verb.get("display"), verb_id.rsplit("/", 1)[-1]),
        activity,
        str(problem.get("kind") or ""),
        str(problem.get("reason") or ""),
    )


def load_log(learner: Learner) -> SyncLogData:
    """Worker side: the rounds kept in the profile and the records set aside."""
    from app.sync_outbox import ProfileOutbox

    rounds = sync_log.load(learner.session)
    refused = [refused_record(p) for p in ProfileOutbox(learner.session).quarantined()]
    return SyncLogData(rounds, refused)


class SyncLogPage(Page):
    back_requested = Signal()
    sync_requested = Signal()

    def __init__(
        self, ops: Ops, learner: Callable[[], Learner], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops, self._learner = ops, learner
        self.data = SyncLogData([], [])
        self.title = heading()
        self.back_button, self.sync_button = QPushButton(), QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.sync_button.clicked.connect(self.sync_requested)
        self.error = inline_error()
        self.rounds_label, self.refused_label = QLabel(), QLabel()
        self.rounds_table = read_only_table(6, stretch=5)
        self.refused_table = read_only_table(3, stretch=2)
        self.rounds_empty, self.refused_empty = QLabel(), QLabel()
        self.rounds_label.setBuddy(self.rounds_table)
        self.refused_label.setBuddy(self.refused_table)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.back_requested.emit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self._layout()
        self.retranslate()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.sync_button)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        for widget in (self.rounds_label, self.rounds_table, self.rounds_empty):
            layout.addWidget(widget)
        for widget in (self.refused_label, self.refused_table, self.refused_empty):
            layout.addWidget(widget)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sync log"))
        self.sync_button.setText(self.tr("&Sync now"))
        self.sync_button.setToolTip(self.tr("Send and fetch records now (F9)"))
        self.back_button.setText(self.tr("&Back to library"))
        self.rounds_label.setText(self.tr("Sync &rounds, newest first"))
        self.rounds_table.setAccessibleName(self.tr("Sync rounds, newest first"))
        self.rounds_table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Sent"),
                self.tr("Fetched"),
                self.tr("Refused"),
                self.tr("Result"),
                self.tr("Problem"),
            ]
        )
        self.rounds_empty.setText(self.tr("No sync round yet on this computer."))
        self.refused_label.setText(self.tr("Records the platform re&fused"))
        self.refused_table.setAccessibleName(self.tr("Records the platform refused"))
        self.refused_table.setHorizontalHeaderLabels(
            [self.tr("What"), self.tr("Activity"), self.tr("The platform's reason")]
        )
        self.refused_empty.setText(self.tr("The platform has refused nothing."))
        self._fill()

    # data

    def refresh(self) -> None:
        """Reload from the profile, off the GUI thread."""
        learner = self._learner
        self.ops.run(lambda: load_log(learner()), self.set_log, self._failed)

    def set_log(self, data: SyncLogData) -> None:
        self.data = data
        self.error.hide()
        self._fill()

    def _failed(self, exc: BaseException) -> None:
        show_inline(self.error, exc)

    def _fill(self) -> None:
        rows = [
            [
                _when(e.started_at),
                str(e.sent),
                str(e.pulled),
                str(e.refused),
                self._outcome(e),
                self._problem(e),
            ]
            for e in self.data.rounds
        ]
        fill(self.rounds_table, rows, numeric={1, 2, 3})
        for r, entry in enumerate(self.data.rounds):
            if entry.error:  # the full technical detail, for whoever helps the learner
                self.rounds_table.item(r, 5).setToolTip(entry.error)
        self.rounds_table.resizeRowsToContents()
        fit_height(self.rounds_table, VISIBLE_ROUNDS)
        self.rounds_table.setVisible(bool(rows))
        self.rounds_empty.setVisible(not rows)
        refused = [
            [
                r.verb,
                r.activity,
                f"{self._kind(r.kind)}: {_reason(r.reason)}" if r.reason else r.kind,
            ]
            for r in self.data.refused
        ]
        fill(self.refused_table, refused)
        for r, record in enumerate(self.data.refused):
            self.refused_table.item(r, 2).setToolTip(record.reason)
        self.refused_table.setVisible(bool(refused))
        self.refused_empty.setVisible(not refused)

    def _outcome(self, entry: sync_log.RoundEntry) -> str:
        if entry.outcome == "waiting" and not entry.stopped:  # it ended well; more came in
            return self.tr("More to send")
        words = {
            "up_to_date": self.tr("Up to date"),
            "waiting": self.tr("Will try again"),
            "offline": self.tr("Platform not reachable"),
            "needs_attention": self.tr("Needs attention"),
            sync_log.FAILED: self.tr("Failed"),
        }
        return words.get(entry.outcome, entry.outcome)

    def _problem(self, entry: sync_log.RoundEntry) -> str:
        """One plain sentence; the technical detail is in the cell's tooltip."""
        why = {
            "auth": self.tr("The platform did not accept the account name or password."),
            "offline": self.tr("No connection to the platform."),
            "gave_up": self.tr("The platform kept failing; sync will try again later."),
            "cancelled": self.tr("Stopped: the profile was locked."),
        }.get(entry.stopped, "")
        if not why and entry.error:  # a failed round or a failed fetch: the words we have
            why = _short(entry.error)
        parts = [why] if why else []
        if entry.refused:
            parts.append(self.tr("Refused records are listed below."))
        elif entry.outcome == "needs_attention" and not entry.stopped:
            parts.append(self.tr("Records refused earlier are listed below."))
        elif entry.outcome == "waiting" and not why:  # learning went on while it ran
            parts.append(self.tr("Records made during this round go in the next one, soon."))
        return " ".join(parts)

    def _kind(self, kind: str) -> str:
        return {
            "rejected": self.tr("refused"),
            "conflict": self.tr("conflict (a fault in this app; please report it)"),
            "too_large": self.tr("too large"),
        }.get(kind, kind)

    def on_shown(self) -> None:
        self.sync_button.setFocus()
        self.refresh()


# A validation error as FastAPI-based LRSs (Ralph) word it: [{"loc": [..., "actor"], "msg": ...}]
_VALIDATION = re.compile(r'"loc":\s*\[([^\]]*)\],\s*"msg":\s*"([^"]*)"')


def _reason(text: str) -> str:
    """The server's reason, readable: "actor: Field required" out of a validation error
    (the whole answer, often cut short when it was stored, stays in the tooltip)."""
    found = [(loc.split(",")[-1].strip().strip('"'), msg) for loc, msg in _VALIDATION.findall(text)]
    if found:
        return "; ".join(f"{field}: {msg}" for field, msg in found)
    return _short(text)


def _short(text: str, limit: int = 160) -> str:
    """The first line of a server's or library's message, cut to fit a table cell."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _when(iso: str) -> str:
    """The round's start in local time, in the window's language."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return iso
    return QLocale().toString(moment.toLocalTime(), "d MMM yyyy, HH:mm")
