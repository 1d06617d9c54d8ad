"""Opening the content database when several openers start at the same moment on a new
machine: lab PCs start the app for several learners at once, and the window's start-up work
opens the store on a worker while the GUI may open it too."""

from __future__ import annotations

import threading
from pathlib import Path

from app.core import Core
from app.paths import Paths
from content_cache.db import VERSION, open_db


def test_many_connections_create_the_same_new_store_at_once(tmp_path: Path) -> None:
    path = tmp_path / "content.db"
    start = threading.Barrier(8)
    errors: list[BaseException] = []
    versions: list[int] = []

    def opener() -> None:
        start.wait()
        try:
            conn = open_db(path)
            versions.append(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and versions == [VERSION] * 8


def test_the_core_makes_one_content_service_for_every_thread(tmp_path: Path) -> None:
    core = Core(Paths(tmp_path / "home"))
    start = threading.Barrier(4)
    seen: list[object] = []

    def ask() -> None:
        start.wait()
        seen.append(core.content)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4 and all(s is seen[0] for s in seen)
