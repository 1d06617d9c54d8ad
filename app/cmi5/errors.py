"""The one error of the cmi5 LMS side: a request or statement the rules refuse."""

from __future__ import annotations


class Cmi5Violation(Exception):
    """Refused, with the HTTP status to answer and the reason (English: it goes to the AU).

    `rule` names the requirement, e.g. "9.3.0.0-2" (cmi5) or "xAPI"; nothing was stored.
    """

    def __init__(self, status: int, reason: str, rule: str = "") -> None:
        super().__init__(f"{status} {reason}" + (f" ({rule})" if rule else ""))
        self.status = status
        self.reason = reason
        self.rule = rule
