"""Players: one page per item kind, opened by the window on a course item.

Every player follows the contract of `ui.players.base.ItemPlayer`, so the window opens any item
the same way. `player_class(kind)` imports a player only when an item of its kind is opened:
QtWebEngine and QtMultimedia cost start-up time and memory that the first window must not pay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.players.base import ItemPlayer

PLAYERS = {  # item kind (course.json) -> "module:Class"
    "video": "ui.players.video:VideoPlayer",
    "pdf": "ui.players.pdf:PdfPlayer",
    "html": "ui.players.web:HtmlPlayer",
    "scorm": "ui.players.web:ScormPlayer",
    "cmi5": "ui.players.cmi5:Cmi5Player",
    "assessment": "ui.players.assessment:AssessmentPlayer",
}


def player_class(kind: str) -> type[ItemPlayer]:
    module, _, name = PLAYERS[kind].partition(":")
    cls: type[ItemPlayer] = getattr(importlib.import_module(module), name)
    return cls
