"""Advisory councils: one module per aggregate (council and members, meetings, advice)."""

from .advice import Advice, AdviceRequest
from .council import Council, CouncilMembership, MembershipApplication
from .meeting import (
    ALLOWED_DOCUMENT_TYPES,
    MAX_DOCUMENT_SIZE,
    AgendaDocument,
    AgendaItem,
    Attendance,
    AttendanceSummary,
    Ballot,
    Meeting,
    Minutes,
    MinutesRemark,
    Vote,
)

__all__ = [
    "ALLOWED_DOCUMENT_TYPES",
    "MAX_DOCUMENT_SIZE",
    "Advice",
    "AdviceRequest",
    "AgendaDocument",
    "AgendaItem",
    "Attendance",
    "AttendanceSummary",
    "Ballot",
    "Council",
    "CouncilMembership",
    "Meeting",
    "MembershipApplication",
    "Minutes",
    "MinutesRemark",
    "Vote",
]
