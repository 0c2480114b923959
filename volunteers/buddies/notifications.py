"""The notification kinds of language buddies. Bodies: templates/notifications/<kind>.txt.
Keys name the pair (or meeting) and the event, so a retried delivery sends nothing twice."""

from django.utils.translation import gettext_lazy as _

from genk.core import notifications

PROPOSED = notifications.register(
    "buddies.pair_proposed", _("Taalmaatjes voorgesteld"), _("Een voorstel voor een taalmaatje")
)
ACCEPTED = notifications.register(
    "buddies.pair_accepted", _("Taalmaatjes aanvaard"), _("Jullie zijn taalmaatjes: veel plezier!")
)
DECLINED = notifications.register(
    "buddies.pair_declined", _("Voorstel taalmaatjes geweigerd"), _("Het voorstel voor taalmaatjes gaat niet door")
)
ENDED = notifications.register(
    "buddies.pair_ended", _("Taalmaatjes gestopt"), _("Jullie koppel taalmaatjes is gestopt")
)
MEETING_TO_APPROVE = notifications.register(
    "buddies.meeting_to_approve",
    _("Ontmoeting taalmaatjes te keuren"),
    _("Een ontmoeting van taalmaatjes om goed te keuren"),
)


def coordinator_ids(pair) -> list[int]:
    """The volunteer coordinators of the organisation running the programme."""
    from genk.accounts.models import OrganisationMembership

    return list(
        OrganisationMembership.objects.current()
        .filter(
            organisation_id=pair.opportunity.organisation_id, role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR
        )
        .values_list("user_id", flat=True)
    )


def parties(pair) -> list[int]:
    return [pair.learner.user_id, pair.buddy.user_id]


def send(kind, recipients, pair, event, **context):
    notifications.notify(
        kind,
        recipients,
        key=f"buddies:pair:{pair.pk}:{event}",
        context={"programme": pair.opportunity.title, **context},
        url=pair.get_absolute_url(),
    )
