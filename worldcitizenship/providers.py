"""The agenda's activities on the SDG pages (`neighbourhoods.agenda` is not a domain app, so this
app may read it; it cannot register itself, since `neighbourhoods` imports no domain app).

Public activities (published, cancelled, took place) whose `sdgs` list holds the goal; one query
for the counts of all goals (17 filtered counts), one for a page of a goal's activities; with a
year: the activities that start that year."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from neighbourhoods.agenda.models import Activity
from neighbourhoods.models import Neighbourhood

from . import tagging


def _public(year=None):
    return tagging.in_year(Activity.objects.public(), "starts_at", year)


def counts(year=None) -> dict[int, int]:
    return tagging.count_json_list(_public(year), "sdgs")


def _rows(number, year=None):
    return (
        tagging.filter_json_goal(_public(year), "sdgs", number)
        .select_related("neighbourhood")
        .only("title", "starts_at", "status", "neighbourhood__name")
        .order_by("-starts_at", "-pk")
    )


def _item(a) -> tagging.TaggedItem:
    return tagging.TaggedItem(
        kind=_("Activiteit"),
        title=a.title,
        url=a.get_absolute_url(),
        when=a.starts_at,
        detail=a.neighbourhood.name if a.neighbourhood_id else "",
    )


items = tagging.paged(_rows, _item)


tagging.register_provider(
    "activiteiten",
    label=gettext_lazy("Activiteiten"),
    counts=counts,
    items=items,
    first_items=tagging.batched(_rows, _item),
    tables=[Activity, Neighbourhood],
    order=50,
)
