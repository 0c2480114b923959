"""The partnership's projects on the SDG goal pages (worldcitizenship.tagging's registry).

Registered at start-up from WorldcitizenshipConfig.ready(). One query; only public projects
(not `draft`)."""

from django.utils.translation import gettext_lazy as _

from .. import tagging
from .models import Project


@tagging.register
def partnership_projects(goal):
    projects = Project.objects.public().filter(sdgs=goal).only("pk", "title", "kind", "published_at")
    return [
        tagging.TaggedItem(
            kind=str(_("Educatief project (Francistown)") if p.is_educational else _("Project met Francistown")),
            title=p.title,
            url=p.get_absolute_url(),
            when=p.published_at,
        )
        for p in projects
    ]
