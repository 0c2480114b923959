"""Granted subsidy files on the world-citizenship pages, through their scheme's SDGs.

- The SDG overview (`worldcitizenship.tagging`): granted files counted per goal of their scheme
  (one query), a page of a goal's files (one query). With a year: the files of that budget year.
- The international-solidarity pages (`worldcitizenship.solidarity`): the granted files of the
  organisations of the kind `north_south` (Noord-Zuidorganisaties), whatever the scheme.

Only what the public subsidy register shows (granted files, the organisation's name, never a
person's), each linking to its line in the register."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.accounts.models import Organisation
from genk.core.formats import euro
from worldcitizenship import solidarity, tagging

from .models import Scheme, SubsidyFile

NORTH_SOUTH = "north_south"


def _granted(year=None):
    qs = SubsidyFile.objects.in_register()
    return qs if year is None else qs.filter(budget_year=int(year))


def _register_url(file) -> str:
    return reverse("subsidies:register") + "?" + urlencode({"q": file.reference})


def counts(year=None) -> dict[int, int]:
    return tagging.count_by_goal(_granted(year), "scheme__sdgs__number")


def _rows(number, year=None):
    return (
        _granted(year).filter(scheme__sdgs__number=number).select_related("organisation").order_by("-decided_on", "-pk")
    )


def _item(f) -> tagging.TaggedItem:
    return tagging.TaggedItem(
        kind=_("Subsidie"),
        title=f.title,
        url=_register_url(f),
        when=f.decided_on,
        detail=f"{f.recipient_label} · {euro(f.amount_granted)}",
    )


items = tagging.paged(_rows, _item)


tagging.register_provider(
    "subsidies",
    label=gettext_lazy("Subsidies"),
    counts=counts,
    items=items,
    first_items=tagging.batched(_rows, _item),
    tables=[SubsidyFile, Scheme, Scheme.sdgs.through, Organisation],
    order=20,
)


def north_south_grants(*, organisation_ids=None, year=None, limit=50) -> list:
    rows = (
        _granted(year)
        .filter(organisation__kind=NORTH_SOUTH)
        .select_related("organisation", "scheme")
        .order_by("-decided_on", "-pk")
    )
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=list(organisation_ids))
    return [
        solidarity.Grant(
            title=f.title,
            url=_register_url(f),
            recipient=f.recipient_label,
            organisation_id=f.organisation_id,
            scheme=f.scheme.name,
            amount=f.amount_granted,
            year=f.budget_year,
            decided_on=f.decided_on,
        )
        for f in rows[:limit]
    ]


solidarity.register_grants("subsidies", north_south_grants, tables=[SubsidyFile, Scheme, Organisation])
