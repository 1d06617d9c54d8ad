"""Fixtures for the cmi5 LMS side: courses, in-memory stores, and AUs that behave like real ones.

`AuScript` makes statements the way the cmi5.js library (3.0.0, in the ADL sample courses and
test packages) does; `HttpAu` talks to the local endpoint over real HTTP as an AU page would.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import tarfile
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from app.cmi5 import Cmi5Registration, Cmi5Session, LocalLrs, Stores
from app.cmi5.memory import MemoryDocuments, MemoryRegistrationState, MemoryStatements
from app.cmi5.vocab import CATEGORY_CMI5, CATEGORY_MOVEON, EXT_MASTERY_SCORE, LMS_VERBS
from app.xapi import StatementFactory, Verb, local_actor
from content_cache.cmi5 import AU, CourseStructure, parse_cmi5
from tests.conftest import SAMPLES

MASTERY_ZIP = SAMPLES / "cmi5_catapult_masteryscore_responsive.zip"
LTS_ARCHIVE = SAMPLES / "cmi5_catapult_lts_test_packages.tar.gz"
EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"
SOURCE = {  # what cmi5.js adds to contextActivities.other
    "id": "http://id.tincanapi.com/activity/software/@rusticisoftware/cmi5/3.0.0",
    "definition": {"type": "http://id.tincanapi.com/activitytype/source"},
}
NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def sample_course() -> CourseStructure:
    with zipfile.ZipFile(MASTERY_ZIP) as z:
        names = set(z.namelist())
        return parse_cmi5(z.read("cmi5.xml"), lambda path: path in names)


def lts_course(name: str) -> CourseStructure:
    """The course structure of one package of the ADL LMS Test Suite."""
    with tarfile.open(LTS_ARCHIVE) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(name))
        data = tar.extractfile(member).read()  # type: ignore[union-attr]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        return parse_cmi5(z.read("cmi5.xml"), lambda path: path in names)


def au_xml(au_id: str, move_on: str, mastery: float | None = None) -> str:
    score = f' masteryScore="{mastery}"' if mastery is not None else ""
    return (
        f'<au id="{au_id}" moveOn="{move_on}"{score}><title><langstring lang="en-US">{au_id}'
        f'</langstring></title><description><langstring lang="en-US">d</langstring>'
        f"</description><url>https://example.com/au/index.html</url></au>"
    )


def block_xml(block_id: str, *children: str) -> str:
    return (
        f'<block id="{block_id}"><title><langstring lang="en-US">{block_id}</langstring>'
        f'</title><description><langstring lang="en-US">d</langstring></description>'
        + "".join(children)
        + "</block>"
    )


def course_xml(*children: str, course_id: str = "https://example.com/course") -> CourseStructure:
    xml = (
        f'<courseStructure xmlns="{NS}"><course id="{course_id}"><title><langstring '
        f'lang="en-US">Course</langstring></title><description><langstring lang="en-US">d'
        f"</langstring></description></course>" + "".join(children) + "</courseStructure>"
    )
    return parse_cmi5(xml.encode(), lambda path: True)


@dataclass
class Env:
    course: CourseStructure
    statements: MemoryStatements
    documents: MemoryDocuments
    state: MemoryRegistrationState
    registration: Cmi5Registration

    @property
    def actor(self) -> dict[str, Any]:
        return self.registration.actor

    def session(self, au: AU | int = 0, **options: Any) -> Cmi5Session:
        unit = self.course.aus[au] if isinstance(au, int) else au
        return Cmi5Session(self.registration, unit, **options)

    def lms_statements(self) -> list[dict[str, Any]]:
        return [s for s in self.statements.statements if s["verb"]["id"] in LMS_VERBS]

    def verbs(self) -> list[str]:
        return [s["verb"]["id"].rsplit("/", 1)[-1] for s in self.statements.statements]


def make_env(course: CourseStructure, registration: str | None = None) -> Env:
    actor = local_actor("profile-1", "Asha")
    factory = StatementFactory(actor, lambda: "en", app_version="test")
    statements, documents, state = MemoryStatements(), MemoryDocuments(), MemoryRegistrationState()
    reg = Cmi5Registration(
        course,
        registration=registration or str(uuid.uuid4()),
        actor=actor,
        factory=factory,
        stores=Stores(statements, documents, state),
    )
    return Env(course, statements, documents, state, reg)


@pytest.fixture
def env() -> Env:
    return make_env(sample_course())


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class AuScript:
    """Statements as cmi5.js makes them, from what the launch gave the AU."""

    def __init__(
        self, launch_data: dict[str, Any], actor: Any, registration: str, activity_id: str
    ) -> None:
        self.launch_data = launch_data
        self.actor = actor
        self.registration = registration
        self.activity_id = activity_id

    @classmethod
    def of(cls, session: Cmi5Session) -> AuScript:
        return cls(
            session.launch_data(),
            session.actor,
            session.registration.registration,
            session.activity_id,
        )

    def _statement(self, verb_id: str, *, defined: bool) -> dict[str, Any]:
        context = copy.deepcopy(self.launch_data["contextTemplate"])
        context["registration"] = self.registration
        activities = context.setdefault("contextActivities", {})
        activities.setdefault("other", []).append(SOURCE)
        if defined:
            activities.setdefault("category", []).append({"id": CATEGORY_CMI5})
        return {
            "id": str(uuid.uuid4()),
            "timestamp": now(),
            "actor": copy.deepcopy(self.actor),
            "verb": {"id": verb_id, "display": {"en": verb_id.rsplit("/", 1)[-1]}},
            "object": {"id": self.activity_id},
            "context": context,
        }

    def allowed(self, verb_id: str = EXPERIENCED, **parts: Any) -> dict[str, Any]:
        statement = self._statement(verb_id, defined=False)
        statement.update(parts)
        return statement

    def initialized(self) -> dict[str, Any]:
        return self._statement(Verb.INITIALIZED, defined=True)

    def terminated(self, duration: str = "PT15S") -> dict[str, Any]:
        statement = self._statement(Verb.TERMINATED, defined=True)
        statement["result"] = {"duration": duration}
        return statement

    def completed(self) -> dict[str, Any]:
        statement = self._statement(Verb.COMPLETED, defined=True)
        statement["result"] = {"completion": True, "duration": "PT10S"}
        statement["context"]["contextActivities"]["category"].append({"id": CATEGORY_MOVEON})
        return statement

    def passed(self, score: dict[str, Any] | None = None) -> dict[str, Any]:
        return self._judged(Verb.PASSED, True, score)

    def failed(self, score: dict[str, Any] | None = None) -> dict[str, Any]:
        return self._judged(Verb.FAILED, False, score)

    def _judged(self, verb_id: str, success: bool, score: dict[str, Any] | None) -> dict[str, Any]:
        statement = self._statement(verb_id, defined=True)
        statement["result"] = {"success": success, "duration": "PT10S"}
        mastery = self.launch_data.get("masteryScore")
        if score is not None:
            statement["result"]["score"] = score
            if mastery is not None:
                statement["context"].setdefault("extensions", {})[EXT_MASTERY_SCORE] = mastery
        statement["context"]["contextActivities"]["category"].append({"id": CATEGORY_MOVEON})
        return statement


def started(env: Env, **options: Any) -> tuple[Cmi5Session, AuScript]:
    """A session of the course's first AU, launched, its AU initialized."""
    session = env.session(**options)
    session.prepare_launch(launch_url="kyo-content://c/index.html")
    session.preferences_read()
    script = AuScript.of(session)
    session.accept([script.initialized()])
    return session, script


