"""Logging to a rotating file under the data root; errors' `detail` goes here, never secrets."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "kyo.log"


def setup_logging(folder: Path, verbose: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_kyo", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
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
