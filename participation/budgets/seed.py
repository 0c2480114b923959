"""City-scale seed for budgets: one city-wide cycle in the voting phase with 300 projects and
100,000 confirmed ballots (at scale 1.0). For the benchmarks: the project list, the ballot
page, casting a ballot and counting.

    from participation.budgets.seed import seed
    seed(scale=1.0, stdout=self.stdout)

Assumes the wijken are loaded and residents exist (User rows with a neighbourhood and a year
of birth). Residents old enough vote online (up to 85% of the ballots); the rest are paper
ballots of people identified at a service centre, so the seed works with the city's 68,000
residents. The cycle takes paper ballots, so every voter has a VoterRecord (online voters as
if they had logged in with eID/itsme) and every ballot carries it, as `services` would write
them. Idempotent: a second run finds the cycle and does nothing.
"""

import hashlib
import random
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from participation.ownership import default_department

SLUG = "bench-burgerbudget"
BATCH = 5000
THEMES = [
    ("talentontwikkeling", "Talentontwikkeling"),
    ("armoede-en-sociale-ongelijkheid", "Armoede en sociale ongelijkheid"),
    ("duurzaamheid-en-klimaat", "Duurzaamheid en klimaat"),
]
WORDS = [
    "Buurtmoestuin", "Speelplein", "Repair café", "Huiswerkklas", "Zitbanken", "Fietsenstalling",
    "Deelkast", "Boomgaard", "Muurschildering", "Sportkooi", "Leesbank", "Zonnepanelen", "Waterpunt",
    "Wijkfeest", "Taalcafé", "Bloemenweide", "Petanquebaan", "Voedselbank", "Jeugdlokaal", "Kunstroute",
]  # fmt: skip


def _say(stdout, message):
    if stdout is not None:
        stdout.write(message)


