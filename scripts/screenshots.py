"""Screenshots of every screen, in English and Hindi, into docs/screenshots/.

Runs the real window on a real X server (Xvfb), with a throw-away data root:
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core import Core  # noqa: E402
from app.paths import Paths  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import ImmediateExecutor  # noqa: E402
from ui.qtapp import build_window  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASS = "screenshot passphrase"


def settle(app: QApplication, ms: int = 150) -> None:
    loop_done = []
    QTimer.singleShot(ms, lambda: loop_done.append(True))
    while not loop_done:
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def screens(win: MainWindow, core: Core) -> list[tuple[str, Callable[[], QWidget]]]:
    def picker_empty() -> QWidget:
        win.show_picker()
        return win

    def create() -> QWidget:
        win.show_create()
        win.create_page.name_field.setText("अनीता शर्मा")
        win.create_page.passphrase_field.setText(PASS)
        return win

    def picker() -> QWidget:
        for name in ("Asha Devi", "अनीता शर्मा", "Ravi Kumar"):
            if not any(p.name == name for p in core.profiles.all()):
                core.profiles.create(name, PASS)
        win.show_picker()
        return win

    def unlock_error() -> QWidget:
        win.show_unlock("Asha Devi")
        win.unlock("Asha Devi", "wrong passphrase")
        return win

    def library() -> QWidget:
        core.content.seed_demo()
        win.show_unlock("Asha Devi")
        win.unlock("Asha Devi", PASS)
        return win

    def certificates() -> QWidget:
        _complete_demo(core, "Asha Devi")
        win.show_certificates()
        settle(QApplication.instance(), 1500)  # the preview renders off the GUI thread
        return win

    def settings() -> QWidget:
        win.open_settings()
        return win.settings_dialog

    return [
        ("picker-empty", picker_empty),
        ("create-profile", create),
        ("picker", picker),
        ("unlock-wrong-passphrase", unlock_error),
        ("library", library),
        ("certificates", certificates),
        ("settings", settings),
    ]


def _complete_demo(core: Core, name: str) -> None:
    """Complete the demo course as `name`, so there is a certificate to show."""
    from app.content import DEMO_COURSE_ID

    with core.profiles.unlock(name, PASS) as session:
        learner = core.learner(session)
        if learner.certificates():
            return
        with learner.open_item(DEMO_COURSE_ID, "intro-video") as video:
            video.watched(0, 32, position=32)
        with learner.open_item(DEMO_COURSE_ID, "lesson") as lesson:
            lesson.lesson(1.0)
        with learner.open_item(DEMO_COURSE_ID, "handout") as pdf:
            for page in (1, 2, 3):
                pdf.page(page)
        quiz = learner.start_assessment(DEMO_COURSE_ID, "final-quiz")
        answers = {"q1": "b", "q2": ["a", "b", "d"], "q3": True, "q4": 6, "q5": "citizen's charter"}
        for qid, value in answers.items():
            quiz.answer(qid, value)
        quiz.submit()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    for language in ("en", "hi"):
        with tempfile.TemporaryDirectory() as home:
            core = Core(Paths(Path(home)))
            win = build_window(app, core, language=language, executor=ImmediateExecutor())
            win.resize(900, 600)
            win.show()
            for name, show in screens(win, core):
                widget = show()
                shoot(app, widget, f"{name}-{language}")
                if widget is not win:
                    widget.close()
            win.lock()
            win.close()
            settle(app)


if __name__ == "__main__":
    main()
