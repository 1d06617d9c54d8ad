"""The Rustici golf samples' launch-page scripts, and the API calls they make, call by call.

The transcripts were written by reading shared/launchpage.html and shared/scormfunctions.js
of each sample: doStart() (Initialize, read status and bookmark), goToPage() on every page
(bookmark, "completed" on the last page), RecordTest() from the assessment page, doExit() and
doUnload() (session time, exit, Finish/Terminate). ScormProcessGetValue() calls
GetLastError only when a value comes back empty (1.2 always; 2004 when asked to check).
`test_golf_node.py` checks that the samples' own JavaScript makes exactly these calls.
"""

from __future__ import annotations

import re
import zipfile

from tests.conftest import SAMPLES

SCORM_12 = "scorm12_golf_singlescobasic.zip"
SCORM_2004 = "scorm2004_3rd_golf_RuntimeBasicCalls.zip"
_INLINE = re.compile(r'<script type="text/javascript">(.*?)</script>', re.DOTALL)

Call = tuple[str, ...]  # (method, *arguments, expected result)


def sample_text(package: str, path: str) -> str:
    with zipfile.ZipFile(SAMPLES / package) as archive:
        # Windows-1252: the ADL comments carry a curly apostrophe.
        return archive.read(path).decode("cp1252", errors="replace")


def launch_scripts(package: str) -> list[tuple[str, str]]:
    """The scripts launchpage.html runs, in order: scormfunctions.js, then its inline script."""
    page = sample_text(package, "shared/launchpage.html")
    (inline,) = _INLINE.findall(page)
    return [
        ("shared/scormfunctions.js", sample_text(package, "shared/scormfunctions.js")),
        ("shared/launchpage.html", inline),
    ]


def _pages(method: str, element: str, pages: range) -> list[Call]:
    return [(method, element, str(page), "true") for page in pages]


# ---- SCORM 1.2: 16 pages (0-15); the last one is the assessment ------------------------------

LAST_12 = 15

# First launch: pages 0-3, then the learner closes the window after 65 s (doUnload(false)).
FIRST_12: list[Call] = [
    ("LMSInitialize", "", "true"),
    ("LMSGetValue", "cmi.core.lesson_status", "not attempted"),
    ("LMSSetValue", "cmi.core.lesson_status", "incomplete", "true"),
    ("LMSGetValue", "cmi.core.lesson_location", ""),
    ("LMSGetLastError", "0"),
    *_pages("LMSSetValue", "cmi.core.lesson_location", range(4)),
    ("LMSSetValue", "cmi.core.session_time", "0000:01:05", "true"),
    ("LMSSetValue", "cmi.core.exit", "suspend", "true"),
    ("LMSFinish", "", "true"),
]

# Second launch: resume at page 3, read to the end, pass the test (80), press Exit after 5 min.
SECOND_12: list[Call] = [
    ("LMSInitialize", "", "true"),
    ("LMSGetValue", "cmi.core.lesson_status", "incomplete"),
    ("LMSGetValue", "cmi.core.lesson_location", "3"),
    *_pages("LMSSetValue", "cmi.core.lesson_location", range(3, LAST_12 + 1)),
    ("LMSSetValue", "cmi.core.lesson_status", "completed", "true"),
    ("LMSSetValue", "cmi.core.score.raw", "80", "true"),
    ("LMSSetValue", "cmi.core.score.min", "0", "true"),
    ("LMSSetValue", "cmi.core.score.max", "100", "true"),
    ("LMSSetValue", "cmi.core.lesson_status", "passed", "true"),
    ("LMSSetValue", "cmi.core.exit", "", "true"),
    ("LMSSetValue", "cmi.core.session_time", "0000:05:00", "true"),
    ("LMSFinish", "", "true"),
]

# Third launch: a new attempt starts at page 0.
THIRD_12: list[Call] = [
    ("LMSInitialize", "", "true"),
    ("LMSGetValue", "cmi.core.lesson_status", "not attempted"),
    ("LMSSetValue", "cmi.core.lesson_status", "incomplete", "true"),
    ("LMSGetValue", "cmi.core.lesson_location", ""),
    ("LMSGetLastError", "0"),
    ("LMSSetValue", "cmi.core.lesson_location", "0", "true"),
]

# ---- SCORM 2004: 15 pages (0-14) ------------------------------------------------------------

LAST_2004 = 14

# First launch: pages 0-3, then Exit, choosing to save progress, after 65 s.
FIRST_2004: list[Call] = [
    ("Initialize", "", "true"),
    ("GetValue", "cmi.completion_status", "unknown"),
    ("SetValue", "cmi.completion_status", "incomplete", "true"),
    ("GetValue", "cmi.location", ""),  # not checked: 403 is expected on a first launch
    *_pages("SetValue", "cmi.location", range(4)),
    ("SetValue", "cmi.exit", "suspend", "true"),
    ("SetValue", "adl.nav.request", "suspendAll", "true"),
    ("SetValue", "cmi.session_time", "PT1M5S", "true"),
    ("Terminate", "", "true"),
]

# Second launch: resume at page 3, read to the end, pass the test (85), Exit after 5 min.
SECOND_2004: list[Call] = [
    ("Initialize", "", "true"),
    ("GetValue", "cmi.completion_status", "incomplete"),
    ("GetValue", "cmi.location", "3"),
    *_pages("SetValue", "cmi.location", range(3, LAST_2004 + 1)),
    ("SetValue", "cmi.completion_status", "completed", "true"),
    ("SetValue", "cmi.score.raw", "85", "true"),
    ("SetValue", "cmi.score.min", "0", "true"),
    ("SetValue", "cmi.score.max", "100", "true"),
    ("SetValue", "cmi.score.scaled", "0.85", "true"),
    ("SetValue", "cmi.success_status", "passed", "true"),
    ("SetValue", "cmi.exit", "", "true"),
    ("SetValue", "adl.nav.request", "exitAll", "true"),
    ("SetValue", "cmi.session_time", "PT5M", "true"),
    ("Terminate", "", "true"),
]

THIRD_2004: list[Call] = [
    ("Initialize", "", "true"),
    ("GetValue", "cmi.completion_status", "unknown"),
    ("SetValue", "cmi.completion_status", "incomplete", "true"),
    ("GetValue", "cmi.location", ""),
    ("SetValue", "cmi.location", "0", "true"),
]
