"""Burgerbudget at city scale (issue 6): one city-wide cycle in its voting phase with 300
projects and 100,000 confirmed ballots, seeded by the app's own `participation.budgets.seed`;
the pages `make bench` measures for it, and the count of the votes."""

from bench import pages, seed

HEADING = "heel-genk"


@seed.step(order=120)
def budgets(ctx: seed.SeedContext) -> str:
    """`participation.budgets.seed.seed` at the context's scale (nothing when the cycle
    `bench-burgerbudget` is there already)."""
    from participation.budgets.seed import seed as seed_budgets

    result = seed_budgets(scale=ctx.scale)
    if not result["created"]:
        moved = keep_voting_open(ctx.now)
        return "cycle bench-burgerbudget already there" + (" (phases moved: voting open again)" if moved else "")
    return f"cycle bench-burgerbudget: {result['projects']:,} projects, {result['ballots']:,} ballots"


def keep_voting_open(now) -> bool:
    """The seed dates the phases from the day it ran (voting opened the day before and closes
    29 days later), but a bench database lives longer than a month. When voting is no longer
    open, move the phases back to where the seed put them relative to `now`, so the ballot
    pages keep measuring a cycle in its voting phase. Returns whether it moved them."""
    from datetime import timedelta

    from participation.budgets.models import Cycle, Phase
    from participation.budgets.phases import PHASE_ORDER
    from participation.budgets.seed import SLUG

    cycle = Cycle.objects.prefetch_related("phases").filter(slug=SLUG).first()
    if cycle is None or cycle.spec(now).vote:
        return False
    voting = PHASE_ORDER.index("voting")
    for index, kind in enumerate(PHASE_ORDER):
        Phase.objects.filter(cycle=cycle, kind=kind).update(starts_at=now + timedelta(days=30 * (index - voting) - 1))
    return True


@seed.on_reset
def delete_budget_cycle():
    """The seeded cycle. Ballots, ballot choices and paper voters protect what they point at,
    so they go first, then the projects, then the cycle (headings, phases, follows)."""
    from participation.budgets.models import Ballot, BallotChoice, Cycle, Proposal, VoterRecord
    from participation.budgets.seed import SLUG

    BallotChoice.objects.filter(ballot__heading__cycle__slug=SLUG).delete()
    Ballot.objects.filter(heading__cycle__slug=SLUG).delete()
    Proposal.objects.filter(cycle__slug=SLUG).delete()
    VoterRecord.objects.filter(cycle__slug=SLUG).delete()
    Cycle.objects.filter(slug=SLUG).delete()


def seeded_heading():
    from participation.budgets.models import Heading
    from participation.budgets.seed import SLUG

    heading = Heading.objects.select_related("cycle").filter(cycle__slug=SLUG, slug=HEADING).first()
    if heading is None:
        raise SystemExit("No seeded burgerbudget cycle: run seed_city again.")
    return heading


def cheapest_choices(heading, count: int = 3) -> list[int]:
    """A valid selection for a ballot: the `count` cheapest projects on it."""
    from participation.budgets.ballots import validate_choices
    from participation.budgets.models import Proposal

    ids = list(
        Proposal.objects.filter(heading=heading)
        .on_ballot()
        .order_by("estimated_cost", "pk")
        .values_list("pk", flat=True)[:count]
    )
    validate_choices(heading, ids)  # raises if the rules of the cycle refuse it
    return ids


def online_ballots(heading, count: int, exclude=()) -> list:
    """`count` confirmed online ballots of `heading` (voter order, choices prefetched) whose
    voters are not in `exclude`: voters who can confirm a changed ballot."""
    from participation.budgets.models import Ballot

    return list(
        Ballot.objects.filter(heading=heading, channel=Ballot.Channel.ONLINE, voter__isnull=False)
        .exclude(voter_id__in=[pk for pk in exclude if pk is not None])
        .order_by("voter_id")
        .prefetch_related("choices")[:count]
    )


def snapshot(ballots) -> dict:
    """What `restore` needs to put `ballots` (choices prefetched) back: per ballot pk its
    revision, total, choice count, confirmation time and chosen projects."""
    return {
        b.pk: (b.revision, b.total_cost, b.choice_count, b.confirmed_at, [c.proposal_id for c in b.choices.all()])
        for b in ballots
    }


