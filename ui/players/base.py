"""What every player is to the window.

    player = player_class(kind)(ops, learner, course_id, item_id)
    window shows it; the player loads what it needs through `ops` (never on the GUI thread)
    and records progress through `ops` as the learner goes;
    player.finished  -> the learner is done with it (Back or Escape)
    player.close_item(done)  -> saves what is left off the GUI thread, then calls done()

The window calls close_item before it leaves the player for any reason (Back, another page,
lock, quit), so nothing the learner did is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.widgets import Page

if TYPE_CHECKING:
    from app.learning import Learner
    from ui.ops import Ops


class ItemPlayer(Page):
    finished = Signal()  # the learner asked to leave the item

    def __init__(
        self,
        ops: Ops,
        learner: Learner,
        course_id: str,
        item_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops, self.learner = ops, learner
        self.course_id, self.item_id = course_id, item_id

    def close_item(self, done: Callable[[], None]) -> None:
        """Save what is left (off the GUI thread), release what the item holds, then done()."""
        done()
