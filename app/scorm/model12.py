"""The SCORM 1.2 run-time data model (ADL SCORM 1.2 RTE, section 3.4), as tables.

Deliberate leniency: cmi.suspend_data accepts up to 64,000 characters rather than CMIString4096.
Widely used authoring tools overrun 4,096 characters in 1.2 packages; refusing the value would
lose the learner's place, and the app keeps it locally anyway. Every other limit is the spec's.
"""

from __future__ import annotations

from app.scorm import checks, timing
from app.scorm.profile import Access, Element, Err, Keys, Profile, Values

VERSION = "3.4"  # cmi._version as the 1.2 data model names itself
STATUS = ("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
SUSPEND_DATA_LIMIT = 64000

RO = Element(Access.RO)
_SCORE = Element(Access.RW, checks.decimal(0, 100, blank=True))
_ID = checks.identifier_12
_FEEDBACK = checks.text(255)

ELEMENTS: dict[str, Element] = {
    "cmi._version": RO,
    "cmi.core.student_id": RO,
    "cmi.core.student_name": RO,
    "cmi.core.lesson_location": Element(Access.RW, checks.text(255)),
    "cmi.core.credit": RO,
    # "not attempted" is the LMS's to give, not the SCO's to set.
    "cmi.core.lesson_status": Element(Access.RW, checks.vocab(*STATUS[:-1])),
    "cmi.core.entry": RO,
    "cmi.core.score.raw": _SCORE,
    "cmi.core.score.min": _SCORE,
    "cmi.core.score.max": _SCORE,
    "cmi.core.total_time": RO,
    "cmi.core.lesson_mode": RO,
    "cmi.core.exit": Element(Access.WO, checks.vocab("time-out", "suspend", "logout", "")),
    "cmi.core.session_time": Element(Access.WO, checks.timespan_12),
    "cmi.suspend_data": Element(Access.RW, checks.text(SUSPEND_DATA_LIMIT)),
    "cmi.launch_data": RO,
    "cmi.comments": Element(Access.RW, checks.text(4096)),
    "cmi.comments_from_lms": RO,
    "cmi.objectives.n.id": Element(Access.RW, _ID),
    "cmi.objectives.n.score.raw": _SCORE,
    "cmi.objectives.n.score.min": _SCORE,
    "cmi.objectives.n.score.max": _SCORE,
    "cmi.objectives.n.status": Element(Access.RW, checks.vocab(*STATUS)),
    "cmi.student_data.mastery_score": RO,
    "cmi.student_data.max_time_allowed": RO,
    "cmi.student_data.time_limit_action": RO,
    "cmi.student_preference.audio": Element(Access.RW, checks.integer(-1, 100)),
    "cmi.student_preference.language": Element(Access.RW, checks.text(255)),
    "cmi.student_preference.speed": Element(Access.RW, checks.integer(-100, 100)),
    "cmi.student_preference.text": Element(Access.RW, checks.integer(-1, 1)),
    "cmi.interactions.n.id": Element(Access.WO, _ID),
    "cmi.interactions.n.objectives.n.id": Element(Access.WO, _ID),
    "cmi.interactions.n.time": Element(Access.WO, checks.time_12),
    "cmi.interactions.n.type": Element(
        Access.WO,
        checks.vocab(
            "true-false",
            "choice",
            "fill-in",
            "matching",
            "performance",
            "sequencing",
            "likert",
            "numeric",
        ),
    ),
    "cmi.interactions.n.correct_responses.n.pattern": Element(Access.WO, _FEEDBACK),
    "cmi.interactions.n.weighting": Element(Access.WO, checks.decimal()),
    "cmi.interactions.n.student_response": Element(Access.WO, _FEEDBACK),
    "cmi.interactions.n.result": Element(
        Access.WO, checks.result("correct", "wrong", "unanticipated", "neutral")
    ),
    "cmi.interactions.n.latency": Element(Access.WO, checks.timespan_12),
}

CHILDREN = {
    "cmi": "core,suspend_data,launch_data,comments,objectives,student_data,"
    "student_preference,interactions",
    "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,"
    "total_time,lesson_mode,exit,session_time",
    "cmi.core.score": "raw,min,max",
    "cmi.objectives": "id,score,status",
    "cmi.objectives.n.score": "raw,min,max",
    "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference": "audio,language,speed,text",
    "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,"
    "student_response,result,latency",
}

ARRAYS = frozenset(
    {
        "cmi.objectives",
        "cmi.interactions",
        "cmi.interactions.n.objectives",
        "cmi.interactions.n.correct_responses",
    }
)

# The 1.2 numbering: no separate codes for states, ranges or dependencies.
CODES = {
    Err.GENERAL: 101,
    Err.INIT_TWICE: 101,
    Err.INIT_AFTER_TERM: 101,
    Err.TERM_BEFORE_INIT: 301,
    Err.TERM_AFTER_TERM: 301,
    Err.GET_BEFORE_INIT: 301,
    Err.GET_AFTER_TERM: 301,
    Err.SET_BEFORE_INIT: 301,
    Err.SET_AFTER_TERM: 301,
    Err.COMMIT_BEFORE_INIT: 301,
    Err.COMMIT_AFTER_TERM: 301,
    Err.ARGUMENT: 201,
    Err.GET_FAILURE: 201,
    Err.SET_FAILURE: 101,
    Err.SET_ARGUMENT: 201,
    Err.COMMIT_FAILURE: 101,
    Err.UNDEFINED: 401,
    Err.UNIMPLEMENTED: 401,
    Err.NOT_SET: 0,  # 1.2 returns "" for an element without a value, without error
    Err.READ_ONLY: 403,
    Err.WRITE_ONLY: 404,
    Err.KEYWORD_SET: 402,
    Err.NO_CHILDREN: 202,
    Err.NO_COUNT: 203,
    Err.TYPE: 405,
    Err.RANGE: 405,
    Err.DEPENDENCY: 201,
}

MESSAGES = {
    0: "No error",
    101: "General exception",
    201: "Invalid argument error",
    202: "Element cannot have children",
    203: "Element not an array - cannot have count",
    301: "Not initialized",
    401: "Not implemented error",
    402: "Invalid set value, element is a keyword",
    403: "Element is read only",
    404: "Element is write only",
    405: "Incorrect data type",
}

METHODS = {
    "LMSInitialize": "initialize",
    "LMSFinish": "terminate",
    "LMSGetValue": "get",
    "LMSSetValue": "set",
    "LMSCommit": "commit",
    "LMSGetLastError": "last_error",
    "LMSGetErrorString": "error_string",
    "LMSGetDiagnostic": "diagnostic",
}

KEYS = Keys(
    status=("cmi.core.lesson_status",),
    score="cmi.core.score",
    location="cmi.core.lesson_location",
    suspend_data="cmi.suspend_data",
    session_time="cmi.core.session_time",
    total_time="cmi.core.total_time",
    exit="cmi.core.exit",
    entry="cmi.core.entry",
    progress="",
    preferences="cmi.student_preference.",
)

_COMPLETION = {
    "passed": "completed",
    "failed": "completed",
    "completed": "completed",
    "incomplete": "incomplete",
    "browsed": "incomplete",
    "not attempted": "not attempted",
}


def statuses(values: Values) -> tuple[str, str]:
    """(completion, success) from lesson_status: "failed" is a finished, failed lesson."""
    status = values.get("cmi.core.lesson_status", "not attempted")
    success = status if status in ("passed", "failed") else "unknown"
    return _COMPLETION.get(status, "unknown"), success


def on_finish(values: Values) -> dict[str, str]:
    """The LMS's own lesson_status rules at LMSFinish (RTE 1.2, 3.4.4, lesson_status).

    With a mastery score, a raw score, normal mode and credit, the LMS decides passed/failed
    unless the SCO decided it itself. Otherwise a SCO that set no status is "completed"
    ("browsed" in browse mode); review mode changes nothing.
    """
    status = values.get("cmi.core.lesson_status", "not attempted")
    mode = values.get("cmi.core.lesson_mode", "normal")
    mastery = values.get("cmi.student_data.mastery_score", "")
    raw = values.get("cmi.core.score.raw", "")
    graded = mode == "normal" and values.get("cmi.core.credit") == "credit"
    if graded and mastery and raw and status not in ("passed", "failed"):
        passed = float(raw) >= float(mastery)
        return {"cmi.core.lesson_status": "passed" if passed else "failed"}
    if status == "not attempted" and mode != "review":
        return {"cmi.core.lesson_status": "browsed" if mode == "browse" else "completed"}
    return {}


PROFILE = Profile(
    version="1.2",
    elements=ELEMENTS,
    children=CHILDREN,
    arrays=ARRAYS,
    codes=CODES,
    messages=MESSAGES,
    methods=METHODS,
    keys=KEYS,
    parse_time=timing.parse_timespan_12,
    format_time=timing.format_timespan_12,
    statuses=statuses,
    on_finish=on_finish,
)
