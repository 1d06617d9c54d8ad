"""The platform's Learning Record Store over HTTP (xAPI 1.0.3).

Statements go up exactly as stored: the outbox's bytes joined into a JSON array, never parsed
and serialised again, so a resend is byte-for-byte the statement the LRS may already hold (an
LRS compares a resent id's content and answers 409 if it differs).

`post` returns every HTTP answer as a PostResult and leaves the decisions to `push`; it raises
only when there was no usable answer (NetworkError, BadAnswer). `get` raises for anything but a
page of statements.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import requests
import urllib3

from sync.errors import BadAnswer, NetworkError, Refused, ServerBusy, SignInRequired

ERROR_TEXT_MAX = 300  # characters of a server's error kept for the learner and the log
ERROR_BODY_MAX = 16 * 1024  # bytes read of an error body: a proxy's HTML page is not wanted
ANSWER_MAX = 32 * 1024 * 1024  # bytes of a success body: a flood is not an answer
CHUNK = 64 * 1024
_WIRE_ERRORS = (requests.RequestException, urllib3.exceptions.HTTPError, OSError)


@dataclass(frozen=True)
class PostResult:
    """One HTTP answer to a POST of statements."""

    status: int
    ids: tuple[str, ...] = ()  # from a 200 body: the ids the LRS stored now
    retry_after: float | None = None  # seconds, from Retry-After
    error: str = ""  # the server's own words, short
    bytes_sent: int = 0


def joined(bodies: list[bytes]) -> bytes:
    """The request body: the stored bytes as one JSON array, untouched."""
    return b"[" + b",".join(bodies) + b"]"


def body_size(bodies: list[bytes]) -> int:
    return sum(map(len, bodies)) + max(1, len(bodies)) + 1


class LrsClient:
    def __init__(
        self,
        endpoint: str,
        auth: tuple[str, str] | None,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (5, 30),
        version: str = "1.0.3",
        throttle: Callable[[int], None] | None = None,
    ) -> None:
        self.endpoint = endpoint.rstrip("/") + "/"  # so relative paths join below it
        self.version = version
        self._auth = auth
        self._session = session or requests.Session()
        self._timeout = timeout
        # Called with the bytes of each request body sent and page received; it waits as a
        # bandwidth cap asks (the caller owns the cap, so a change applies at once).
        self._throttle = throttle or (lambda _n: None)

    def about(self) -> str | None:
        """The highest 1.0.x version the LRS names, or None (no /about: Ralph 5.1 answers 404).
        Raises NetworkError when there is no answer at all."""
        response = self._send("GET", self._url("about"))
        with response:
            if response.status_code != 200:
                return None
            try:
                versions = json.loads(_read(response, ERROR_BODY_MAX)).get("version", [])
            except (ValueError, AttributeError):
                return None
        found = [v for v in versions if isinstance(v, str) and _is_1_0_x(v)]
        return max(found, key=lambda v: int(v.split(".")[2]), default=None)

    def post(self, bodies: list[bytes]) -> PostResult:
        data = joined(bodies)
        self._throttle(len(data))
        response = self._send(
            "POST", self._url("statements"), data=data, headers={"Content-Type": "application/json"}
        )
        with response:
            status = response.status_code
            if status == 200:
                return PostResult(
                    status, _stored_ids(_read(response, ANSWER_MAX)), None, "", len(data)
                )
            return PostResult(
                status,
                retry_after=retry_after(response.headers.get("Retry-After")),
                error="" if status == 204 else error_text(response),
                bytes_sent=len(data),
            )

    def get(
        self, params: dict[str, str] | None = None, more: str | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of statements and the `more` link (None on the last page)."""
        url = urljoin(self.endpoint, more) if more else self._url("statements")
        response = self._send("GET", url, params=None if more else params)
        with response:
            _raise_for_status(response)
            body = _read(response, ANSWER_MAX)
        self._throttle(len(body))
        return _page(body)

    def reachable(self, timeout: float = 5) -> bool:
        """Any HTTP answer at all counts: the probe is about the link, not the LRS's mood."""
        try:
            response = self._session.get(
                self._url("about"), timeout=(timeout, timeout), stream=True, headers=self._headers()
            )
        except _WIRE_ERRORS:
            return False
        response.close()
        return True

    def _url(self, path: str) -> str:
        return urljoin(self.endpoint, path)

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"X-Experience-API-Version": self.version, **(extra or {})}

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        headers = self._headers(kwargs.pop("headers", None))
        try:
            return self._session.request(
                method,
                url,
                auth=self._auth,
                timeout=self._timeout,
                stream=True,
                headers=headers,
                **kwargs,
            )
        except _WIRE_ERRORS as exc:
            raise NetworkError(f"{method} {url}: {exc}") from exc


def _is_1_0_x(version: str) -> bool:
    parts = version.split(".")
    return len(parts) == 3 and parts[:2] == ["1", "0"] and parts[2].isdigit()


def _read(response: requests.Response, limit: int) -> bytes:
    """The body, at most `limit` bytes; a cut or a flood is a failure to answer."""
    chunks, size = [], 0
    try:
        for chunk in response.iter_content(CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise BadAnswer(f"{response.url}: answer larger than {limit} bytes")
    except _WIRE_ERRORS as exc:
        raise NetworkError(f"{response.url}: answer cut short: {exc}") from exc
    return b"".join(chunks)


def _stored_ids(body: bytes) -> tuple[str, ...]:
    try:
        ids = json.loads(body)
    except ValueError as exc:
        raise BadAnswer(f"200 without a JSON body: {body[:80]!r}") from exc
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadAnswer(f"200 without a list of ids: {body[:80]!r}")
    return tuple(ids)


def _page(body: bytes) -> tuple[list[dict[str, Any]], str | None]:
    try:
        page = json.loads(body)
        statements, more = page["statements"], page.get("more") or None
    except (ValueError, TypeError, KeyError) as exc:
        raise BadAnswer(f"not a statement result: {body[:80]!r}") from exc
    if not isinstance(statements, list) or not all(isinstance(s, dict) for s in statements):
        raise BadAnswer("statements is not a list of objects")
    if more is not None and not isinstance(more, str):
        raise BadAnswer(f"more is not a link: {more!r}")
    return statements, more


def _raise_for_status(response: requests.Response) -> None:
    status = response.status_code
    if status == 200:
        return
    detail = f"{response.request.method} {response.url}: HTTP {status} {error_text(response)}"
    if status in (401, 403):
        raise SignInRequired(detail)
    if status == 429 or status >= 500 or status == 408:
        raise ServerBusy(detail, retry_after(response.headers.get("Retry-After")))
    if 400 <= status < 500:
        raise Refused(status, detail)
    raise BadAnswer(detail)  # 1xx, 2xx other than 200, 3xx not followed: not a page


def error_text(response: requests.Response) -> str:
    """The server's reason, short: a JSON `detail`/`message`/`error`, else the text itself."""
    try:
        raw = _read(response, ERROR_BODY_MAX)
    except (NetworkError, BadAnswer):
        raw = b""
    text = raw.decode("utf-8", "replace").strip()
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):
        found = next((parsed[k] for k in ("detail", "message", "error") if k in parsed), text)
        text = found if isinstance(found, str) else json.dumps(found, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= ERROR_TEXT_MAX else text[: ERROR_TEXT_MAX - 1] + "…"


def retry_after(value: str | None) -> float | None:
    """Retry-After in seconds, from either form (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
