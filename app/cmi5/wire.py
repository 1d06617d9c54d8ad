"""Requests and replies of the local xAPI endpoint, apart from the HTTP server itself."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.cmi5.errors import Cmi5Violation


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # slashes collapsed: the cmi5.js library asks for `${endpoint}/statements`
    params: dict[str, str]  # the query string, first value of each name
    headers: dict[str, str]  # names in lower case
    body: bytes = b""


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(status: int, value: Any, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(value, ensure_ascii=False).encode()
    return Reply(status, body, "application/json", headers or {})


def error_reply(error: Cmi5Violation) -> Reply:
    return json_reply(error.status, {"error": error.reason, "rule": error.rule})


def param(request: Request, name: str) -> str:
    value = request.params.get(name)
    if value is None:
        raise Cmi5Violation(400, f"the {name} parameter is required", "xAPI")
    return value


def parse_json(body: bytes, what: str = "body") -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise Cmi5Violation(400, f"the {what} is not JSON", "xAPI") from None


def content_type(request: Request) -> str:
    value = request.headers.get("content-type", "application/octet-stream")
    return value.split(";", 1)[0].strip().lower() or "application/octet-stream"
