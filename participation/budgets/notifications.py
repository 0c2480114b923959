from django.utils.translation import gettext_lazy as _

from genk.core import notifications

PROPOSAL_REVIEWED = notifications.register(
    "budgets.proposal_reviewed",
    _("Je budgetvoorstel is beoordeeld"),
    _("Je voorstel '%(title)s': %(status)s"),
)
PHASE_STARTED = notifications.register(
    "budgets.phase_started",
    _("Een nieuwe fase van een budgetronde begint"),
    _("%(cycle)s: %(phase)s is begonnen"),
)
VOTING_CLOSES = notifications.register(
    "budgets.voting_closes",
    _("Herinnering: de stemming sluit bijna"),
    _("Nog twee dagen om te stemmen voor %(cycle)s"),
)
RESULTS_PUBLISHED = notifications.register(
    "budgets.results_published",
    _("De resultaten van een budgetronde zijn bekend"),
    _("De resultaten van %(cycle)s zijn bekend"),
)
BALLOT_CONFIRMED = notifications.register(
    "budgets.ballot_confirmed",
    _("Je stem is bevestigd"),
    _("Je stem voor %(heading)s is bevestigd"),
)
IDENTITY_LINKED = notifications.register(
    "budgets.identity_linked",
    _("Je identiteit is bevestigd voor een budgetronde"),
    _("Je account is gekoppeld aan je identiteit voor %(cycle)s"),
)
