"""The statements and about resources of the local endpoint (xAPI 1.0.3 Communication 2.1, 2.8).

The AU sees its registration's statements only: the outbox holds everything the learner ever
did, in every course, and an AU is someone else's code.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from app.cmi5.errors import Cmi5Violation
from app.cmi5.session import Cmi5Session
from app.cmi5.vocab import same_agent
from app.cmi5.wire import Reply, Request, json_reply, param, parse_json
from app.xapi import XAPI_VERSION, now_timestamp

MAX_LIMIT = 500
MAX_OFFSET = 100_000
_QUERY = ("registration", "activity", "verb", "since", "agent")


def handle_about(request: Request, session: Cmi5Session) -> Reply:
    if request.method != "GET":
        raise Cmi5Violation(405, "about is read only", "xAPI")
    return json_reply(200, {"version": [XAPI_VERSION]})


def handle_statements(request: Request, session: Cmi5Session) -> Reply:
    if "method" in request.params:
        raise Cmi5Violation(400, "the alternate request syntax is not supported", "xAPI")
    if request.method == "PUT":
        return _put(request, session)
    if request.method == "POST":
        body = parse_json(request.body)
        ids = session.accept(body if isinstance(body, list) else [body])
        return json_reply(200, ids)
    if request.method == "GET":
        headers = {"X-Experience-API-Consistent-Through": now_timestamp()}
        reply = _get(request, session)
        return Reply(reply.status, reply.body, reply.content_type, headers)
    raise Cmi5Violation(405, f"{request.method} is not a statements method", "xAPI")


def _put(request: Request, session: Cmi5Session) -> Reply:
    statement_id = param(request, "statementId")
    statement = parse_json(request.body)
    if not isinstance(statement, dict):
        raise Cmi5Violation(400, "PUT takes one statement", "xAPI")
    if statement.setdefault("id", statement_id) != statement_id:
        raise Cmi5Violation(400, "the statement's id is not the statementId", "xAPI")
    session.accept([statement])
    return Reply(204)


def _get(request: Request, session: Cmi5Session) -> Reply:
    params = request.params
    if "voidedStatementId" in params:
        return Reply(404)  # the AU cannot void (6.3): nothing here is voided
    if "statementId" in params:
        found = session.registration.stores.statements.get(params["statementId"])
        if found is None or not _visible(found, session):
            return Reply(404)
        return json_reply(200, found)
    limit, offset = _paging(params)
    statements = _query(params, session, offset + limit + 1)
    more = ""
    if len(statements) > offset + limit:
        kept = {k: v for k, v in params.items() if k in (*_QUERY, "limit")}
        more = "/xapi/statements?" + urlencode({**kept, "cursor": str(offset + limit)})
    return json_reply(200, {"statements": statements[offset : offset + limit], "more": more})


def _visible(statement: dict[str, Any], session: Cmi5Session) -> bool:
    context = statement.get("context", {})
    return bool(context.get("registration") == session.registration.registration)


def _paging(params: dict[str, str]) -> tuple[int, int]:
    try:
        limit = int(params.get("limit", "0"))
        offset = int(params.get("cursor", "0"))
    except ValueError:
        raise Cmi5Violation(400, "limit must be a number", "xAPI") from None
    if limit < 0 or not 0 <= offset <= MAX_OFFSET:
        raise Cmi5Violation(400, "limit or cursor out of range", "xAPI")
    return (min(limit, MAX_LIMIT) or MAX_LIMIT), offset


def _query(params: dict[str, str], session: Cmi5Session, limit: int) -> list[dict[str, Any]]:
    registration = session.registration.registration
    if params.get("registration", registration) != registration:
        return []
    if "agent" in params and not same_agent(parse_json(params["agent"].encode()), session.actor):
        return []
    return session.registration.stores.statements.find(
        registration=registration,
        activity_id=params.get("activity"),
        verb_id=params.get("verb"),
        since=params.get("since"),
        limit=limit,
    )
