"""The notification kinds of initiatives (bodies: templates/notifications/<kind>.txt), and the
builders of their keys, contexts and links, shared by workflow.py, services.py and tasks.py.

Every kind is sent with `genk.core.notifications.notify` inside the transaction that caused
it (it fires on commit) with a key that names the event, so nothing is sent twice.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk.core import notifications


def key(initiative, event: str, moment) -> str:
    """The key of an event on `initiative` at `moment`: one notification per event."""
    return f"initiatives:{initiative.pk}:{event}:{int(moment.timestamp())}"


def context(initiative, **extra) -> dict:
    """The base of every notification's context (JSON-serialisable)."""
    return {"title": initiative.title, **extra}


def staff_url(initiative) -> str:
    return reverse("initiatives_staff:detail", kwargs={"pk": initiative.pk})


SUBMITTED = notifications.register(
    "initiatives.submitted", _("Initiatief ingediend"), _("Je initiatief ‘%(title)s’ is ingediend")
)
TO_MODERATE = notifications.register(
    "initiatives.to_moderate", _("Initiatief ter moderatie"), _("Nieuw initiatief ter moderatie: ‘%(title)s’")
)
CHANGES_REQUESTED = notifications.register(
    "initiatives.changes_requested", _("Aanpassing gevraagd"), _("Pas je initiatief ‘%(title)s’ aan")
)
PUBLISHED = notifications.register(
    "initiatives.published", _("Initiatief gepubliceerd"), _("Je initiatief ‘%(title)s’ is gepubliceerd")
)
REJECTED = notifications.register(
    "initiatives.rejected", _("Initiatief niet gepubliceerd"), _("Je initiatief ‘%(title)s’ wordt niet gepubliceerd")
)
THRESHOLD_REACHED = notifications.register(
    "initiatives.threshold_reached", _("Drempel bereikt"), _("‘%(title)s’ heeft genoeg steun verzameld")
)
SUPPORTS_CLOSED = notifications.register(
    "initiatives.supports_closed", _("Steunperiode afgelopen"), _("De steunperiode van ‘%(title)s’ is afgelopen")
)
ANSWERED = notifications.register(
    "initiatives.answered", _("Antwoord van de stad"), _("De stad antwoordt op ‘%(title)s’")
)
IN_PROGRESS = notifications.register(
    "initiatives.in_progress", _("Initiatief in uitvoering"), _("‘%(title)s’ is in uitvoering")
)
REALISED = notifications.register(
    "initiatives.realised", _("Initiatief gerealiseerd"), _("‘%(title)s’ is gerealiseerd")
)
WITHDRAWN = notifications.register(
    "initiatives.withdrawn", _("Initiatief ingetrokken"), _("‘%(title)s’ is ingetrokken")
)
UPDATE = notifications.register(
    "initiatives.update", _("Nieuws over een initiatief"), _("Nieuws over ‘%(title)s’: %(update_title)s")
)
INVITATION = notifications.register(
    "initiatives.invitation",
    _("Uitnodiging als mede-initiatiefnemer"),
    _("%(inviter)s nodigt je uit als mede-initiatiefnemer van ‘%(title)s’"),
)
INVITATION_ACCEPTED = notifications.register(
    "initiatives.invitation_accepted",
    _("Uitnodiging aanvaard"),
    _("%(name)s is nu mede-initiatiefnemer van ‘%(title)s’"),
)
HANDLER_ASSIGNED = notifications.register(
    "initiatives.handler_assigned", _("Initiatief toegewezen"), _("Je bent verantwoordelijk voor ‘%(title)s’")
)
COMMENT_HIDDEN = notifications.register(
    "initiatives.comment_hidden", _("Reactie verborgen"), _("Je reactie bij ‘%(title)s’ is verborgen")
)
REMINDER_DRAFT = notifications.register(
    "initiatives.reminder_draft", _("Herinnering: kladversie"), _("Je kladversie ‘%(title)s’ wacht nog op je")
)
REMINDER_MODERATION = notifications.register(
    "initiatives.reminder_moderation",
    _("Herinnering: moderatie te laat"),
    _("‘%(title)s’ wacht al %(days)s werkdagen op moderatie"),
)
REMINDER_ANSWER = notifications.register(
    "initiatives.reminder_answer", _("Herinnering: antwoord te laat"), _("Het antwoord op ‘%(title)s’ is te laat")
)
INITIATOR_REMOVED = notifications.register(
    "initiatives.initiator_removed",
    _("Niet meer in het team van een initiatief"),
    _("Je bent geen mede-initiatiefnemer meer van ‘%(title)s’"),
)
LEAD_TRANSFERRED = notifications.register(
    "initiatives.lead_transferred",
    _("Je bent nu de initiatiefnemer"),
    _("%(lead)s draagt ‘%(title)s’ aan jou over"),
)
INITIATOR_LEFT = notifications.register(
    "initiatives.initiator_left",
    _("Een mede-initiatiefnemer stapt uit"),
    _("%(name)s is geen mede-initiatiefnemer meer van ‘%(title)s’"),
)
