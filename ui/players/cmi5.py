"""The cmi5 player: an AU of a `cmi5` item, launched as cmi5 prescribes, in QtWebEngine.

    Cmi5Player(ops, learner, course_id, item_id)   the first AU not yet satisfied

The AU's files come from the content store through the `kyo-content:` scheme; its URL carries
the launch parameters (endpoint, fetch, actor, registration, activityId) of the core's local
xAPI endpoint on 127.0.0.1 (app/cmi5), which the AU's own JavaScript talks to. The player is
the AU's window, for launchMethod OwnWindow too: a desktop app has no other window to give it,
and an AU window the learner cannot lose behind the app is what OwnWindow is for. When the AU
exits it goes to the returnURL, a player endpoint: the learner is back on the course page.
Closing the player early stops the endpoint, and the session is recorded as abandoned.
An AU whose url is on the web (not in the package) is not launched: the player stays offline
and says so, and the learner can still choose another AU of the item.

An item with several AUs shows a list of them above the content; choosing one ends the
running session and launches that one.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.i18n import current_language, text_in
from ui.players.web import WebPlayer
from ui.players.web_engine import bridge_url, content_base

if TYPE_CHECKING:
    from app.learning import Learner
    from app.learning_cmi5 import Cmi5Launch
    from ui.ops import Ops

RETURN = "cmi5-return"  # the endpoint named as the AU's returnURL
UNLOAD_WAIT_TICKS = 40  # × 50 ms: how long an AU may take to terminate when its window goes
RETURN_PAGE = b"<!doctype html><meta charset=utf-8><title>Karmayogi Offline</title>"
WEB_AU = "cmi5-web-au"  # the page shown instead of an AU that is on the web


@dataclass
class _Launched:
    launch: Cmi5Launch
    url: str | None  # the AU's URL with the launch parameters; None: on the web, not launched
    aus: list[tuple[str, dict[str, str]]]  # every AU of the item: id, title
    satisfied: set[str]


class Cmi5Player(WebPlayer):
    """A `cmi5` item: one AU session at a time against the local endpoint."""

    def __init__(
        self,
        ops: Ops,
        learner: Learner,
        course_id: str,
        item_id: str,
        parent: QWidget | None = None,
        *,
        au_id: str | None = None,
        launch_mode: str = "Normal",
    ) -> None:
        self.au_id, self.launch_mode = au_id, launch_mode
        self.launched: _Launched | None = None
        self._returned = False
        self.au_label = QLabel()
        self.au_box = QComboBox()
        self.au_label.setBuddy(self.au_box)
        super().__init__(ops, learner, course_id, item_id, parent)
        self.bar.insertWidget(2, self.au_label)
        self.bar.insertWidget(3, self.au_box)
        self.au_label.hide()
        self.au_box.hide()
        self.au_box.activated.connect(self._chosen)

    def retranslate(self) -> None:
        super().retranslate()
        self.au_label.setText(self.tr("&Activity:"))
        self.au_box.setAccessibleName(self.tr("Activity to open"))
        self.au_box.setToolTip(self.tr("This item has several activities: choose one to open"))
        self._fill_aus()

    # the WebPlayer steps

    def prepare(self) -> _Launched:
        """On a worker: the registration and session, the launch documents, the endpoint."""
        launch = self.learner.cmi5(
            self.course_id, self.item_id, self.au_id,
            launch_mode=self.launch_mode, return_url=bridge_url(RETURN),
        )  # fmt: skip
        try:
            # An AU on the web would need the internet and a page outside the content store:
            # not launched (no "launched" statement for a session that cannot run).
            url = None if launch.au.absolute else launch.start(content_base(self.course_id))
        except BaseException:
            launch.stop()
            raise
        aus = [(au.id, dict(au.title)) for au in launch.structure.aus]
        return _Launched(launch, url, aus, launch.stores.satisfied())

    def discard(self, prepared: _Launched) -> None:
        prepared.launch.stop()

    def start(self, prepared: _Launched) -> None:
        from ui.players.web_scheme import Endpoint

        assert self.surface is not None
        self.launched, self._returned = prepared, False
        self.au_id = prepared.launch.au.id
        au_title = text_in(dict(prepared.launch.au.title), current_language())
        item_title = dict(prepared.launch.item.title)
        self.title = item_title if len(prepared.aus) == 1 else {"": au_title}
        self.surface.handler.add_endpoint(
            RETURN, Endpoint(lambda _query: ("text/html", RETURN_PAGE), False, self._returned_to)
        )
        if prepared.url is None:
            page = self._web_au_page(au_title)
            self.surface.handler.add_endpoint(WEB_AU, Endpoint(lambda _q: ("text/html", page),
                                                               False))  # fmt: skip
            self.surface.load(bridge_url(WEB_AU))
        else:
            self.surface.load(prepared.url)
        self._fill_aus()

    def _web_au_page(self, au_title: str) -> bytes:
        """Why the AU does not open, in the learner's language, where the AU would be."""
        text = self.tr("“%1” is on the web, not in this download: it cannot be opened offline.")
        text = text.replace("%1", au_title)
        return (
            f'<!doctype html><html lang="{html.escape(current_language())}"><meta charset=utf-8>'
            '<meta name="color-scheme" content="light dark">'
            f"<title>{html.escape(au_title)}</title>"
            f'<p role="status" style="font: 1.1em sans-serif; margin: 2em">{html.escape(text)}'
        ).encode()

    def _returned_to(self) -> None:
        """The AU exited to its returnURL: the learner is done with it."""
        if not self._returned and not self._closed:
            self._returned = True
            QTimer.singleShot(0, self.finished.emit)

    def wind_down(self, then: Callable[[], None]) -> None:
        """Let the AU's own unload handlers end its session (as a browser window closing
        would), then stop the endpoint off the GUI thread: a session that did not terminate
        by then is recorded as abandoned."""
        launched = self.launched
        if launched is None:
            then()
            return
        session = launched.launch.session

        def stop() -> None:
            self._run_serial(launched.launch.stop, then)

        if not session.active or self.surface is None or self._returned:
            stop()
            return
        from ui.players.scorm_bridge import UNLOAD_JS

        waited = [0]

        def wait_for_the_au() -> None:  # its terminated goes out asynchronously
            waited[0] += 1
            if session.active and waited[0] < UNLOAD_WAIT_TICKS:
                QTimer.singleShot(50, self, wait_for_the_au)
            else:
                stop()

        self.surface.run_js(UNLOAD_JS, lambda _frames: wait_for_the_au())

    # several AUs

    def _fill_aus(self) -> None:
        launched = self.launched
        many = launched is not None and len(launched.aus) > 1
        self.au_label.setVisible(many)
        self.au_box.setVisible(many)
        if not many or launched is None:
            return
        language = current_language()
        self.au_box.blockSignals(True)
        self.au_box.clear()
        for au_id, title in launched.aus:
            done = self.tr("%1 (done)").replace("%1", text_in(title, language))
            self.au_box.addItem(done if au_id in launched.satisfied else text_in(title, language),
                                au_id)  # fmt: skip
        self.au_box.setCurrentIndex(max(0, self.au_box.findData(self.au_id)))
        self.au_box.blockSignals(False)

    def _chosen(self, index: int) -> None:
        au_id = self.au_box.itemData(index)
        if au_id == self.au_id or self._closed or self.surface is None or not self._started:
            return
        self.au_id = au_id
        self.au_box.setEnabled(False)
        self._started = False  # a close meanwhile waits for _relaunch, as while opening
        self.wind_down(self._relaunch)

    def _relaunch(self) -> None:
        """The last session has ended: open the chosen AU as if the item opened again."""
        self._drop_surface()
        self.launched, self._started, self.load_ok = None, False, None
        self.au_box.setEnabled(True)
        if self._closed:  # closed meanwhile: close_item's wind-down finishes it
            self._done()
            return
        self.placeholder.show()
        self.ops.run(self._prepare_off_gui, self._prepared, self._prepare_failed)
