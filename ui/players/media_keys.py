"""Keyboard shortcuts of a player page, and the controls that keep their own keys.

A player's keys (Left/Right to skip, Page Up/Down to turn pages) work wherever focus is in the
page, even on a button, which would otherwise move focus with the arrows. A control whose own
use of a key matters more (the volume slider's arrows) keeps it: it claims the key first
through Qt's ShortcutOverride, and the shortcut then does not fire.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def page_shortcut(
    page: QWidget, keys: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], object]
) -> QShortcut:
    """A shortcut active while focus is anywhere in `page` (and only then)."""
    shortcut = QShortcut(QKeySequence(keys), page)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class KeepKeys(QObject):
    """Installed on a control: the given keys go to the control, not to page shortcuts."""

    def __init__(self, control: QWidget, keys: Iterable[Qt.Key]) -> None:
        super().__init__(control)
        self.keys = {int(key.value) for key in keys}
        control.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        override = event.type() == QEvent.Type.ShortcutOverride
        if override and isinstance(event, QKeyEvent) and event.key() in self.keys:
            event.accept()  # "this key is mine": Qt delivers it as a key press instead
            return True
        return False
