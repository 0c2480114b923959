"""The area-based work at city scale (issue 14): for every wijk a wijkplan of this year with 4
priorities and 24 actions in every state, and 400 signals over two years; the pages `make
bench` measures: the busiest wijk's page (the hub) as a visitor and signed in, its public
wijkplan, the staff wijkplan and signal list for its wijkregisseur, and the wijkregisseur's
signal overview (all the wijken they direct, 12 months)."""

from datetime import timedelta

from bench import pages, seed

PRIORITIES = 4
ACTIONS_PER_PRIORITY = 6
SIGNALS = 400  # per wijk, over two years
MARK = "(bench)"


@seed.step(order=150)
def area_work(ctx: seed.SeedContext) -> str:
    from neighbourhoods.areawork.models import Action, Plan, Priority, Signal
    from neighbourhoods.models import Neighbourhood

    year = ctx.now.year
    wijken = list(Neighbourhood.objects.values_list("pk", flat=True))
    if Plan.objects.filter(year=year, introduction=MARK).count() >= len(wijken):
        return f"{len(wijken)} wijkplannen already there"
    rng = ctx.rng("areawork")
    Plan.objects.filter(introduction=MARK).delete()
    Signal.objects.filter(follow_up=MARK).delete()
    plans = [
        Plan(neighbourhood_id=pk, year=year, introduction=MARK, status="published", published_at=ctx.now)
        for pk in wijken
    ]
    seed.bulk_insert(Plan, plans)
    plan_ids = list(Plan.objects.filter(introduction=MARK).values_list("pk", flat=True))
    seed.bulk_insert(
        Priority,
        (
            Priority(plan_id=pk, title=f"Prioriteit {n + 1}", position=n + 1)
            for pk in plan_ids
            for n in range(PRIORITIES)
        ),
    )
    priority_ids = list(Priority.objects.filter(plan__introduction=MARK).values_list("pk", flat=True))
    statuses = ["planned", "in_progress", "done", "dropped"]
    seed.bulk_insert(
        Action,
        (
            Action(
                priority_id=pk,
                title=f"Actie {n + 1}",
                status=rng.choices(statuses, weights=[30, 35, 30, 5])[0],
                deadline=(ctx.now + timedelta(days=rng.randint(-200, 200))).date(),
            )
            for pk in priority_ids
            for n in range(ACTIONS_PER_PRIORITY)
        ),
    )
    themes = [value for value, _label in Signal.Theme.choices]
    total = ctx.scaled(SIGNALS, minimum=10)
    seed.bulk_insert(
        Signal,
        (
            Signal(
                neighbourhood_id=pk,
                theme=rng.choice(themes),
                observed_on=(ctx.now - timedelta(days=rng.randint(0, 730))).date(),
                description="Een signaal uit de wijk, zonder namen.",
                follow_up=MARK,
                status=rng.choice(["new", "followed_up", "closed"]),
            )
            for pk in wijken
            for _n in range(total)
        ),
    )
    return f"{len(plan_ids)} wijkplannen, {len(priority_ids) * ACTIONS_PER_PRIORITY:,} actions, {len(wijken) * total:,} signals"


@seed.on_reset
def delete_area_work():
    from neighbourhoods.areawork.models import Plan, Signal

    Plan.objects.filter(introduction=MARK).delete()
    Signal.objects.filter(follow_up=MARK).delete()


@pages.register(order=150)
def area_work_pages(ctx: pages.PageContext) -> list[pages.Page]:
    from django.utils import timezone

    from neighbourhoods.models import TeamMembership

    wijk = ctx.busiest_wijk
    year = timezone.localdate().year
    director = TeamMembership.objects.current().directors().filter(neighbourhood=wijk).select_related("user").first()
    found = [
        pages.Page(
            f"wijk als hub ({wijk.name}), aangemeld", wijk.get_absolute_url(), sessions=[ctx.session(ctx.resident)]
        ),
        pages.Page(f"wijkplan ({wijk.name}), publiek", f"/wijken/{wijk.slug}/wijkplan/"),
    ]
    if director is None:
        return found + ctx.skip("wijkplan en signalen (beheer)", f"{wijk.name} has no wijkregisseur")
    session = [ctx.session(director.user)]
    return found + [
        pages.Page(f"wijkplan ({wijk.name}), beheer", f"/beheer/wijken/{wijk.slug}/wijkplan/{year}/", sessions=session),
        pages.Page(f"signalen ({wijk.name})", f"/beheer/wijken/{wijk.slug}/signalen/", sessions=session),
        pages.Page("signalen per thema en wijk (wijkregisseur)", "/beheer/signalen/", sessions=session),
    ]
