"""Followers of "fairtrade" hear of a new fair-trade point and of a criterion met.

Through `worldcitizenship.follows.notify_followers` (built by the partnership work) when it
is there; until then nothing is sent (see README)."""

from django.utils.translation import gettext as _

try:  # pragma: no cover - depends on the merge of the follows module
    from worldcitizenship.follows import notify_followers
except ImportError:  # pragma: no cover
    notify_followers = None

SUBJECT = "fairtrade"


def point_approved(point) -> None:
    if notify_followers is None:
        return
    notify_followers(
        SUBJECT,
        key=f"fairtrade:point:{point.pk}:approved:followers",
        title=_("Nieuw fairtradepunt: %(name)s") % {"name": point.name},
        url=point.get_absolute_url(),
        summary=point.offer[:300],
    )


def progress_met(progress) -> None:
    if notify_followers is None:
        return
    from django.urls import reverse

    notify_followers(
        SUBJECT,
        key=f"fairtrade:progress:{progress.pk}:met:{progress.met_at:%Y%m%d%H%M%S}",
        title=_("FairTrade-gemeente Genk: criterium %(number)s behaald in %(year)s")
        % {"number": progress.criterion.number, "year": progress.year},
        url=reverse("fairtrade:overview") + f"?jaar={progress.year}",
        summary=progress.criterion.title,
    )