def seed(*, scale: float = 1.0, stdout=None) -> dict:
    from neighbourhoods.models import Neighbourhood

    from .models import Ballot, BallotChoice, Cycle, Heading, Phase, Proposal, Theme, VoterRecord
    from .phases import PHASE_ORDER

    if Cycle.objects.filter(slug=SLUG).exists():
        _say(stdout, "budgets: seed cycle exists, nothing to do")
        return {"created": False}
    started = time.perf_counter()
    rng = random.Random(2026)
    n_projects = max(10, round(300 * scale))
    n_ballots = max(20, round(100_000 * scale))
    User = get_user_model()
    now = timezone.now()
    year = timezone.localdate().year
    neighbourhoods = list(Neighbourhood.objects.values_list("pk", flat=True))
    if not neighbourhoods:
        raise RuntimeError("Load the wijken first.")
    voters = list(
        User.objects.filter(neighbourhood__isnull=False, year_of_birth__lte=year - 14, is_active=True)
        .order_by("pk")
        .values_list("pk", "neighbourhood_id", "year_of_birth")[: int(n_ballots * 0.85)]
    )
    staff = User.objects.filter(is_superuser=True).order_by("pk").first() or User.objects.order_by("pk").first()
    if staff is None:
        raise RuntimeError("Create users first.")

    with transaction.atomic():
        themes = [Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in THEMES]
        cycle = Cycle.objects.create(
            department=default_department(),
            name="Burgerbudget (benchmark)",
            slug=SLUG,
            summary="Een stadsbrede ronde op stadsschaal, voor de metingen.",
            scope=Cycle.Scope.CITY,
            min_project_cost=Decimal(5000),
            max_project_cost=Decimal(100000),
            voting_min_age=14,
            paper_ballots=True,
            voting_rule=Cycle.VotingRule.KNAPSACK,
            tie_break_seed="bench-2026",
            is_published=True,
            is_example=True,
        )
        cycle.themes.set(themes)
        voting_index = PHASE_ORDER.index("voting")
        Phase.objects.bulk_create(
            Phase(
                cycle=cycle,
                kind=kind,
                starts_at=now + timedelta(days=30 * (i - voting_index) - 1),
                start_notified_at=now,
            )
            for i, kind in enumerate(PHASE_ORDER)
        )
        heading = Heading.objects.create(
            cycle=cycle, name="Heel Genk", slug="heel-genk", amount=Decimal(1_500_000), eligible_count=57_500
        )
        authors = [pk for pk, _n, _y in voters[:n_projects]] or [staff.pk]
        projects = Proposal.objects.bulk_create(
            Proposal(
                cycle=cycle,
                heading=heading,
                author_id=authors[i % len(authors)],
                title=f"{WORDS[i % len(WORDS)]} {i + 1}",
                summary="Een voorstel van inwoners voor hun buurt.",
                description="Wat, waar en waarom: een realistische lengte voor een projectbeschrijving. " * 5,
                theme=themes[i % len(themes)],
                neighbourhood_id=neighbourhoods[i % len(neighbourhoods)],
                estimated_cost=Decimal(rng.randrange(5000, 100_001, 500)),
                status=Proposal.Status.FEASIBLE,
            )
            for i in range(n_projects)
        )
    project_ids = [p.pk for p in projects]
    costs = {p.pk: p.estimated_cost for p in projects}
    # Popularity follows a long tail, so the count has clear winners and real ties further down.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(n_projects)]
    rng.shuffle(weights)

    def choices():
        k = rng.randint(1, 10)
        picked = []
        total = Decimal(0)
        for pk in dict.fromkeys(rng.choices(project_ids, weights=weights, k=k * 2)):
            if len(picked) == k:
                break
            if total + costs[pk] <= heading.amount:
                picked.append(pk)
                total += costs[pk]
        return picked, total

    n_paper = n_ballots - len(voters)
    records = []
    if n_paper:
        records = VoterRecord.objects.bulk_create(
            (
                VoterRecord(
                    cycle=cycle,
                    identity_hash=hashlib.sha256(f"bench-paper-{i}".encode()).hexdigest(),
                    label=f"P{i}",
                    year_of_birth=rng.randint(1935, year - 14),
                    neighbourhood_id=rng.choice(neighbourhoods),
                    document=VoterRecord.Document.EID,
                    verified_by=staff,
                    verified_at=now,
                )
                for i in range(n_paper)
            ),
            batch_size=BATCH,
        )
    online_records = VoterRecord.objects.bulk_create(
        (
            VoterRecord(
                cycle=cycle,
                user_id=pk,
                identity_hash=hashlib.sha256(f"bench-online-{pk}".encode()).hexdigest(),
                label=f"O{pk}",
                year_of_birth=born,
                neighbourhood_id=nb,
                document=VoterRecord.Document.ONLINE,
                verified_at=now,
            )
            for pk, nb, born in voters
        ),
        batch_size=BATCH,
    )
    plan = [("online", r, r.neighbourhood_id) for r in online_records]
    plan += [("paper", r, r.neighbourhood_id) for r in records]
    created = 0
    for start in range(0, len(plan), BATCH):
        chunk = plan[start : start + BATCH]
        selections = [choices() for _ in chunk]
        with transaction.atomic():
            ballots = Ballot.objects.bulk_create(
                Ballot(
                    heading=heading,
                    voter_id=who.user_id,
                    voter_record=who,
                    channel=channel,
                    entered_by=staff if channel == "paper" else None,
                    neighbourhood_id=nb,
                    total_cost=total,
                    choice_count=len(picked),
                    max_total=heading.amount,
                    confirmed_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 20)),
                )
                for (channel, who, nb), (picked, total) in zip(chunk, selections, strict=True)
            )
            BallotChoice.objects.bulk_create(
                (
                    BallotChoice(ballot_id=ballot.pk, proposal_id=pk)
                    for ballot, (picked, _t) in zip(ballots, selections, strict=True)
                    for pk in picked
                ),
                batch_size=BATCH * 4,
            )
        created += len(ballots)
    elapsed = time.perf_counter() - started
    _say(
        stdout,
        f"budgets: {n_projects} projects, {created} ballots ({len(voters)} online, {len(records)} on paper) "
        f"in {elapsed:.1f}s",
    )
    return {"created": True, "cycle": cycle.pk, "projects": n_projects, "ballots": created, "seconds": elapsed}
