"""The phase table: what each phase of a cycle allows and shows.

Pages and permissions ask the active phase (`cycle.spec()`), never compare phase names
themselves: to change what a phase allows, change this table (and the README's copy).

A phase starts at its date and ends when the next one starts; before the first phase
the cycle is "announced".
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PhaseSpec:
    key: str
    label: str
    description: str
    propose: bool = False  # residents submit proposals
    edit_proposals: bool = False  # authors edit or withdraw their own proposals
    review: bool = False  # civil servants review feasibility, merge duplicates
    vote: bool = False  # eligible residents vote online, staff enter paper ballots
    publish_results: bool = False  # staff count and publish (voting is closed in these phases)
    show_results: bool = False  # published results are shown
    post_updates: bool = False  # staff post implementation progress
    sections: tuple[str, ...] = ()  # what the cycle page shows, in order (templates/budgets/sections/)


ANNOUNCED = PhaseSpec(
    key="announced",
    label=_("aangekondigd"),
    description=_("De ronde is aangekondigd. Indienen kan vanaf de eerste fase."),
    sections=("announced", "rules"),
)

TABLE: dict[str, PhaseSpec] = {
    "proposals": PhaseSpec(
        key="proposals",
        label=_("voorstellen indienen"),
        description=_("Inwoners dienen projectvoorstellen in en kunnen ze aanpassen tot deze fase eindigt."),
        propose=True,
        edit_proposals=True,
        review=True,
        sections=("propose", "rules", "proposals"),
    ),
    "review": PhaseSpec(
        key="review",
        label=_("haalbaarheidsonderzoek"),
        description=_("De stad onderzoekt of de voorstellen haalbaar zijn en wat ze kosten."),
        review=True,
        sections=("review", "proposals", "rules"),
    ),
    "voting": PhaseSpec(
        key="voting",
        label=_("stemmen"),
        description=_("Inwoners stemmen online of op papier in een dienstencentrum."),
        vote=True,
        sections=("vote", "rules", "proposals"),
    ),
    "results": PhaseSpec(
        key="results",
        label=_("resultaten"),
        description=_("De stemmen zijn geteld; de gekozen projecten worden bekendgemaakt."),
        publish_results=True,
        show_results=True,
        sections=("results", "proposals"),
    ),
    "implementation": PhaseSpec(
        key="implementation",
        label=_("uitvoering"),
        description=_("De gekozen projecten worden uitgevoerd; hier volg je hoe ver ze staan."),
        publish_results=True,
        show_results=True,
        post_updates=True,
        sections=("implementation", "results", "proposals"),
    ),
}

PHASE_ORDER = list(TABLE)
CAPABILITIES = ("propose", "edit_proposals", "review", "vote", "publish_results", "show_results", "post_updates")


def spec_for(kind: str) -> PhaseSpec:
    return TABLE[kind]


def timeline(cycle) -> list[dict]:
    """The cycle's phases in order, each with its spec, end, and whether it is active or past
    (the timeline on the public and staff cycle pages). Needs `cycle.phase_list`."""
    active = cycle.active_phase()
    return [
        {
            "phase": phase,
            "spec": TABLE[phase.kind],
            "ends_at": cycle.phase_end(phase.kind),
            "is_active": active is not None and phase.pk == active.pk,
            "is_past": active is not None and PHASE_ORDER.index(phase.kind) < PHASE_ORDER.index(active.kind),
        }
        for phase in cycle.phase_list
    ]
