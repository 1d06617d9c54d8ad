"""xAPI State, Agent Profile and Activity Profile resources for the AU, with cmi5's limits.

Documents follow xAPI 1.0.3 (Communication 2.3-2.6 and 3.1 concurrency): GET one or list ids
(`since`), PUT replaces, POST merges JSON objects, DELETE. cmi5 adds: the agent is always the
launch actor (10.0, 11.0), the AU never changes LMS.LaunchData (10.0), and the learner's
preferences belong to the app, which refuses the AU's changes with 403 as 11.0 allows (the
reference LMS of the ADL test suite does the same).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from typing import Any

from app.cmi5.errors import Cmi5Violation
from app.cmi5.session import Cmi5Session
from app.cmi5.stores import Document, DocumentStore, make_document
from app.cmi5.vocab import LAUNCH_DATA, LEARNER_PREFERENCES, agent_key, same_agent
from app.cmi5.wire import Reply, Request, content_type, json_reply, param, parse_json


def handle_state(request: Request, session: Cmi5Session) -> Reply:
    activity_id = param(request, "activityId")
    agent = _agent(request, session)
    registration = request.params.get("registration")
    if registration is not None and registration != session.registration.registration:
        raise Cmi5Violation(403, "another registration's state", "8.1.4.0-3")
    state_id = request.params.get("stateId")
    if state_id == LAUNCH_DATA and request.method != "GET":
        raise Cmi5Violation(403, "the AU must not change LMS.LaunchData", "10.2.1.0-5")
    prefix = ("state", activity_id, agent, registration or "")
    documents = session.registration.stores.documents
    if state_id is None:
        return _listing(request, documents, prefix)
    return _single(request, documents, (*prefix, state_id), require_precondition=False)


def handle_profile(request: Request, session: Cmi5Session) -> Reply:
    agent = _agent(request, session)
    profile_id = request.params.get("profileId")
    documents = session.registration.stores.documents
    if profile_id is None:
        return _listing(request, documents, ("agent-profile", agent))
    if profile_id == LEARNER_PREFERENCES and request.method != "GET":
        raise Cmi5Violation(403, "the learner's preferences are set in the app", "11.0")
    reply = _single(request, documents, ("agent-profile", agent, profile_id), True)
    if profile_id == LEARNER_PREFERENCES:
        session.preferences_read()  # 11.0: found (200) or not (404), the AU has looked
    return reply


def handle_activity_profile(request: Request, session: Cmi5Session) -> Reply:
    """12.0: the AU may use the Activity Profile resource (xAPI 2.6)."""
    activity_id = param(request, "activityId")
    profile_id = request.params.get("profileId")
    documents = session.registration.stores.documents
    if profile_id is None:
        return _listing(request, documents, ("activity-profile", activity_id))
    return _single(request, documents, ("activity-profile", activity_id, profile_id), True)


def _agent(request: Request, session: Cmi5Session) -> str:
    """The document key's agent: only the launch actor's documents are the AU's (10.0)."""
    agent = parse_json(param(request, "agent").encode(), "agent parameter")
    if not same_agent(agent, session.actor):
        raise Cmi5Violation(403, "the agent must be the launch actor", "11.0.0.0-1")
    return agent_key(session.actor)


def _listing(request: Request, documents: DocumentStore, prefix: tuple[str, ...]) -> Reply:
    if request.method == "GET":
        since = _since(request.params.get("since"))
        ids = [
            key[-1]
            for key in documents.keys(prefix)
            if since is None or _moment(_get(documents, key).updated) > since
        ]
        return json_reply(200, ids)
    if request.method == "DELETE":
        for key in documents.keys(prefix):
            if key[-1] != LAUNCH_DATA:  # 10.0: the AU must not delete it; the rest goes
                documents.delete(key)
        return Reply(204)
    raise Cmi5Violation(400, "the document's id is required", "xAPI")


def _single(
    request: Request, documents: DocumentStore, key: tuple[str, ...], require_precondition: bool
) -> Reply:
    existing = documents.get(key)
    if request.method == "GET":
        return _document_reply(existing)
    _check_preconditions(request, existing, require_precondition and request.method == "PUT")
    if request.method == "DELETE":
        documents.delete(key)
    elif request.method == "PUT":
        documents.put(key, make_document(request.body, content_type(request)))
    else:
        documents.put(key, _merged(request, existing))
    return Reply(204)


def _document_reply(doc: Document | None) -> Reply:
    if doc is None:
        return Reply(404)
    modified = email.utils.format_datetime(_moment(doc.updated), usegmt=True)
    headers = {"ETag": f'"{doc.etag}"', "Last-Modified": modified}
    return Reply(200, doc.content, doc.content_type, headers)


def _check_preconditions(request: Request, existing: Document | None, required: bool) -> None:
    """xAPI 3.1 concurrency: If-Match / If-None-Match; a PUT over an Agent Profile document
    without either is a conflict."""
    if_match = request.headers.get("if-match")
    if_none_match = request.headers.get("if-none-match")
    if if_match is not None and (existing is None or not _matches(if_match, existing)):
        raise Cmi5Violation(412, "If-Match does not match the document", "xAPI")
    if if_none_match is not None and existing is not None and _matches(if_none_match, existing):
        raise Cmi5Violation(412, "If-None-Match matches the document", "xAPI")
    if required and existing is not None and if_match is None and if_none_match is None:
        raise Cmi5Violation(409, "the document exists: send If-Match or If-None-Match", "xAPI")


def _matches(header: str, doc: Document) -> bool:
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",")}
    return "*" in tags or doc.etag in tags


def _merged(request: Request, existing: Document | None) -> Document:
    """POST: a new document as is; onto an existing one, JSON objects merged, top level."""
    if existing is None:
        return make_document(request.body, content_type(request))
    new = _json_object(request.body, content_type(request))
    old = _json_object(existing.content, existing.content_type)
    if new is None or old is None:
        raise Cmi5Violation(400, "POST merges JSON objects only", "xAPI")
    return make_document(json.dumps(old | new).encode(), "application/json")


def _json_object(content: bytes, kind: str) -> dict[str, Any] | None:
    if kind != "application/json":
        return None
    try:
        value = json.loads(content)
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _since(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return _moment(value)
    except ValueError:
        raise Cmi5Violation(400, "since is not an ISO 8601 timestamp", "xAPI") from None


def _moment(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _get(documents: DocumentStore, key: tuple[str, ...]) -> Document:
    doc = documents.get(key)
    if doc is None:  # deleted while listing: treat as old
        return Document(b"", "", "", "1970-01-01T00:00:00Z")
    return doc
