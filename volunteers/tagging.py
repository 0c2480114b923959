"""Volunteer opportunities on the SDG pages. Opportunities have no SDG field of their own: they
are tagged through `worldcitizenship`'s generic `SDGTag` (`tagging.set_tags(opportunity, [..])`).
Only public opportunities (published or closed). One query for the counts of all goals, one
for a page of a goal's items; with a year: the opportunities published that year."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.accounts.models import Organisation
from worldcitizenship import tagging

from .models import Opportunity


def _public(year=None):
    return tagging.in_year(Opportunity.objects.public(), "published_at", year)


def counts(year=None) -> dict[int, int]:
    return tagging.count_tags(_public(year))


def _rows(number, year=None):
    return (
        tagging.filter_tagged(_public(year), number)
        .select_related("organisation")
        .only("title", "slug", "published_at", "organisation__name")
        .order_by("-published_at", "-pk")
    )


def _item(o) -> tagging.TaggedItem:
    return tagging.TaggedItem(
        kind=_("Vrijwilligerswerk"),
        title=o.title,
        url=o.get_absolute_url(),
        when=o.published_at,
        detail=o.organisation.name,
    )


items = tagging.paged(_rows, _item)


tagging.register_provider(
    "vrijwilligerswerk",
    label=gettext_lazy("Vrijwilligerswerk"),
    counts=counts,
    items=items,
    first_items=tagging.batched(_rows, _item),
    tables=[Opportunity, Organisation, "worldcitizenship.SDGTag"],
    order=40,
)
