"""Citizens' budget projects on the SDG pages. Proposals have no SDG field of their own: they are
tagged through `worldcitizenship`'s generic `SDGTag`. Only public proposals. One query for the
counts of all goals, one for a page of a goal's items; with a year: proposals submitted that year."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from worldcitizenship import tagging

from .models import Cycle, Proposal


def _public(year=None):
    return tagging.in_year(Proposal.objects.public(), "created", year)


def counts(year=None) -> dict[int, int]:
    return tagging.count_tags(_public(year))


def _rows(number, year=None):
    return (
        tagging.filter_tagged(_public(year), number)
        .select_related("cycle")
        .only("title", "created", "cycle__slug", "cycle__name")
        .order_by("-created", "-pk")
    )


def _item(p) -> tagging.TaggedItem:
    return tagging.TaggedItem(
        kind=_("Burgerbudgetproject"), title=p.title, url=p.get_absolute_url(), when=p.created, detail=p.cycle.name
    )


items = tagging.paged(_rows, _item)


tagging.register_provider(
    "burgerbudget",
    label=gettext_lazy("Burgerbudgetprojecten"),
    counts=counts,
    items=items,
    first_items=tagging.batched(_rows, _item),
    tables=[Proposal, Cycle, "worldcitizenship.SDGTag"],
    order=30,
)
