"""The video player: QMediaPlayer on the course's video file, at the learner's resume point.

What is recorded is what was played: contiguous stretches of media time (`StretchTracker`),
sent through the item's activity on pause, on seek, every 10 s while playing, and on close.
Every core call goes through one `SerialOps`, so the positions reach the database in order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import KyoError
from app.i18n import text_in
from ui.players.base import ItemPlayer
from ui.players.media_keys import KeepKeys, page_shortcut
from ui.players.media_queue import SerialOps
from ui.players.media_stretches import StretchTracker

if TYPE_CHECKING:
    from app.learning import ItemActivity, Learner
    from app.progress import ItemProgress
    from ui.ops import Ops

log = logging.getLogger(__name__)

SPEEDS = (0.75, 1.0, 1.25, 1.5, 2.0)
SKIP_MS = 10_000
SAVE_EVERY_MS = 10_000


@dataclass(frozen=True)
class OpenedVideo:
    """What the player needs to start (made on a worker)."""

    activity: ItemActivity
    title: dict[str, str]
    path: Path
    resume_s: float
    duration_s: float  # from course.json; 0 if it does not say
    progress: ItemProgress


def open_video(learner: Learner, course_id: str, item_id: str) -> OpenedVideo:
    """Worker: open the item (a "launched" event), find its file and where to resume."""
    activity = learner.open_item(course_id, item_id)
    try:
        item = activity.item
        path = learner.content.files.file(course_id, item.src)
        view = learner.course(course_id)
        progress = next(v.progress for v in view.items if v.item.id == item_id)
    except BaseException:
        activity.close()
        raise
    resume = float(progress.resume.get("position", 0.0) or 0.0)
    duration = float(item.extra.get("duration_s", 0) or 0)
    if duration and resume >= duration - 1.0:
        resume = 0.0  # watched to the end: start again from the beginning
    return OpenedVideo(activity, dict(item.title), path, resume, duration, progress)


def clock_text(ms: int) -> str:
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class VideoPlayer(ItemPlayer):
    def __init__(
        self,
        ops: Ops,
        learner: Learner,
        course_id: str,
        item_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, learner, course_id, item_id, parent)
        self.serial = SerialOps(ops)
        self.tracker = StretchTracker()
        self.activity: ItemActivity | None = None
        self.opened: OpenedVideo | None = None
        self.progress: ItemProgress | None = None
        self.saved_position = 0.0
        self.problem: str | None = None  # "open" or "play": why nothing can be shown
        self._problem_detail = ""
        self._pending_seek_ms: int | None = None
        self._closing = False
        self._build_media()
        self._build_widgets()
        self._layout()
        self.save_timer = QTimer(self)
        self.save_timer.setInterval(SAVE_EVERY_MS)
        self.save_timer.timeout.connect(self.save)
        self._shortcuts()
        self._set_controls_enabled(False)
        self.retranslate()
        self.serial.submit(
            lambda: open_video(learner, course_id, item_id), self._opened, self._open_failed
        )

    # construction

    def _build_media(self) -> None:
        self.media = QMediaPlayer(self)
        self.audio = QAudioOutput(self)  # no sound device: Qt plays the picture silently
        self.media.setAudioOutput(self.audio)
        self.video = QVideoWidget()
        self.video.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do on the picture
        for inner in self.video.findChildren(QWidget):
            inner.installEventFilter(self)  # see eventFilter
        self.media.setVideoOutput(self.video)
        self.media.positionChanged.connect(self._position_changed)
        self.media.durationChanged.connect(self._duration_changed)
        self.media.playbackStateChanged.connect(self._state_changed)
        self.media.mediaStatusChanged.connect(self._status_changed)
        self.media.errorOccurred.connect(self._media_error)

    def _build_widgets(self) -> None:
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)  # relative: follows the system font
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.status = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.screen = QStackedWidget()
        self.screen.addWidget(self.video)
        self.screen.addWidget(self.message)
        self.screen.setMinimumHeight(self.fontMetrics().height() * 12)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setSingleStep(SKIP_MS)  # arrow keys on the slider skip like Left/Right
        self.slider.setPageStep(6 * SKIP_MS)
        self.slider.setTracking(False)  # a mouse drag seeks once, where it is let go
        self.slider.valueChanged.connect(self.seek_to)
        self.time = QLabel(clock_text(0))
        self.back_button, self.play_button = QPushButton(), QPushButton()
        self.rewind_button, self.forward_button = QPushButton(), QPushButton()
        self.mute_button = QPushButton()
        self.back_button.clicked.connect(self.finished)
        self.play_button.clicked.connect(self.toggle_play)
        self.rewind_button.clicked.connect(lambda: self.skip(-SKIP_MS))
        self.forward_button.clicked.connect(lambda: self.skip(SKIP_MS))
        self.mute_button.clicked.connect(self.toggle_mute)
        self.speed = QComboBox()
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(self._speed_changed)
        self.speed_label = QLabel()
        self.speed_label.setBuddy(self.speed)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.volume.valueChanged.connect(lambda v: self.audio.setVolume(v / 100))
        self.volume_label = QLabel()
        self.volume_label.setBuddy(self.volume)

    def _layout(self) -> None:
        seek_row = QHBoxLayout()
        seek_row.addWidget(self.slider, 1)
        seek_row.addWidget(self.time)
        buttons = QHBoxLayout()
        for widget in (self.back_button, self.rewind_button, self.play_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.forward_button)
        buttons.addStretch(1)
        for widget in (self.speed_label, self.speed, self.volume_label, self.volume):
            buttons.addWidget(widget)
        buttons.addWidget(self.mute_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.screen, 1)
        layout.addLayout(seek_row)
        layout.addLayout(buttons)
        # Tab order follows what a learner does most: play, skip, seek, then the rest.
        order = (self.play_button, self.rewind_button, self.forward_button, self.slider)
        order += (self.speed, self.volume, self.mute_button, self.back_button)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _shortcuts(self) -> None:
        page_shortcut(self, QKeySequence.StandardKey.Cancel, self.finished.emit)
        page_shortcut(self, "Left", lambda: self.skip(-SKIP_MS))
        page_shortcut(self, "Right", lambda: self.skip(SKIP_MS))
        page_shortcut(self, "M", self.toggle_mute)
        KeepKeys(self.volume, (Qt.Key.Key_Left, Qt.Key.Key_Right))  # its arrows set the volume

    def retranslate(self) -> None:
        self.title.setText(text_in(self.opened.title) if self.opened else self.tr("Video"))
        self.back_button.setText(self.tr("&Back"))
        self.back_button.setToolTip(self.tr("Back to the course (Esc)"))
        self.rewind_button.setText(self.tr("« 10 s"))
        self.rewind_button.setAccessibleName(self.tr("Back 10 seconds"))
        self.rewind_button.setToolTip(self.tr("Back 10 seconds (Left arrow)"))
        self.forward_button.setText(self.tr("10 s »"))
        self.forward_button.setAccessibleName(self.tr("Forward 10 seconds"))
        self.forward_button.setToolTip(self.tr("Forward 10 seconds (Right arrow)"))
        self.speed_label.setText(self.tr("&Speed:"))
        self.speed.setAccessibleName(self.tr("Playback speed"))
        self.volume_label.setText(self.tr("&Volume:"))
        self.volume.setAccessibleName(self.tr("Volume"))
        self.slider.setAccessibleName(self.tr("Position in the video"))
        self.video.setAccessibleName(self.tr("Video"))
        self._show_play_state()
        self._show_mute_state()
        self._show_progress_text()
        self._show_problem()

    # loading

    def _opened(self, opened: OpenedVideo) -> None:
        self.opened, self.activity, self.progress = opened, opened.activity, opened.progress
        self.saved_position = opened.resume_s
        self.retranslate()
        if self._closing:
            return  # close_item runs next in the queue and closes the activity
        self._pending_seek_ms = int(opened.resume_s * 1000)
        self._show_time(self._pending_seek_ms)
        self.media.setSource(QUrl.fromLocalFile(str(opened.path)))
        self._set_controls_enabled(True)
        if self.back_button.hasFocus():  # the placeholder focus from before it was ready
            self.play_button.setFocus()

    def _open_failed(self, exc: BaseException) -> None:
        self._set_problem("open", _message(exc))
        if not isinstance(exc, KyoError):
            self.serial.report(exc)  # a defect: the window's presenter says so

    def _status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._pending_seek_ms:
            position, self._pending_seek_ms = self._pending_seek_ms, None
            self.media.setPosition(position)  # the resume point: not a seek by the learner
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self.problem is None:
            self._media_error(QMediaPlayer.Error.FormatError, self.media.errorString())

    def _media_error(self, _error: QMediaPlayer.Error, detail: str) -> None:
        if self.problem == "play":
            return  # errorOccurred and InvalidMedia both report it
        log.warning("video %s/%s cannot be played: %s", self.course_id, self.item_id, detail)
        self._set_problem("play", detail)
        self._set_controls_enabled(False)

    def _set_problem(self, kind: str, detail: str) -> None:
        self.problem, self._problem_detail = kind, detail
        self._show_problem()

    def problem_text(self) -> str:
        if self.problem == "open":
            return self.tr("This video cannot be opened.")
        return self.tr("This video cannot be played on this computer.")

    def _show_problem(self) -> None:
        """Instead of a black box, say why there is nothing to see (and Qt's reason)."""
        if self.problem is None:
            self.screen.setCurrentWidget(self.video)
            return
        text = self.problem_text()
        self.message.setText(f"{text}\n\n{self._problem_detail}".strip())
        self.message.setAccessibleName(text)
        self.screen.setCurrentWidget(self.message)

    def _set_controls_enabled(self, enabled: bool) -> None:
        controls = (self.play_button, self.rewind_button, self.forward_button, self.slider)
        if not enabled and self.focusWidget() in controls:
            self.back_button.setFocus()  # focus must not vanish with the controls
        for widget in controls:
            widget.setEnabled(enabled)

    # playback

    def playing(self) -> bool:
        return self.media.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def toggle_play(self) -> None:
        if self.opened is None or self.problem is not None:
            return
        if self.playing():
            self.media.pause()
        else:
            self.media.play()

    def skip(self, delta_ms: int) -> None:
        self.seek_to(self.media.position() + delta_ms)

    def seek_to(self, position_ms: int) -> None:
        """A seek by the learner: what was played so far is one stretch, recorded now."""
        if self.opened is None or self.problem is not None:
            return
        duration = self.media.duration()
        position_ms = max(0, min(position_ms, duration if duration > 0 else position_ms))
        self.tracker.cut()
        self._pending_seek_ms = None
        self.media.setPosition(position_ms)
        self._show_time(position_ms)
        self.save()

    def toggle_mute(self) -> None:
        self.audio.setMuted(not self.audio.isMuted())
        self._show_mute_state()

    def _speed_changed(self, index: int) -> None:
        self.tracker.cut()  # the stretch goes on at the new rate (the core joins the two)
        self.media.setPlaybackRate(float(self.speed.itemData(index)))

    def _position_changed(self, position_ms: int) -> None:
        if self.playing():
            self.tracker.reached(position_ms / 1000, self.media.playbackRate())
        self._show_time(position_ms)

    def _duration_changed(self, duration_ms: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, duration_ms))
        self.slider.blockSignals(False)
        self._show_time(self.media.position())

    def _state_changed(self, _state: QMediaPlayer.PlaybackState) -> None:
        self._show_play_state()
        if self.playing():
            self.save_timer.start()
        else:
            self.save_timer.stop()
            self.save()

    def _show_time(self, position_ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(position_ms)
            self.slider.blockSignals(False)
        duration = self.media.duration() or int(self._known_duration() * 1000)
        self.time.setText(f"{clock_text(position_ms)} / {clock_text(duration)}")

    def _known_duration(self) -> float:
        return self.opened.duration_s if self.opened else 0.0

    def _show_play_state(self) -> None:
        if self.playing():
            self.play_button.setText(self.tr("&Pause"))
            self.play_button.setToolTip(self.tr("Pause (Space)"))
        else:
            self.play_button.setText(self.tr("&Play"))
            self.play_button.setToolTip(self.tr("Play (Space)"))

    def _show_mute_state(self) -> None:
        muted = self.audio.isMuted()
        self.mute_button.setText(self.tr("Un&mute") if muted else self.tr("&Mute"))
        self.mute_button.setToolTip(self.tr("Sound on (M)") if muted else self.tr("Sound off (M)"))

    def _show_progress_text(self) -> None:
        p = self.progress
        if p is None:
            self.status.clear()
        elif p.completed:
            self.status.setText(self.tr("Completed: you have watched this video."))
        else:
            percent = str(round(p.fraction * 100))
            self.status.setText(self.tr("%1% watched").replace("%1", percent))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The picture's embedded window can take focus when it is first shown (offscreen,
        and where a window system activates new windows): give focus back to the controls."""
        if event.type() == QEvent.Type.FocusIn and watched is not self:
            QTimer.singleShot(0, self, self.on_shown)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space plays or pauses where the focused control has no use for it (a button
        clicks itself, which is the standard way and does the same on Play)."""
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.toggle_play()
            event.accept()
            return
        super().keyPressEvent(event)

    # recording

    def save(self, *, with_position: bool = False) -> None:
        """Record the stretches played since the last save (and, on close, where we are)."""
        activity = self.activity
        if activity is None:
            return
        stretches = self.tracker.take(self.playing())
        position = self.media.position() / 1000
        if not stretches and not (with_position and abs(position - self.saved_position) > 0.5):
            return
        self.saved_position = position
        duration = self.media.duration() / 1000 or self._known_duration()

        def work() -> ItemProgress:
            done = [
                activity.watched(a, b, position=position, duration_s=duration or None)
                for a, b in stretches or [(position, position)]  # (p, p): the position only
            ]
            return done[-1]

        self.serial.submit(work, self._recorded)

    def _recorded(self, progress: ItemProgress) -> None:
        self.progress = progress
        self._show_progress_text()

    def close_item(self, done: Callable[[], None]) -> None:
        """Pause, record what is left, release the file, close the activity, then done()."""
        self._closing = True
        self.save_timer.stop()
        if self.playing():
            self.media.pause()  # its state change records the stretch in progress
        self.save(with_position=True)
        self.media.stop()
        self.media.setSource(QUrl())

        def close_activity() -> None:
            activity, self.activity = self.activity, None
            if activity is not None:
                self.serial.submit(activity.close)
            self.serial.then(done)

        self.serial.then(close_activity)

    def on_shown(self) -> None:
        # Until the video is ready, Back is the one thing to do.
        (self.play_button if self.play_button.isEnabled() else self.back_button).setFocus()


def _message(exc: BaseException) -> str:
    return exc.message if isinstance(exc, KyoError) else str(exc)
