"""xAPI 1.0.3 statements as the app makes them: ids, verbs, activities, canonical bytes.

Every statement gets its id (a UUID) and its `timestamp` here, once; its bytes are made once
(`canonical_bytes`) and stored, so a resend is byte-for-byte the same statement. An LRS that
fills in a missing timestamp (Ralph does) would see a resend as a different statement: we
never leave it out.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

XAPI_VERSION = "1.0.3"
PLATFORM = "Karmayogi Offline"
EXT = "https://karmayogi-offline.invalid/xapi/extensions/"
LOCAL_HOMEPAGE = "https://learner.karmayogi-offline.invalid"


class Verb:
    """Verb IRIs: ADL's, cmi5's (w3id.org/xapi/adl), and tincan's `earned`."""

    LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"
    INITIALIZED = "http://adlnet.gov/expapi/verbs/initialized"
    PROGRESSED = "http://adlnet.gov/expapi/verbs/progressed"
    EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"
    COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
    PASSED = "http://adlnet.gov/expapi/verbs/passed"
    FAILED = "http://adlnet.gov/expapi/verbs/failed"
    ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
    ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted"
    SUSPENDED = "http://adlnet.gov/expapi/verbs/suspended"
    RESUMED = "http://adlnet.gov/expapi/verbs/resumed"
    TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"
    SCORED = "http://adlnet.gov/expapi/verbs/scored"
    SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied"
    ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned"
    WAIVED = "https://w3id.org/xapi/adl/verbs/waived"
    EARNED = "http://id.tincanapi.com/verb/earned"


class ActivityType:
    COURSE = "http://adlnet.gov/expapi/activities/course"
    MODULE = "http://adlnet.gov/expapi/activities/module"
    LESSON = "http://adlnet.gov/expapi/activities/lesson"
    ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
    QUESTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
    VIDEO = "https://w3id.org/xapi/video/activity-type/video"
    DOCUMENT = "http://id.tincanapi.com/activitytype/document"
    SCO = "http://adlnet.gov/expapi/activities/lesson"  # ADL SCORM profile: a SCO is a lesson
    CERTIFICATE = "http://id.tincanapi.com/activitytype/certificate"


KIND_TYPES = {
    "video": ActivityType.VIDEO,
    "pdf": ActivityType.DOCUMENT,
    "html": ActivityType.LESSON,
    "scorm": ActivityType.SCO,
    "cmi5": ActivityType.LESSON,
    "assessment": ActivityType.ASSESSMENT,
}


def now_timestamp(moment: dt.datetime | None = None) -> str:
    """ISO 8601 UTC with milliseconds, as the statement's own `timestamp`."""
    moment = moment or dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(seconds: float) -> str:
    """xAPI (ISO 8601) duration with centiseconds: 'PT1H2M3.04S'."""
    centis = max(0, round(seconds * 100))
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    secs = rest / 100
    out = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return out + f"{secs:g}S"


def verb(verb_id: str) -> dict[str, Any]:
    return {"id": verb_id, "display": {"en-US": verb_id.rsplit("/", 1)[-1]}}


def item_activity_id(course_id: str, item_id: str) -> str:
    return f"{course_id.rstrip('/')}/{quote(item_id, safe='')}"


def activity(activity_id: str, type_iri: str, name: dict[str, str] | None = None) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": type_iri}
    if name:
        definition["name"] = {_lang_tag(k): v for k, v in name.items()}
    return {"objectType": "Activity", "id": activity_id, "definition": definition}


def _lang_tag(lang: str) -> str:
    return {"en": "en-US", "hi": "hi-IN"}.get(lang, lang)


def local_actor(profile_id: str, name: str) -> dict[str, Any]:
    """The learner before their profile is linked to a platform account: the profile's random
    id, which stays the same when the device gets a new identity (a cloned disk image)."""
    return {
        "objectType": "Agent",
        "name": name,
        "account": {"homePage": LOCAL_HOMEPAGE, "name": profile_id},
    }


def canonical_bytes(statement: dict[str, Any]) -> bytes:
    """The statement's bytes, made once and stored: resends reuse them exactly."""
    return json.dumps(statement, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


class StatementFactory:
    """Makes statements for one learner: actor, platform, language, ids and timestamps."""

    def __init__(
        self,
        actor: dict[str, Any],
        language: Callable[[], str],
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        app_version: str = "",
    ) -> None:
        self.actor = actor
        self._language = language
        self._clock = clock
        self._app_version = app_version

    def make(
        self,
        verb_id: str,
        obj: dict[str, Any],
        *,
        result: dict[str, Any] | None = None,
        registration: str | None = None,
        parents: list[dict[str, Any]] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        context: dict[str, Any] = {"platform": PLATFORM, "language": _lang_tag(self._language())}
        if registration:
            context["registration"] = registration
        if parents:
            context["contextActivities"] = {"parent": parents}
        ext = {EXT + "app-version": self._app_version} if self._app_version else {}
        ext.update(extensions or {})
        if ext:
            context["extensions"] = ext
        statement: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "actor": self.actor,
            "verb": verb(verb_id),
            "object": obj,
            "timestamp": now_timestamp(self._clock()),
            "version": XAPI_VERSION,
            "context": context,
        }
        if result:
            statement["result"] = result
        return statement
