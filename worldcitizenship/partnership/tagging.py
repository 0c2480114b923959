"""The partnership's projects on the SDG pages (worldcitizenship.tagging's registry).

Imported at start-up from WorldcitizenshipConfig.ready(). Only public projects (not `draft`):
one query for the counts of all goals, one for a page of a goal's items; with a year: projects
published that year."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import tagging
from .models import Project


def _public(year=None):
    return tagging.in_year(Project.objects.public(), "published_at", year)


def counts(year=None) -> dict[int, int]:
    return tagging.count_by_goal(_public(year), "sdgs__number")


def _rows(number, year=None):
    return (
        _public(year)
        .filter(sdgs__number=number)
        .only("pk", "title", "kind", "published_at")
        .order_by("-published_at", "-pk")
    )


def _item(p) -> tagging.TaggedItem:
    return tagging.TaggedItem(
        kind=_("Educatief project (Francistown)") if p.is_educational else _("Project met Francistown"),
        title=p.title,
        url=p.get_absolute_url(),
        when=p.published_at,
    )


items = tagging.paged(_rows, _item)


tagging.register_provider(
    "francistown",
    label=gettext_lazy("Projecten met Francistown"),
    counts=counts,
    items=items,
    first_items=tagging.batched(_rows, _item),
    tables=[Project, Project.sdgs.through],
    order=60,
)
