"""Followers of "fairtrade" hear of a new fair-trade point and of a criterion met, through
`worldcitizenship.follows.notify_followers` (inside the transaction; delivered after commit,
once per key)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from worldcitizenship.follows import notify_followers

SUBJECT = "fairtrade"


def point_approved(point) -> None:
    notify_followers(
        SUBJECT,
        key=f"fairtrade:point:{point.pk}:approved:followers",
        title=_("Nieuw fairtradepunt: %(name)s") % {"name": point.name},
        url=point.get_absolute_url(),
        summary=point.offer[:300],
    )


def progress_met(progress) -> None:
    notify_followers(
        SUBJECT,
        key=f"fairtrade:progress:{progress.pk}:met:{progress.met_at:%Y%m%d%H%M%S}",
        title=_("FairTrade-gemeente Genk: criterium %(number)s behaald in %(year)s")
        % {"number": progress.criterion.number, "year": progress.year},
        url=reverse("fairtrade:overview") + f"?jaar={progress.year}",
        summary=progress.criterion.title,
    )