class HttpAu:
    """An AU page: reads its launch URL, fetches its token, talks xAPI over HTTP."""

    def __init__(self, launch_url: str) -> None:
        query = {k: v[0] for k, v in parse_qs(urlsplit(launch_url).query).items()}
        self.query = query
        self.endpoint = query["endpoint"]
        self.actor = json.loads(query["actor"])
        self.registration = query["registration"]
        self.activity_id = query["activityId"]
        self.token: str | None = None
        self.http = requests.Session()
        self.script: AuScript | None = None

    def fetch(self) -> requests.Response:
        response = self.http.post(self.query["fetch"], timeout=10)
        if "auth-token" in response.json():
            self.token = response.json()["auth-token"]
        return response

    def headers(self, **extra: str) -> dict[str, str]:
        return {
            "Authorization": f"Basic {self.token}",
            "X-Experience-API-Version": "1.0.3",
            **extra,
        }

    def request(self, method: str, resource: str, **kwargs: Any) -> requests.Response:
        headers = {**self.headers(), **kwargs.pop("headers", {})}
        # cmi5.js builds `${endpoint}/statements`: a double slash, as real AUs send it.
        url = f"{self.endpoint}/{resource}"
        return self.http.request(method, url, headers=headers, timeout=10, **kwargs)

    def state_params(self, state_id: str, **extra: str) -> dict[str, str]:
        return {
            "stateId": state_id,
            "activityId": self.activity_id,
            "agent": json.dumps(self.actor),
            "registration": self.registration,
            **extra,
        }

    def start(self) -> None:
        """What cmi5.js `start()` does: fetch, launch data, preferences, initialized."""
        assert self.fetch().status_code == 200
        data = self.request("GET", "activities/state", params=self.state_params("LMS.LaunchData"))
        assert data.status_code == 200, data.text
        self.script = AuScript(data.json(), self.actor, self.registration, self.activity_id)
        prefs = self.request(
            "GET",
            "agents/profile",
            params={"profileId": "cmi5LearnerPreferences", "agent": json.dumps(self.actor)},
        )
        assert prefs.status_code in (200, 404)
        assert self.send(self.script.initialized()).status_code == 204

    def send(self, statement: dict[str, Any]) -> requests.Response:
        return self.request(
            "PUT", "statements", params={"statementId": statement["id"]}, json=statement
        )

    def post(self, statements: list[dict[str, Any]]) -> requests.Response:
        return self.request("POST", "statements", json=statements)


@pytest.fixture
def launched(env: Env) -> Iterator[tuple[Cmi5Session, LocalLrs, HttpAu]]:
    """The sample course's AU, launched on a local endpoint, its AU page started."""
    session = env.session()
    lrs = LocalLrs(session)
    lrs.start()
    try:
        session.prepare_launch(launch_url="kyo-content://course/index.html")
        au = HttpAu(lrs.launch_url("kyo-content://course/index.html"))
        yield session, lrs, au
    finally:
        lrs.stop()
