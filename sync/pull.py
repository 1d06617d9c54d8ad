"""The learner's history down from the LRS, oldest first, page by page.

GET statements?agent=…&since=…&ascending=true&limit=…, then each `more` link (Ralph's is
relative, and caps `limit` at 100). Failures are retried as in `push`; a 401/403 or a refused
query raises at once. The caller keeps the newest `timestamp` it has seen and passes it as the
next `since` (Ralph filters `since` on `timestamp`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from sync.backoff import DEFAULT_RNG, Backoff, pause
from sync.errors import GaveUp, Transient
from sync.lrs import LrsClient

PULL_BACKOFF = Backoff()
PULL_ATTEMPTS = 12  # failures in a row on one page before GaveUp


def pull(
    client: LrsClient,
    actor: dict[str, Any],
    since: str | None,
    *,
    limit: int = 100,
    max_pages: int = 1000,
    sleep: Callable[[float], None] = time.sleep,
    cancel: threading.Event | None = None,
) -> Iterator[dict[str, Any]]:
    """Statements about `actor` stored after `since`. Ends quietly when cancelled; raises
    SignInRequired, Refused, or GaveUp (with retry_after) after PULL_ATTEMPTS failures."""
    params = {
        "agent": json.dumps(actor, ensure_ascii=False, separators=(",", ":")),
        "ascending": "true",
        "limit": str(limit),
    }
    if since:
        params["since"] = since
    more: str | None = None
    for _page in range(max_pages):
        if cancel is not None and cancel.is_set():
            return
        page = _fetch(client, params, more, sleep, cancel)
        if page is None:  # cancelled while waiting to retry
            return
        statements, more = page
        yield from statements
        if not more:
            return


def _fetch(
    client: LrsClient,
    params: dict[str, str],
    more: str | None,
    sleep: Callable[[float], None],
    cancel: threading.Event | None,
) -> tuple[list[dict[str, Any]], str | None] | None:
    failures = 0
    while True:
        try:
            return client.get(None if more else params, more)
        except Transient as exc:
            failures += 1
            if failures >= PULL_ATTEMPTS:
                wait = PULL_BACKOFF.equal_jitter(failures, exc.retry_after)
                raise GaveUp(exc.detail, retry_after=wait) from exc
            if not pause(
                PULL_BACKOFF.delay(failures - 1, exc.retry_after, DEFAULT_RNG), sleep, cancel
            ):
                return None
