"""Logging to a file under the data root; errors' `detail` goes here, never secrets.

The file is rotated at start (kyo.log -> kyo.log.1 …) rather than by logging.handlers, whose
import (sockets, pickle, queues) costs about 10 ms of every start-up for nothing we use.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_NAME = "kyo.log"
MAX_BYTES = 1_000_000
KEEP = 3


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size < MAX_BYTES:
            return
    except FileNotFoundError:
        return
    for n in range(KEEP - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{n + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def setup_logging(folder: Path, verbose: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_kyo", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _rotate(folder / LOG_NAME)
        file_handler: logging.Handler = logging.FileHandler(folder / LOG_NAME, encoding="utf-8")
    except OSError:
        file_handler = logging.NullHandler()  # a read-only data root must not stop the app
    file_handler.setFormatter(fmt)
    file_handler._kyo = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if verbose:
        stream = logging.StreamHandler()
        stream.setFormatter(fmt)
        stream._kyo = True  # type: ignore[attr-defined]
        root.addHandler(stream)
