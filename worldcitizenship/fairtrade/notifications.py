"""The notification kinds of FairTrade town. Bodies: templates/notifications/<kind>.txt.

Queued inside the transaction that caused them (genk.core.notifications.notify), sent after
commit under a key that names the event: nothing is sent twice."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk.core import notifications

TO_REVIEW = notifications.register(
    "fairtrade.to_review", _("Fairtradepunt aangemeld"), _("Nieuw fairtradepunt na te kijken: ‘%(title)s’")
)
APPROVED = notifications.register(
    "fairtrade.approved", _("Fairtradepunt goedgekeurd"), _("‘%(title)s’ staat in de gids van fairtradepunten")
)
DECLINED = notifications.register(
    "fairtrade.declined", _("Fairtradepunt geweigerd"), _("‘%(title)s’ komt niet in de gids van fairtradepunten")
)
WITHDRAWN = notifications.register(
    "fairtrade.withdrawn", _("Fairtradepunt ingetrokken"), _("‘%(title)s’ staat niet meer in de gids")
)


def _owners(point) -> list[int]:
    ids = {point.applicant_id} if point.applicant_id else set()
    if point.organisation_id:
        ids.update(point.organisation.memberships.current().values_list("user_id", flat=True))
    return sorted(ids)


def to_officers(point) -> None:
    from .rules import DEPARTMENT

    officers = (
        get_user_model().objects.filter(department_memberships__department__slug=DEPARTMENT, is_active=True).distinct()
    )
    notifications.notify(
        TO_REVIEW.key,
        list(officers.values_list("pk", flat=True)),
        key=f"fairtrade:point:{point.pk}:submitted",
        context={"title": point.name, "kind": point.get_kind_display(), "address": point.address},
        url=reverse("fairtrade_staff:review", args=[point.pk]),
    )


def decided(point, kind) -> None:
    notifications.notify(
        kind.key,
        _owners(point),
        key=f"fairtrade:point:{point.pk}:{point.status}",
        context={"title": point.name, "message": point.review_message},
        url=point.get_absolute_url(),
    )
