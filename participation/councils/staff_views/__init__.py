"""Pages for the chair and the secretary (and the civil servants who answer advice), under
/beheer/adviesraden/. Views stay thin: they check the permission on the object, call a
service or a workflow transition, and say what happened.

One module per journey: `councils` (overview, council, members, applications), `meetings`
(meetings, agenda, attendance and votes), `minutes`, `advice` (advice and requests for advice);
`common` holds what they share."""

from .advice import advice, advice_answer, advice_approve, advice_new, advice_send, request_decline, request_new
from .councils import (
    application_decide,
    applications,
    council,
    council_settings,
    index,
    members,
    membership_edit,
    membership_end,
)
from .meetings import (
    attendance,
    document_delete,
    item_add,
    item_delete,
    item_edit,
    item_move,
    meeting,
    meeting_cancel,
    meeting_edit,
    meeting_new,
    meeting_transition,
    vote,
)
from .minutes import minutes, minutes_approve, minutes_send, remark_respond

__all__ = [
    "advice",
    "advice_answer",
    "advice_approve",
    "advice_new",
    "advice_send",
    "application_decide",
    "applications",
    "attendance",
    "council",
    "council_settings",
    "document_delete",
    "index",
    "item_add",
    "item_delete",
    "item_edit",
    "item_move",
    "meeting",
    "meeting_cancel",
    "meeting_edit",
    "meeting_new",
    "meeting_transition",
    "members",
    "membership_edit",
    "membership_end",
    "minutes",
    "minutes_approve",
    "minutes_send",
    "remark_respond",
    "request_decline",
    "request_new",
    "vote",
]
