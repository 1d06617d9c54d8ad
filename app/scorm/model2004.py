"""The SCORM 2004 run-time data model (4th edition RTE, section 4), as tables.

3rd-edition content runs unchanged: both call themselves cmi._version "1.0" and 4th edition
only added elements. Sequencing and navigation are not implemented: adl.nav.request is
accepted, checked against its vocabulary and stored (the player reads it after Terminate), and
adl.nav.request_valid.* answers "unknown". adl.data.* (4th edition shared data stores) and
objectives declared in the manifest are not implemented either.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.scorm import checks, timing
from app.scorm.profile import Access, Element, Err, Keys, Profile, SetRule, Values

COMPLETION = ("completed", "incomplete", "not attempted", "unknown")
SUCCESS = ("passed", "failed", "unknown")
INTERACTION_TYPES = (
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
)
# Types whose correct_responses hold one pattern at most (RTE table 4.2.9.1a).
SINGLE_PATTERN = frozenset({"true-false", "likert", "numeric", "other"})

RO = Element(Access.RO)
_REAL = checks.decimal()
_SCALED = checks.decimal(-1, 1)
_LONG_ID = checks.identifier(4000)
_INTERACTION = ("cmi.interactions.n.id",)
_TYPED = ("cmi.interactions.n.id", "cmi.interactions.n.type")
_OBJECTIVE = ("cmi.objectives.n.id",)


def _rw(check: checks.Check, *needs: str, typed: str = "") -> Element:
    return Element(Access.RW, check, needs, typed)


ELEMENTS: dict[str, Element] = {
    "cmi._version": RO,
    "cmi.comments_from_learner.n.comment": _rw(checks.localized(4000)),
    "cmi.comments_from_learner.n.location": _rw(checks.text(250)),
    "cmi.comments_from_learner.n.timestamp": _rw(checks.timestamp),
    "cmi.comments_from_lms.n.comment": RO,
    "cmi.comments_from_lms.n.location": RO,
    "cmi.comments_from_lms.n.timestamp": RO,
    "cmi.completion_status": _rw(checks.vocab(*COMPLETION)),
    "cmi.completion_threshold": RO,
    "cmi.credit": RO,
    "cmi.entry": RO,
    "cmi.exit": Element(Access.WO, checks.vocab("time-out", "suspend", "logout", "normal", "")),
    "cmi.interactions.n.id": _rw(_LONG_ID),
    "cmi.interactions.n.type": _rw(checks.vocab(*INTERACTION_TYPES), *_INTERACTION),
    "cmi.interactions.n.objectives.n.id": _rw(_LONG_ID, *_INTERACTION),
    "cmi.interactions.n.timestamp": _rw(checks.timestamp, *_INTERACTION),
    "cmi.interactions.n.correct_responses.n.pattern": _rw(
        checks.text(4000), *_TYPED, typed="pattern"
    ),
    "cmi.interactions.n.weighting": _rw(_REAL, *_INTERACTION),
    "cmi.interactions.n.learner_response": _rw(checks.text(4000), *_TYPED, typed="response"),
    "cmi.interactions.n.result": _rw(
        checks.result("correct", "incorrect", "unanticipated", "neutral"), *_INTERACTION
    ),
    "cmi.interactions.n.latency": _rw(checks.interval, *_INTERACTION),
    "cmi.interactions.n.description": _rw(checks.localized(250), *_INTERACTION),
    "cmi.launch_data": RO,
    "cmi.learner_id": RO,
    "cmi.learner_name": RO,
    "cmi.learner_preference.audio_level": _rw(checks.decimal(0)),
    "cmi.learner_preference.language": _rw(checks.language),
    "cmi.learner_preference.delivery_speed": _rw(checks.decimal(0)),
    "cmi.learner_preference.audio_captioning": _rw(checks.vocab("-1", "0", "1")),
    "cmi.location": _rw(checks.text(1000)),
    "cmi.max_time_allowed": RO,
    "cmi.mode": RO,
    "cmi.objectives.n.id": _rw(_LONG_ID),
    "cmi.objectives.n.score.scaled": _rw(_SCALED, *_OBJECTIVE),
    "cmi.objectives.n.score.raw": _rw(_REAL, *_OBJECTIVE),
    "cmi.objectives.n.score.min": _rw(_REAL, *_OBJECTIVE),
    "cmi.objectives.n.score.max": _rw(_REAL, *_OBJECTIVE),
    "cmi.objectives.n.success_status": _rw(checks.vocab(*SUCCESS), *_OBJECTIVE),
    "cmi.objectives.n.completion_status": _rw(checks.vocab(*COMPLETION), *_OBJECTIVE),
    "cmi.objectives.n.progress_measure": _rw(checks.decimal(0, 1), *_OBJECTIVE),
    "cmi.objectives.n.description": _rw(checks.localized(250), *_OBJECTIVE),
    "cmi.progress_measure": _rw(checks.decimal(0, 1)),
    "cmi.scaled_passing_score": RO,
    "cmi.score.scaled": _rw(_SCALED),
    "cmi.score.raw": _rw(_REAL),
    "cmi.score.min": _rw(_REAL),
    "cmi.score.max": _rw(_REAL),
    "cmi.session_time": Element(Access.WO, checks.interval),
    "cmi.success_status": _rw(checks.vocab(*SUCCESS)),
    "cmi.suspend_data": _rw(checks.text(64000)),
    "cmi.time_limit_action": RO,
    "cmi.total_time": RO,
    "adl.nav.request": _rw(checks.nav_request),
    "adl.nav.request_valid.continue": RO,
    "adl.nav.request_valid.previous": RO,
    "adl.nav.request_valid.choice.{target}": RO,
    "adl.nav.request_valid.jump.{target}": RO,
}

_SCORE_CHILDREN = "scaled,raw,min,max"
CHILDREN = {
    "cmi.comments_from_learner": "comment,location,timestamp",
    "cmi.comments_from_lms": "comment,location,timestamp",
    "cmi.interactions": "id,type,objectives,timestamp,correct_responses,weighting,"
    "learner_response,result,latency,description",
    "cmi.learner_preference": "audio_level,language,delivery_speed,audio_captioning",
    "cmi.objectives": "id,score,success_status,completion_status,progress_measure,description",
    "cmi.objectives.n.score": _SCORE_CHILDREN,
    "cmi.score": _SCORE_CHILDREN,
}

ARRAYS = frozenset(
    {
        "cmi.comments_from_learner",
        "cmi.comments_from_lms",
        "cmi.interactions",
        "cmi.interactions.n.objectives",
        "cmi.interactions.n.correct_responses",
        "cmi.objectives",
    }
)

CODES = {
    Err.GENERAL: 101,
    Err.INIT_TWICE: 103,
    Err.INIT_AFTER_TERM: 104,
    Err.TERM_BEFORE_INIT: 112,
    Err.TERM_AFTER_TERM: 113,
    Err.GET_BEFORE_INIT: 122,
    Err.GET_AFTER_TERM: 123,
    Err.SET_BEFORE_INIT: 132,
    Err.SET_AFTER_TERM: 133,
    Err.COMMIT_BEFORE_INIT: 142,
    Err.COMMIT_AFTER_TERM: 143,
    Err.ARGUMENT: 201,
    Err.GET_FAILURE: 301,
    Err.SET_FAILURE: 351,
    Err.SET_ARGUMENT: 351,
    Err.COMMIT_FAILURE: 391,
    Err.UNDEFINED: 401,
    Err.UNIMPLEMENTED: 402,
    Err.NOT_SET: 403,
    Err.READ_ONLY: 404,
    Err.WRITE_ONLY: 405,
    Err.KEYWORD_SET: 404,
    Err.NO_CHILDREN: 301,
    Err.NO_COUNT: 301,
    Err.TYPE: 406,
    Err.RANGE: 407,
    Err.DEPENDENCY: 408,
}

MESSAGES = {
    0: "No Error",
    101: "General Exception",
    102: "General Initialization Failure",
    103: "Already Initialized",
    104: "Content Instance Terminated",
    111: "General Termination Failure",
    112: "Termination Before Initialization",
    113: "Termination After Termination",
    122: "Retrieve Data Before Initialization",
    123: "Retrieve Data After Termination",
    132: "Store Data Before Initialization",
    133: "Store Data After Termination",
    142: "Commit Before Initialization",
    143: "Commit After Termination",
    201: "General Argument Error",
    301: "General Get Failure",
    351: "General Set Failure",
    391: "General Commit Failure",
    401: "Undefined Data Model Element",
    402: "Unimplemented Data Model Element",
    403: "Data Model Element Value Not Initialized",
    404: "Data Model Element Is Read Only",
    405: "Data Model Element Is Write Only",
    406: "Data Model Element Type Mismatch",
    407: "Data Model Element Value Out Of Range",
    408: "Data Model Dependency Not Established",
}

METHODS = {
    "Initialize": "initialize",
    "Terminate": "terminate",
    "GetValue": "get",
    "SetValue": "set",
    "Commit": "commit",
    "GetLastError": "last_error",
    "GetErrorString": "error_string",
    "GetDiagnostic": "diagnostic",
}


def _number(values: Values, key: str) -> float | None:
    text = values.get(key)
    return None if text is None or text == "" else float(text)


def completion_status(values: Values) -> str:
    """RTE 4.2.4.1: a completion threshold, when defined, decides from progress_measure."""
    threshold = _number(values, "cmi.completion_threshold")
    if threshold is None:
        return values.get("cmi.completion_status", "unknown")
    progress = _number(values, "cmi.progress_measure")
    if progress is None:
        return "unknown"
    return "completed" if progress >= threshold else "incomplete"


def success_status(values: Values) -> str:
    """RTE 4.2.22.1: a scaled passing score, when defined, decides from score.scaled."""
    passing = _number(values, "cmi.scaled_passing_score")
    if passing is None:
        return values.get("cmi.success_status", "unknown")
    scaled = _number(values, "cmi.score.scaled")
    if scaled is None:
        return "unknown"
    return "passed" if scaled >= passing else "failed"


def _split(element: str) -> tuple[str, int, str]:
    """("cmi.objectives", 2, "id") for "cmi.objectives.2.id": the innermost array."""
    parts = element.split(".")
    at = max(i for i, part in enumerate(parts) if part.isdigit())
    return ".".join(parts[:at]), int(parts[at]), ".".join(parts[at + 1 :])


def unique_id(values: Values, counts: Mapping[str, int], element: str, value: str) -> str | None:
    """An identifier is unique in its array and, once set, does not change (RTE 4.2.9, 4.2.17)."""
    current = values.get(element)
    if current is not None and current != value:
        return f"{element} is already {current!r}: an identifier cannot change"
    array, index, leaf = _split(element)
    for other in range(counts.get(array, 0)):
        if other != index and values.get(f"{array}.{other}.{leaf}") == value:
            return f"{value!r} is already {array}.{other}.{leaf}"
    return None


def pattern_count(
    values: Values, counts: Mapping[str, int], element: str, value: str
) -> str | None:
    """true-false, likert, numeric and other interactions have one correct response at most."""
    array, index, _leaf = _split(element)
    kind = values.get(array.removesuffix(".correct_responses") + ".type", "")
    if kind in SINGLE_PATTERN and index > 0:
        return f"a {kind} interaction has one correct response pattern at most"
    return None


RULES: dict[str, SetRule] = {
    "cmi.objectives.n.id": unique_id,
    "cmi.interactions.n.objectives.n.id": unique_id,
    "cmi.interactions.n.correct_responses.n.pattern": pattern_count,
}

KEYS = Keys(
    status=("cmi.completion_status", "cmi.success_status"),
    score="cmi.score",
    location="cmi.location",
    suspend_data="cmi.suspend_data",
    session_time="cmi.session_time",
    total_time="cmi.total_time",
    exit="cmi.exit",
    entry="cmi.entry",
    progress="cmi.progress_measure",
    preferences="cmi.learner_preference.",
)

PREFERENCE_DEFAULTS = {
    "cmi.learner_preference.audio_level": "1",
    "cmi.learner_preference.language": "",
    "cmi.learner_preference.delivery_speed": "1",
    "cmi.learner_preference.audio_captioning": "0",
}


def _unknown(values: Values) -> str:
    return "unknown"


def statuses(values: Values) -> tuple[str, str]:
    return completion_status(values), success_status(values)


def on_finish(values: Values) -> dict[str, str]:
    """2004 leaves the statuses to the SCO (and to the evaluation on GetValue)."""
    return {}


PROFILE = Profile(
    version="2004",
    elements=ELEMENTS,
    children=CHILDREN,
    arrays=ARRAYS,
    codes=CODES,
    messages=MESSAGES,
    methods=METHODS,
    keys=KEYS,
    parse_time=timing.parse_interval,
    format_time=timing.format_interval,
    statuses=statuses,
    on_finish=on_finish,
    unimplemented=("adl.data",),
    computed={
        "cmi.completion_status": completion_status,
        "cmi.success_status": success_status,
        "adl.nav.request_valid.continue": _unknown,
        "adl.nav.request_valid.previous": _unknown,
        "adl.nav.request_valid.choice.{target}": _unknown,
        "adl.nav.request_valid.jump.{target}": _unknown,
    },
    rules=RULES,
    item_defaults={
        "cmi.objectives": {"success_status": "unknown", "completion_status": "unknown"},
    },
)
