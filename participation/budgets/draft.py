"""The voter's selection before they confirm it, kept in the session.

Nothing here counts: only a confirmed ballot (ballots.cast_ballot) is stored in the
database. The draft starts from the confirmed ballot, so changing a vote starts from it.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from . import eligibility


class Draft:
    def __init__(self, request, heading, valid_ids):
        self.session = request.session
        self.user = request.user
        self.heading = heading
        self.key = f"budgets:draft:{heading.pk}"
        stored = self.session.get(self.key)
        ids = stored if stored is not None else self.confirmed_ids
        # Projects can leave the ballot (rare during voting); drop what is no longer on it.
        self.ids = [pk for pk in ids if pk in valid_ids]

    @cached_property
    def confirmed(self) -> eligibility.OwnBallot | None:
        """The voter's confirmed ballot (read only when asked: a draft in the session is enough
        to confirm)."""
        return eligibility.own_ballot(self.user, self.heading)

    @property
    def confirmed_ids(self) -> list[int]:
        return sorted(self.confirmed.proposal_ids) if self.confirmed else []

    @property
    def changed(self) -> bool:
        return self.confirmed is not None and sorted(self.ids) != self.confirmed_ids

    def _save(self):
        self.session[self.key] = self.ids

    def add_problem(self, project, projects: dict):
        """Why `project` cannot be added now (None: it can)."""
        cycle = self.heading.cycle
        if project.pk in self.ids:
            return _("Dit project staat al op je stembrief.")
        if cycle.max_choices is not None and len(self.ids) >= cycle.max_choices:
            return _("Je hebt al %(n)s projecten gekozen, het maximum. Verwijder er eerst een.") % {
                "n": cycle.max_choices
            }
        if cycle.is_knapsack:
            spent = sum(projects[pk].cost for pk in self.ids if pk in projects)
            if spent + project.cost > self.heading.amount:
                return _("%(title)s past niet meer in het budget: er is nog € %(left)s over.") % {
                    "title": project.title,
                    "left": f"{self.heading.amount - spent:,.0f}".replace(",", "."),
                }
        return None

    def add(self, pk: int):
        self.ids.append(pk)
        self._save()

    def remove(self, pk: int):
        self.ids = [i for i in self.ids if i != pk]
        self._save()

    def clear(self):
        self.session.pop(self.key, None)
