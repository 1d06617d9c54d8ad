"""Memory after the demo course's HTML lesson was played and closed, against the library shown
idle (bench/memory.py's figure); each in a fresh process, offscreen, in the same run.

    .venv/bin/python bench/memory_after_html.py

The child is the real `kyo` window on an unlocked profile: once the library shows, it opens
the lesson in the web player, scrolls to the end, closes it as the window does (close_item),
waits 2 s and reads /proc. QtWebEngine runs pages in helper processes (zygote, renderer, GPU,
utility): the value is the app's resident memory plus the helpers' proportional share (PSS,
so pages shared between forked helpers count once). A last child closes the lesson but keeps
its view, page and profile (`--keep`): what `WebSurface.release` gives back.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import bench_line, child_env, median, parser, run_child

PASS = "a passphrase for the benchmark"
SETTLE_MS = 2000


# ---- in the child ---------------------------------------------------------------------------


def _proc_kib(pid: int, path: str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/{path}") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [], [root]
    while todo:
        parent = todo.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        todo += children
    return found


def memory_now(label: str) -> None:
    me = os.getpid()
    own = _proc_kib(me, "status", "VmRSS:") / 1024
    helpers = sum(_proc_kib(p, "smaps_rollup", "Pss:") for p in _descendants(me)) / 1024
    print(f"{label}_rss_mib={own:.2f}")
    print(f"{label}_anon_mib={_proc_kib(me, 'smaps_rollup', 'Anonymous:') / 1024:.2f}")
    print(f"{label}_helpers_mib={helpers:.2f}")
    print(f"{label}_helper_count={len(_descendants(me))}")
    sys.stdout.flush()


class _LessonRun:
    """In the child's window: open the lesson, scroll to its end, close it, measure."""

    def __init__(self, app, win, keep: bool) -> None:
        self.app, self.win, self.keep = app, win, keep
        self.player = None

    def play(self, learner) -> None:
        from app.content import DEMO_COURSE_ID
        from ui.players.web import HtmlPlayer

        self.player = HtmlPlayer(self.win.ops, learner, DEMO_COURSE_ID, "lesson")
        self.win.stack.addWidget(self.player)
        self.win.stack.setCurrentWidget(self.player)
        self.wait_loaded()

    def wait_loaded(self) -> None:
        if self.player.load_ok is None:
            _later(20, self.wait_loaded)
            return
        self.player.surface.run_js(
            "window.scrollTo(0, 1e9); 1", lambda _r: _later(1500, self.opened)
        )

    def opened(self) -> None:
        memory_now("open")
        if self.keep:  # what it would cost to keep the view, its page and profile alive
            self.player._drop_surface = lambda: None
        self.player.close_item(self.closed)

    def closed(self) -> None:
        self.win.stack.setCurrentWidget(self.win.library)
        if not self.keep:
            self.win.stack.removeWidget(self.player)
            self.player.deleteLater()
        _later(SETTLE_MS, lambda: (memory_now("closed"), self.app.quit()))


def _later(ms: int, fn) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(ms, fn)


def child(argv: list[str]) -> int:
    """`kyo --profile … --passphrase-stdin`, then the lesson played and closed."""
    from bench._child import patch_exec
    from ui import launcher
    from ui.main_window import MainWindow

    keep = "--keep" in argv
    shown: list[MainWindow] = []
    original_show = MainWindow.show
    MainWindow.show = lambda self: (shown.append(self), original_show(self))[1]

    def poll(app) -> None:
        win = shown[0] if shown else None
        if win is None or win.stack.currentWidget() is not win.library:
            _later(20, lambda: poll(app))
            return
        run = win._bench_run = _LessonRun(app, win, keep)  # Qt holds bound methods weakly
        _later(SETTLE_MS, lambda: (memory_now("library"), win.ops.run(win._learner, run.play)))

    patch_exec(lambda app: _later(0, lambda: poll(app)))
    return launcher.main([a for a in argv if a != "--keep"])


# ---- the benchmark --------------------------------------------------------------------------


def _kyo(home: str, *args: str, stdin: str = "") -> None:
    command = [sys.executable, "-m", "ui", "--home", home, *args]
    subprocess.run(command, input=stdin, text=True, check=True, env=child_env(),
                   capture_output=True)  # fmt: skip


def _played(home: str, *extra: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", "--home", home, "--profile",
         "Bench", "--passphrase-stdin", *extra],
        input=PASS + "\n", capture_output=True, text=True, env=child_env(), timeout=300,
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"the lesson child failed ({result.returncode}):\n{result.stderr}")
    values = {}
    for line in result.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = float(value)
    return values


def _total(values: dict[str, float], label: str) -> float:
    return values[f"{label}_rss_mib"] + values[f"{label}_helpers_mib"]


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as home:
        _kyo(home, "profile", "create", "Bench", "--passphrase-stdin", stdin=PASS + "\n")
        _kyo(home, "demo")
        idle, played, kept = [], [], []
        login = ["--home", home, "--profile", "Bench", "--passphrase-stdin"]
        for _ in range(runs):
            idle.append(run_child("kyo-library-rss", *login, stdin=PASS + "\n")["rss_mib"])
            played.append(_played(home))
        kept.append(_played(home, "--keep"))
    closed = [_total(v, "closed") for v in played]
    c, b = median(closed), median(idle)
    middle = played[closed.index(c)] if c in closed else played[0]
    print(f"library shown, idle:       {b:.1f} MiB  runs {[round(x, 1) for x in idle]}")
    for label, values in (("lesson open", middle), ("lesson closed", middle)):
        key = "open" if label == "lesson open" else "closed"
        print(f"{label + ':':26} {_total(values, key):.1f} MiB  (app {values[key + '_rss_mib']:.1f}"
              f" + {int(values[key + '_helper_count'])} WebEngine helpers "
              f"{values[key + '_helpers_mib']:.1f})")  # fmt: skip
    print(
        f"closed, never released:    {_total(kept[0], 'closed'):.1f} MiB  (app "
        f"{kept[0]['closed_rss_mib']:.1f} + helpers {kept[0]['closed_helpers_mib']:.1f})"
    )
    anon = middle["library_anon_mib"], middle["open_anon_mib"], middle["closed_anon_mib"]
    print(
        f"app's own heap (anonymous): library {anon[0]:.1f}, lesson open {anon[1]:.1f}, closed "
        f"{anon[2]:.1f} MiB; the rest of its RSS is mapped library code (clean, shared)"
    )
    print(f"lesson closed, all runs:   {[round(x, 1) for x in closed]}")
    print(bench_line("memory_after_html", c, "MiB", c / b, "kyo_library_shown_idle"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        sys.exit(child(sys.argv[2:]))
    main()
