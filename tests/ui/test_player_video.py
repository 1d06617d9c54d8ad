"""The video player on the demo course's real video, in a real profile: QtMultimedia plays it
offscreen (FFmpeg backend; with no sound device the picture plays silently), and what was
played is read back from the profile through the learning facade."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication

from app.content import DEMO_COURSE_ID
from app.core import Core
from app.learning import Learner
from app.progress import ItemProgress
from tests.conftest import PASS
from ui.ops import Ops
from ui.players import player_class
from ui.players.media_stretches import StretchTracker
from ui.players.video import VideoPlayer
from ui.translations import Translations

ITEM = "intro-video"


@pytest.fixture
def learner(core: Core, learner: Learner) -> Learner:
    """The unlocked learner (tests/conftest.py) with the demo course installed."""
    core.content.seed_demo()
    return learner


@pytest.fixture
def ops(qapp: QApplication) -> Iterator[tuple[Ops, list[BaseException]]]:
    """The real ops layer on a worker pool, as in the window; errors are collected."""
    errors: list[BaseException] = []
    pool = Ops(errors.append, ThreadPoolExecutor(max_workers=4))
    yield pool, errors
    pool.shutdown()


def _open(qtbot, ops, learner, course=DEMO_COURSE_ID, item=ITEM) -> VideoPlayer:
    player = player_class("video")(ops[0], learner, course, item)
    assert isinstance(player, VideoPlayer)
    qtbot.addWidget(player)
    player.resize(800, 600)
    player.show()
    player.activateWindow()
    qtbot.waitActive(player)
    player.on_shown()
    return player


def _loaded(qtbot, player: VideoPlayer) -> None:
    qtbot.waitUntil(lambda: player.media.mediaStatus() in _READY, timeout=10_000)
    assert player.slider.maximum() == 32_000  # the demo video's 32 s, from the file


_READY = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key to the focused widget, as a keyboard user would send it."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _play_for(qtbot, player: VideoPlayer, seconds: float) -> float:
    """Space, wait until playback really moves, `seconds` more, Space: the wall time played."""
    _key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(player.playing, timeout=5000)
    start = time.monotonic()
    qtbot.wait(int(seconds * 1000))
    _key(qtbot, Qt.Key.Key_Space)
    elapsed = time.monotonic() - start
    assert not player.playing()
    return elapsed


def _progress(learner: Learner) -> ItemProgress:
    view = learner.course(DEMO_COURSE_ID)
    return next(v.progress for v in view.items if v.item.id == ITEM)


def _saved(qtbot, player: VideoPlayer) -> None:
    qtbot.waitUntil(lambda: player.serial.idle, timeout=5000)


def test_play_pause_seek_records_stretches_and_reopens_there(qtbot, ops, learner) -> None:
    player = _open(qtbot, ops, learner)
    _loaded(qtbot, player)
    assert player.title.text() == "Four habits of good service (video)"
    assert QApplication.focusWidget() is player.play_button
    assert player.media.position() == 0

    _play_for(qtbot, player, 1.5)
    _saved(qtbot, player)
    first = _progress(learner)
    [[start, end]] = first.detail["ranges"]
    assert start < 0.3 and 1.2 <= end <= 3.5
    assert first.resume["position"] == pytest.approx(end, abs=0.3)
    assert first.status == "in_progress" and "watched" in player.status.text()

    _key(qtbot, Qt.Key.Key_Right)  # +10 s: a seek starts a new stretch
    qtbot.waitUntil(lambda: player.media.position() >= end * 1000 + 9000, timeout=3000)
    _play_for(qtbot, player, 1.5)
    _saved(qtbot, player)
    ranges = _progress(learner).detail["ranges"]
    assert len(ranges) == 2, ranges
    assert ranges[0] == [start, end]
    assert ranges[1][0] == pytest.approx(end + 10, abs=0.5) and ranges[1][1] > ranges[1][0] + 1
    position = _progress(learner).resume["position"]
    assert position == pytest.approx(ranges[1][1], abs=0.3)

    closed: list[bool] = []
    player.close_item(lambda: closed.append(True))
    qtbot.waitUntil(lambda: closed == [True], timeout=5000)
    assert player.activity is None and not ops[1]
    assert player.media.source().isEmpty()  # the file is released
    verbs = [s["verb"]["id"] for s in learner.pending_statements()]
    assert sum(v.endswith("launched") for v in verbs) == 1

    again = _open(qtbot, ops, learner)
    _loaded(qtbot, again)
    qtbot.waitUntil(lambda: abs(again.media.position() - position * 1000) < 600, timeout=5000)
    assert not ops[1]


def test_speed_2x_records_media_time_not_wall_time(qtbot, ops, learner) -> None:
    player = _open(qtbot, ops, learner)
    _loaded(qtbot, player)
    player.speed.setFocus()
    _key(qtbot, Qt.Key.Key_End)  # the last speed: 2x
    assert player.speed.currentText() == "2×" and player.media.playbackRate() == 2.0
    player.play_button.setFocus()
    wall = _play_for(qtbot, player, 2.0)
    _saved(qtbot, player)
    [[start, end]] = _progress(learner).detail["ranges"]
    # Media seconds: about twice the wall time it took (start-up latency makes it a bit less).
    assert 1.5 * wall <= end - start <= 2.3 * wall, (start, end, wall)


def test_saves_every_interval_while_playing(qtbot, ops, learner) -> None:
    player = _open(qtbot, ops, learner)
    _loaded(qtbot, player)
    player.save_timer.setInterval(600)  # 10 s in use: the same timer, sooner
    _key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(_progress(learner).detail.get("ranges")), timeout=5000)
    assert player.playing()  # recorded while it plays, not only on pause
    qtbot.waitUntil(lambda: len(_progress(learner).detail["ranges"]) == 1, timeout=3000)
    first_end = _progress(learner).detail["ranges"][0][1]
    qtbot.waitUntil(lambda: _progress(learner).detail["ranges"][0][1] > first_end, timeout=5000)
    assert len(_progress(learner).detail["ranges"]) == 1  # periodic saves split no stretch
    closed: list[bool] = []
    player.close_item(lambda: closed.append(True))
    qtbot.waitUntil(lambda: closed == [True], timeout=5000)


def test_keys_mute_back_and_hindi(qtbot, qapp, ops, learner) -> None:
    player = _open(qtbot, ops, learner)
    _loaded(qtbot, player)
    translations = Translations(qapp)
    try:
        translations.apply("hi")  # LanguageChange is posted: the page re-sets its texts
        hindi = "अच्छी सेवा की चार आदतें (वीडियो)"
        qtbot.waitUntil(lambda: player.title.text() == hindi, timeout=2000)
    finally:
        translations.apply("en")
    qtbot.waitUntil(lambda: player.title.text().startswith("Four habits"), timeout=2000)
    _key(qtbot, Qt.Key.Key_M)
    assert player.audio.isMuted() and player.mute_button.text() == "Un&mute"
    _key(qtbot, Qt.Key.Key_M)
    assert not player.audio.isMuted()
    _key(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # the Volume label's mnemonic
    assert QApplication.focusWidget() is player.volume
    _key(qtbot, Qt.Key.Key_Left)
    assert player.volume.value() < 100 and player.audio.volume() < 1.0
    with qtbot.waitSignal(player.finished, timeout=1000):
        _key(qtbot, Qt.Key.Key_Escape)


def test_a_file_that_cannot_play_says_so(qtbot, ops, core: Core, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    (folder / "video").mkdir(parents=True)
    (folder / "video" / "clip.mp4").write_bytes(b"this is not a video " * 100)
    item = {"id": "clip", "kind": "video", "title": {"en": "Clip"}, "src": "video/clip.mp4"}
    doc = {
        "format": "kyo-course/1",
        "id": "urn:test:broken-video",
        "version": "1",
        "title": {"en": "Broken"},
        "languages": ["en"],
        "modules": [{"id": "m", "title": {"en": "M"}, "items": [item]}],
    }
    (folder / "course.json").write_text(json.dumps(doc))
    core.content.install(str(folder))
    core.profiles.create("Ravi", PASS)
    with core.profiles.unlock("Ravi", PASS) as session:
        player = _open(qtbot, ops, core.learner(session), "urn:test:broken-video", "clip")
        qtbot.waitUntil(lambda: player.problem == "play", timeout=10_000)
        assert player.screen.currentWidget() is player.message
        assert player.message.text().startswith("This video cannot be played on this computer.")
        assert not player.play_button.isEnabled()
        closed: list[bool] = []
        player.close_item(lambda: closed.append(True))
        qtbot.waitUntil(lambda: closed == [True], timeout=5000)


def test_stretch_tracker_tells_playback_from_seeks() -> None:
    """The rule behind the recordings, on a clock the test moves: media time at any rate."""
    now = [0.0]
    tracker = StretchTracker(clock=lambda: now[0])
    for step in range(5):  # 2x: 0.4 media seconds per 0.2 s of wall time is still playback
        now[0] = step * 0.2
        tracker.reached(step * 0.4, rate=2.0)
    assert tracker.take(playing=True) == [(0.0, 1.6)]  # split for a periodic save …
    now[0] = 1.0
    tracker.reached(2.0, rate=2.0)  # … and it goes on from where it was split
    now[0] = 1.1
    tracker.reached(12.0, rate=2.0)  # 10 s ahead in 0.1 s: a seek the player did not make
    now[0] = 1.3
    tracker.reached(12.4, rate=2.0)
    now[0] = 1.4
    tracker.reached(5.0, rate=2.0)  # backwards: a seek too
    assert tracker.take(playing=False) == [(1.6, 2.0), (12.0, 12.4)]
    assert not tracker.open
