"""Which versions the cached budget fragments depend on (the machinery: genk/core/pagecache.py).

- `REFERENCE`: themes, wijken and stadsdelen (their names are on the project cards);
- **a cycle's own version** (`cycle(pk)`): the cycle, its phases, headings, projects and
  their implementation updates and results. A write to one cycle retires only its pages.
  Ballots do not move it: no public page of a cycle in its voting phase shows votes (the
  results are stored apart, and written once voting has closed);
- `CONTENT`: moved by a bulk write whose cycles cannot be told (retires every budget page).

The ballot's project cards of a heading (`ballot_cards`) are the same for every voter and
cached under these versions; the ballot page adds only the voter's own choices.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.template.loader import get_template

from genk.core import pagecache

NAMESPACE = "budgets"
REFERENCE = "budgets:reference"
CONTENT = "budgets:content"


def cycle(pk) -> str:
    return pagecache.of("budgets.cycle", pk)


def cycle_versions(pk) -> str:
    """The versions a cycle's cached pages and fragments depend on, as one string."""
    return pagecache.joined(pagecache.tokens(REFERENCE, CONTENT, cycle(pk)))


def key(name: str, *parts, versions: str) -> str:
    return pagecache.key(NAMESPACE, name, *parts, versions=versions)


# The states of a card on the ballot: chosen by the voter, can be chosen, does not fit (the
# rest of the amount, or the number of projects).
SELECTED, FITS, FULL = "selected", "fits", "full"


@dataclass(frozen=True)
class Card:
    """A project on the ballot: what the voter's choices need (pk, title, cost) and its card
    (the `<li>`, the same for every voter) in each state."""

    pk: int
    title: str
    cost: Decimal
    html: dict[str, str]


# Indentation at the start of a line: the cards are kept without it (a third of their size,
# and the time to read them from the cache); none holds preformatted text.
_INDENT = re.compile(r"\n[ \t]+")


def ballot_cards(heading) -> list[Card]:
    """The feasible projects of `heading` in ballot order (title, pk), each with its card's HTML
    in every state: from the cache while the cycle's versions are unchanged (no query, no
    template), else read, rendered and kept. Kept as plain tuples and strings, which are the
    quickest to read back."""
    cache_key = key("ballot-cards", heading.pk, versions=cycle_versions(heading.cycle_id))
    found = cache.get(cache_key)
    if found is None:
        found = _render_cards(heading)
        pagecache.store(cache_key, "".join(row[4] for row in found), found, None)
    return [
        Card(pk, title, Decimal(cents) / 100, {SELECTED: selected, FITS: fits, FULL: full})
        for pk, title, cents, selected, fits, full in found
    ]


def ballot_projects(heading) -> list[Card]:
    """The projects on the ballot for the confirmation, which shows no card: the cached
    cards when they are there, else the projects' pk, title and cost, kept under the same
    versions (one light query; no template rendered)."""
    versions = cycle_versions(heading.cycle_id)
    found = cache.get(key("ballot-cards", heading.pk, versions=versions))
    if found is None:
        light_key = key("ballot-projects", heading.pk, versions=versions)
        found = cache.get(light_key)
        if found is None:
            from .models import Proposal

            projects = (
                Proposal.objects.filter(heading=heading, status=Proposal.Status.FEASIBLE)
                .only("pk", "title", "estimated_cost", "revised_cost")
                .order_by("title", "pk")
            )
            found = [(p.pk, str(p.title), int(p.cost * 100)) for p in projects]
            pagecache.store(light_key, "", found, None)
    return [Card(pk, title, Decimal(cents) / 100, {}) for pk, title, cents, *_html in found]


def _render_cards(heading) -> list[tuple]:
    from .models import Proposal

    # A wijk's boundary is a large GeoJSON document: the cards need only its name.
    projects = (
        Proposal.objects.filter(heading=heading, status=Proposal.Status.FEASIBLE)
        .select_related("theme", "neighbourhood")
        .only(
            "pk",
            "title",
            "summary",
            "estimated_cost",
            "revised_cost",
            "theme__name",
            "neighbourhood__name",
            "cycle_id",
        )
        .order_by("title", "pk")
    )
    template = get_template("budgets/partials/ballot_card.html")
    cycle = heading.cycle

    def html(project, state) -> str:
        return str(_INDENT.sub("\n", template.render({"project": project, "cycle": cycle, "state": state})))

    return [(p.pk, str(p.title), int(p.cost * 100), html(p, SELECTED), html(p, FITS), html(p, FULL)) for p in projects]


# What moves which version (receivers of the signals connected in apps.py, and of the bulk
# writes through the querysets' `changes_public_pages`).


def cycles_changed(pks, fields=None) -> None:
    """Cycles `pks` (None: unknown ones) or what hangs on them changed."""
    if pks is None:
        pagecache.move(CONTENT)
    else:
        pagecache.move(*(cycle(pk) for pk in pks))


def cycle_saved(sender, instance, **kwargs) -> None:
    cycles_changed({instance.pk})


def part_saved(sender, instance, **kwargs) -> None:
    """A phase, heading or project (`cycle_id`) changed."""
    cycles_changed({instance.cycle_id})


def heading_part_saved(sender, instance, **kwargs) -> None:
    """A heading's stored result (`heading_id`): its cycle changed."""
    from .models import Heading

    cycles_changed(set(Heading.objects.filter(pk=instance.heading_id).values_list("cycle_id", flat=True)) or None)


def proposal_part_saved(sender, instance, **kwargs) -> None:
    """An implementation update or a project's result (`proposal_id`): its cycle changed."""
    from .models import Proposal

    cycles_changed(set(Proposal.objects.filter(pk=instance.proposal_id).values_list("cycle_id", flat=True)) or None)


def themes_changed(sender, instance, action, reverse, pk_set=None, **kwargs) -> None:
    """A cycle's themes (`m2m_changed`), from either side."""
    if not action.startswith("post_"):
        return
    cycles_changed({instance.pk} if not reverse else None)


def reference_changed(**kwargs) -> None:
    """A theme, wijk or stadsdeel changed (a signal receiver as well)."""
    pagecache.move(REFERENCE)


# The querysets' bulk writes: by the cycle they name (`filter(cycle=…)`), else everything.
ChangesCycles = pagecache.changes_public_pages("pk", cycles_changed)  # Cycle
ChangesCycleParts = pagecache.changes_public_pages("cycle", cycles_changed)  # Phase, Heading, Proposal
