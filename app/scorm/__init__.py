"""SCORM 1.2 and 2004 run-time environments in plain Python: no Qt, no database, no network.

The player bridges the SCO's `window.API` / `window.API_1484_11` calls to `Runtime.call`; the
app persists `Runtime.snapshot()` (or each `CommitSummary.data`) and passes it back as
`previous` at the next launch.
"""

from app.scorm.runtime import Runtime
from app.scorm.session import LaunchInfo, new_runtime
from app.scorm.summary import CommitSummary

__all__ = ["CommitSummary", "LaunchInfo", "Runtime", "new_runtime"]
