"""Language buddies (issue 13, Dutch practice) at city scale: on the bench's Dutch-practice
opportunities (the volunteers step's, kind `dutch_practice`, published), 3,000 learners and
1,500 buddies, about 1,200 pairs (most active, some proposed, ended or declined) and 6,000
meetings. Then the pages `make bench` measures: the coordinator's matching page of the
busiest programme and a pair's page (its buddy signed in)."""

from datetime import timedelta

from bench import pages, seed

from .volunteers import OPPORTUNITY_PREFIX

SLOTS = [f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") for p in ("am", "pm", "ev")]
LANGUAGES = ["ar", "fr", "en", "tr", "it", "pl", "es"]
LEVELS = ["A0", "A1", "A2", "B1", "B2"]


@seed.step(order=131)
def language_buddies(ctx: seed.SeedContext) -> str:
    from neighbourhoods.models import Neighbourhood
    from volunteers.buddies.models import Buddy, Learner, Meeting, Pair
    from volunteers.models import Opportunity

    rng = ctx.rng("buddies")
    programmes = list(
        Opportunity.objects.filter(slug__startswith=OPPORTUNITY_PREFIX, kind="dutch_practice", status="published")
        .order_by("slug")
        .values_list("pk", flat=True)[:20]
    )
    if not programmes:
        return "no published bench Dutch-practice opportunity"
    if Learner.objects.filter(opportunity_id__in=programmes).exists():
        return "bench language buddies already there"
    people = ctx.resident_ids()[1:]
    rng.shuffle(people)
    n_learners = min(ctx.scaled(3_000, minimum=30), len(people) * 2 // 3)
    n_buddies = min(ctx.scaled(1_500, minimum=20), len(people) - n_learners)
    wijken = list(Neighbourhood.objects.values_list("pk", flat=True)) or [None]

    def common(i):
        return {
            "opportunity_id": programmes[i % len(programmes)],
            "availability": sorted(rng.sample(SLOTS, rng.randint(2, 5))),
            "neighbourhood_id": rng.choice(wijken),
            "languages": rng.sample(LANGUAGES, rng.randint(1, 2)),
            "interests": "koken, wandelen",
        }

    with seed.explicit_timestamps(Learner, "created"), seed.explicit_timestamps(Buddy, "created"):
        seed.bulk_insert(
            Learner,
            (
                Learner(user_id=u, level=rng.choice(LEVELS), created=ctx.moment(rng), **common(i))
                for i, u in enumerate(people[:n_learners])
            ),
        )
        seed.bulk_insert(
            Buddy,
            (
                Buddy(user_id=u, created=ctx.moment(rng), **common(i))
                for i, u in enumerate(people[n_learners : n_learners + n_buddies])
            ),
        )
    learners, buddies = {}, {}
    for pk, opp in (
        Learner.objects.filter(opportunity_id__in=programmes).order_by("pk").values_list("pk", "opportunity_id")
    ):
        learners.setdefault(opp, []).append(pk)
    for pk, opp in (
        Buddy.objects.filter(opportunity_id__in=programmes).order_by("pk").values_list("pk", "opportunity_id")
    ):
        buddies.setdefault(opp, []).append(pk)
    pairs = []
    for opp in programmes:
        ls, bs = learners.get(opp, []), buddies.get(opp, [])
        for learner, buddy in zip(ls, bs[: len(bs) * 4 // 5], strict=False):
            status = rng.choices(["active", "proposed", "ended", "declined"], weights=[7, 1, 1, 1])[0]
            started = ctx.moment(rng, days=300)
            pairs.append(
                Pair(
                    opportunity_id=opp,
                    learner_id=learner,
                    buddy_id=buddy,
                    status=status,
                    started_at=started if status in ("active", "ended") else None,
                    ended_at=started + timedelta(days=30) if status == "ended" else None,
                )
            )
    seed.bulk_insert(Pair, pairs)
    active = list(Pair.objects.filter(opportunity_id__in=programmes, status="active").values_list("pk", "started_at"))
    meetings = []
    for pk, started in active:
        for _ in range(5):
            day = (started + timedelta(days=rng.randrange(1, 60))).date()
            meetings.append(
                Meeting(
                    pair_id=pk,
                    date=min(day, ctx.now.date()),
                    minutes=rng.choice([45, 60, 90]),
                    status=rng.choice(["logged", "approved", "approved"]),
                )
            )
    seed.bulk_insert(Meeting, meetings)
    return f"{n_learners:,} learners, {n_buddies:,} buddies, {len(pairs):,} pairs, {len(meetings):,} meetings"


@seed.on_reset
def delete_language_buddies():
    """Registrations on bench opportunities (pairs and meetings go with them); the volunteers
    step deletes the opportunities themselves."""
    from volunteers.buddies.models import Buddy, Learner, Pair

    Pair.objects.filter(opportunity__slug__startswith=OPPORTUNITY_PREFIX).delete()
    Learner.objects.filter(opportunity__slug__startswith=OPPORTUNITY_PREFIX).delete()
    Buddy.objects.filter(opportunity__slug__startswith=OPPORTUNITY_PREFIX).delete()


@pages.register(order=131)
def buddy_pages(ctx: pages.PageContext) -> list[pages.Page]:
    from django.db.models import Count

    from volunteers.buddies.models import Learner, Pair
    from volunteers.models import Opportunity

    busiest = (
        Opportunity.objects.filter(slug__startswith=OPPORTUNITY_PREFIX, kind="dutch_practice")
        .annotate(n=Count("learner"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    if busiest is None:
        return ctx.skip("taalmaatjes", "no bench language buddies")
    coordinator = (
        busiest.organisation.memberships.filter(role="volunteer_coordinator")
        .order_by("pk")
        .values_list("user_id", flat=True)
        .first()
    )
    pair = (
        Pair.objects.filter(opportunity=busiest, status="active")
        .annotate(n=Count("meetings"))
        .order_by("-n", "pk")
        .first()
    )
    learners = Learner.objects.filter(opportunity=busiest).count()
    found = [
        pages.Page(
            f"taalmaatjes koppelen ({learners:,} leerders)",
            f"/beheer/vrijwilligers/taalmaatjes/{busiest.pk}/",
            sessions=[ctx.session(coordinator)],
        )
    ]
    if pair is None:
        return found + ctx.skip("koppel taalmaatjes", "no active bench pair")
    return [
        *found,
        pages.Page(
            "koppel taalmaatjes",
            f"/vrijwilligers/taalmaatjes/koppel/{pair.pk}/",
            sessions=[ctx.session(pair.buddy.user_id)],
        ),
    ]
