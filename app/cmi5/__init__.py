"""The cmi5 LMS side for one AU launch, on 127.0.0.1 only (cmi5 spec sections 7-11).

`Cmi5Registration` holds a learner's registration in a course (the LMS's statements, moveOn,
waivers); `Cmi5Session` one launch of one AU (launch data, the AU's statements checked and
stored, abandonment); `LocalLrs` the xAPI endpoint the AU talks to. Storage comes through the
protocols of `stores`; `memory` has in-memory versions.
"""

from __future__ import annotations

from app.cmi5.endpoint import LocalLrs
from app.cmi5.errors import Cmi5Violation
from app.cmi5.registration import Cmi5Registration
from app.cmi5.session import Cmi5Session
from app.cmi5.stores import Document, DocumentStore, RegistrationState, StatementStore, Stores

__all__ = [
    "Cmi5Registration",
    "Cmi5Session",
    "Cmi5Violation",
    "Document",
    "DocumentStore",
    "LocalLrs",
    "RegistrationState",
    "StatementStore",
    "Stores",
]
