"""The states of Francistown partnership projects, and the only functions that change them.

Project (educational projects too): created `draft` (only the officer sees it) → `publish` →
`running` (public; followers are told); `running` → `complete` → `completed` (with a closing
note: what came of it); `running` → `stop` → `stopped` (with the reason, public). A completed
or stopped project stays public with its results; there is no way back (a new phase is a new
project).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.refusals import NotAllowed
from genk.core.workflow import Transition, Workflow, follow

from .partnership import notify
from .partnership.models import Project

P = Project.Status

PROJECT_FLOW = Workflow(
    Project,
    [
        Transition("publish", {P.DRAFT}, P.RUNNING, "worldcitizenship.change_project", _("Publiceren")),
        Transition("complete", {P.RUNNING}, P.COMPLETED, "worldcitizenship.change_project", _("Afronden")),
        Transition("stop", {P.RUNNING}, P.STOPPED, "worldcitizenship.change_project", _("Stopzetten")),
    ],
    audit_prefix="worldcitizenship.project",
)


def publish(project, user):
    with transaction.atomic():
        t, locked = PROJECT_FLOW.begin("publish", project, user, related=("partnership",))
        PROJECT_FLOW.move(t, locked, user, published_at=timezone.now())
        notify.project_published(locked)
    follow(project, locked)
    return project


def _close(name: str, project, user, note: str):
    if not note.strip():
        raise NotAllowed(
            _("Schrijf kort wat het project opleverde.") if name == "complete" else _("Schrijf waarom het stopt.")
        )
    with transaction.atomic():
        t, locked = PROJECT_FLOW.begin(name, project, user, related=("partnership",))
        PROJECT_FLOW.move(t, locked, user, reason=note, closed_at=timezone.now(), closing_note=note.strip())
    follow(project, locked)
    return project


def complete(project, user, note: str):
    return _close("complete", project, user, note)


def stop(project, user, reason: str):
    return _close("stop", project, user, reason)
