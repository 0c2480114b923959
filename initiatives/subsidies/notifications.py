"""The notification kinds of subsidy files (bodies: templates/notifications/<kind>.txt), and the
builders of their keys, contexts and links, shared by workflow.py, services.py and tasks.py.

Every kind is sent with `genk.core.notifications.notify` inside the transaction that caused it
(it fires on commit) with a key that names the event, so nothing is sent twice. Every context
has `title` and `reference`.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import notifications
from genk.core.formats import day_label

from . import conf


def context(file, **extra) -> dict:
    """The base of every notification's context: JSON-serialisable strings."""
    return {
        "title": file.title,
        "reference": file.reference,
        "scheme": file.scheme.name,
        "department": file.scheme.department.name,
        **extra,
    }


def key(file, event: str, moment=None) -> str:
    """The key of an event on `file` (at `moment`, default now): one notification per event."""
    moment = moment or timezone.now()
    return f"subsidies:{file.pk}:{event}:{int(moment.timestamp())}"


def staff_url(file) -> str:
    return reverse("subsidies_staff:file", kwargs={"reference": file.reference})


def applicant_url(file) -> str:
    return reverse("subsidies:file", kwargs={"reference": file.reference})


def invitation_expires(co):
    """When the invitation of the co-applicant `co` stops working."""
    return co.invited_at + timedelta(days=conf.invitation_days())


def invitation_context(co, inviter) -> dict:
    return {
        "title": co.file.title,
        "reference": co.file.reference,
        "inviter": inviter.public_name,
        "expires": day_label(invitation_expires(co)),
        "link": notifications.absolute_url(co.get_absolute_url()),
    }


# To the applicants.
SUBMITTED = notifications.register(
    "subsidies.submitted", _("Subsidieaanvraag ingediend"), _("Je aanvraag %(reference)s ‘%(title)s’ is ingediend")
)
INFO_REQUESTED = notifications.register(
    "subsidies.info_requested", _("Meer informatie gevraagd"), _("De stad vraagt meer informatie over %(reference)s")
)
INTAKE_ACCEPTED = notifications.register(
    "subsidies.intake_accepted", _("Aanvraag ontvankelijk"), _("Je aanvraag %(reference)s is ontvankelijk")
)
GRANTED = notifications.register(
    "subsidies.granted", _("Subsidie toegekend"), _("Je subsidie %(reference)s ‘%(title)s’ is toegekend")
)
REFUSED = notifications.register(
    "subsidies.refused", _("Subsidie geweigerd"), _("Beslissing over je aanvraag %(reference)s ‘%(title)s’")
)
PAID = notifications.register("subsidies.paid", _("Subsidie betaald"), _("Betaling voor %(reference)s: € %(amount)s"))
REPORT_RETURNED = notifications.register(
    "subsidies.report_returned", _("Eindverslag aan te vullen"), _("Vul het eindverslag van %(reference)s aan")
)
REPORT_APPROVED = notifications.register(
    "subsidies.report_approved", _("Eindverslag goedgekeurd"), _("Het eindverslag van %(reference)s is goedgekeurd")
)
CLOSED = notifications.register("subsidies.closed", _("Dossier afgesloten"), _("Dossier %(reference)s is afgesloten"))
INVITATION = notifications.register(
    "subsidies.invitation",
    _("Uitnodiging als mede-aanvrager"),
    _("%(inviter)s nodigt je uit als mede-aanvrager van ‘%(title)s’"),
)
INVITATION_ACCEPTED = notifications.register(
    "subsidies.invitation_accepted",
    _("Uitnodiging als mede-aanvrager aanvaard"),
    _("%(name)s is nu mede-aanvrager van %(reference)s"),
)
DOCUMENT_ADDED = notifications.register(
    "subsidies.document_added",
    _("Document van de stad"),
    _("De stad voegde een document toe aan %(reference)s ‘%(title)s’"),
)
REMINDER_INFO = notifications.register(
    "subsidies.reminder_info",
    _("Herinnering: informatie gevraagd"),
    _("Herinnering: de stad wacht op je antwoord over %(reference)s"),
)
REMINDER_REPORT = notifications.register(
    "subsidies.reminder_report",
    _("Herinnering: eindverslag"),
    _("Herinnering: het eindverslag van %(reference)s is verwacht tegen %(due)s"),
)

# To the city.
TO_INTAKE = notifications.register(
    "subsidies.to_intake", _("Nieuwe subsidieaanvraag"), _("Nieuwe subsidieaanvraag %(reference)s ‘%(title)s’")
)
INFO_ANSWERED = notifications.register(
    "subsidies.info_answered", _("Antwoord van de aanvrager"), _("De aanvrager van %(reference)s antwoordde")
)
HANDLER_ASSIGNED = notifications.register(
    "subsidies.handler_assigned", _("Dossier toegewezen"), _("Je behandelt dossier %(reference)s ‘%(title)s’")
)
ASSESSOR_ASSIGNED = notifications.register(
    "subsidies.assessor_assigned", _("Beoordeling gevraagd"), _("Beoordeel dossier %(reference)s ‘%(title)s’")
)
ASSESSMENT_SUBMITTED = notifications.register(
    "subsidies.assessment_submitted",
    _("Beoordeling ingediend"),
    _("%(assessor)s beoordeelde dossier %(reference)s"),
)
TO_DECIDE = notifications.register(
    "subsidies.to_decide", _("Voorstel van beslissing"), _("Te beslissen door het college: %(reference)s ‘%(title)s’")
)
DECIDED = notifications.register(
    "subsidies.decided", _("Beslissing geregistreerd"), _("Het college besliste over %(reference)s")
)
REPORT_SUBMITTED = notifications.register(
    "subsidies.report_submitted", _("Eindverslag ingediend"), _("Eindverslag ingediend voor %(reference)s")
)
WITHDRAWN = notifications.register(
    "subsidies.withdrawn", _("Aanvraag ingetrokken"), _("Aanvraag %(reference)s is ingetrokken")
)
REMINDER_INTAKE = notifications.register(
    "subsidies.reminder_intake",
    _("Herinnering: ontvankelijkheid te laat"),
    _("De ontvankelijkheid van %(reference)s is te laat (verwacht tegen %(due)s)"),
)
REMINDER_ASSESSMENT = notifications.register(
    "subsidies.reminder_assessment",
    _("Herinnering: beoordeling te laat"),
    _("De beoordeling van %(reference)s is te laat (verwacht tegen %(due)s)"),
)
REMINDER_DECISION = notifications.register(
    "subsidies.reminder_decision",
    _("Herinnering: beslissing te laat"),
    _("De beslissing over %(reference)s is te laat (verwacht tegen %(due)s)"),
)
DIGEST = notifications.register(
    "subsidies.digest",
    _("Weekoverzicht subsidies"),
    _("Subsidies: het weekoverzicht van %(department)s"),
)