def restore(before: dict) -> None:
    """Put the ballots of a `snapshot` back as they were (their choices, revision, totals)."""
    from participation.budgets.models import Ballot, BallotChoice

    BallotChoice.objects.filter(ballot_id__in=before).delete()
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot_id=pk, proposal_id=proposal) for pk, (*_, ids) in before.items() for proposal in ids
    )
    for pk, (revision, total, count, confirmed_at, _ids) in before.items():
        Ballot.objects.filter(pk=pk).update(
            revision=revision, total_cost=total, choice_count=count, confirmed_at=confirmed_at
        )


@pages.register(order=120)
def budget_pages(ctx: pages.PageContext) -> list:
    """The project list, the ballot page of a voter, confirming a ballot, and the count.

    Confirming is a POST to `…/stemmen/heel-genk/bevestigen/` by a different voter per request,
    each with a session that holds their draft selection (the three cheapest projects) as if
    they had just added them on the ballot page; the CSRF token comes from the confirmation
    page, which a voter sees before pressing the button. At city scale every eligible seeded
    resident has voted already (the seed casts 85,000 online ballots on ~66,000 eligible
    residents, capped, and the rest on paper), so each POST *changes* a confirmed ballot
    (revision + 1, its choices replaced): the same work as a first ballot plus one delete.
    `undo` restores the original ballots afterwards."""
    from participation.budgets import counting, services
    from participation.budgets.models import Ballot
    from participation.budgets.seed import SLUG

    heading = seeded_heading()
    projects = [counting.Project(p.pk, p.cost) for p in heading.proposals.on_ballot()]
    loaded = list(services.ballots_of(heading))

    def compute() -> str:
        outcome = services.compute(heading)
        return f"{outcome.ballots:,} ballots, {len(outcome.selected)} projects selected"

    def count() -> str:
        outcome = counting.count(projects, loaded, heading.rule(), seed=heading.cycle.tie_break_seed)
        return f"{outcome.ballots:,} ballots in memory"

    found = [
        pages.Page(f"burgerbudget: projecten ({len(projects)})", f"/burgerbudget/{SLUG}/voorstellen/"),
        pages.Timing(f"tellen: services.compute, {len(loaded):,} stembrieven uit PostgreSQL", compute, target=1.0),
        pages.Timing(f"tellen: counting.count, {len(loaded):,} stembrieven in het geheugen", count, target=1.0),
    ]
    if not heading.cycle.spec().vote:
        return found + ctx.skip("stembrief, stem bevestigen", "the seeded cycle is not in its voting phase")
    choices = cheapest_choices(heading)
    online = Ballot.objects.filter(heading=heading, channel=Ballot.Channel.ONLINE, voter__isnull=False)
    voter = online.filter(voter=ctx.resident).first() or online.order_by("voter_id").first()
    ballots = online_ballots(
        heading, ctx.requests_per_page, exclude=[ctx.resident.pk, getattr(voter, "voter_id", None)]
    )
    if voter is None or len(ballots) < ctx.requests_per_page:
        return found + ctx.skip("stembrief, stem bevestigen", f"only {len(ballots)} online voters in the cycle")
    before = snapshot(ballots)
    voters = [b.voter_id for b in ballots]

    def check() -> str | None:
        revisions = Ballot.objects.filter(pk__in=before).values_list("pk", "revision")
        changed = [pk for pk, revision in revisions if revision > before[pk][0]]
        return None if len(changed) == len(before) else f"{len(changed)} of {len(before)} ballots confirmed"

    def undo() -> None:
        restore(before)

    ballot_url = heading.get_ballot_url()
    return [
        found[0],
        pages.Page("stembrief (kiezer met een stem)", ballot_url, sessions=[ctx.session(voter.voter_id)]),
        pages.Page(
            "stem bevestigen (POST, andere kiezer per request, wijzigt een stem)",
            f"{ballot_url}bevestigen/",
            method="POST",
            form=f"{ballot_url}bevestigen/",
            sessions=ctx.sessions(voters, data={f"budgets:draft:{heading.pk}": choices}),
            expect=302,
            check=check,
            undo=undo,
        ),
        *found[1:],
    ]
