"""The SDG catalogue every app tags against."""

from bench import pages, seed


@seed.step(order=11)
def sdgs(ctx: seed.SeedContext) -> str:
    from worldcitizenship.models import Goal, Target
    from worldcitizenship.services import load_sdgs

    load_sdgs()
    return f"{Goal.objects.count()} goals, {Target.objects.count()} targets"


@pages.register(order=11)
def sdg_pages(ctx: pages.PageContext) -> list[pages.Page]:
    return [pages.Page("SDG's", "/wereldburgerschap/sdg/"), pages.Page("SDG 8", "/wereldburgerschap/sdg/8/")]


PARTNERSHIP_SLUG = f"{seed.SLUG_PREFIX}francistown"


@seed.step(order=150)
def partnership(ctx: seed.SeedContext) -> str:
    """The Francistown partnership at city scale: 200 partnership and school projects (a quarter
    educational, most running or completed), each with two funding sources (one in BWP with its
    rate), two indicators, SDGs and an update; 30 partners and 40 exchanges."""
    from datetime import timedelta
    from decimal import Decimal

    from genk.accounts.models import Department
    from neighbourhoods.models import Neighbourhood
    from worldcitizenship.models import Exchange, Funding, Goal, Indicator, Partner, Partnership, Project, Update

    if Partnership.objects.filter(slug=PARTNERSHIP_SLUG).exists():
        return "bench partnership already there"
    department, _ = Department.objects.get_or_create(slug="wereldburgerschap", defaults={"name": "Wereldburgerschap"})
    rng = ctx.rng("partnership")
    p = Partnership.objects.create(
        slug=PARTNERSHIP_SLUG,
        name="Stedenband Genk–Francistown (bench)",
        aims="Bench: samen werken aan onderwijs en water.",
        focus="Bench: jongeren en klimaat.",
        department=department,
    )
    partners = [
        Partner.objects.create(partnership=p, side="genk" if i % 2 else "partner", name=f"Bench-partner {i:02d}")
        for i in range(30)
    ]
    wijken = list(Neighbourhood.objects.values_list("pk", flat=True)) or [None]
    goals = list(Goal.objects.values_list("pk", flat=True))
    count = ctx.scaled(200, minimum=20)
    statuses = ["running"] * 5 + ["completed"] * 3 + ["stopped", "draft"]
    today = ctx.now.date()
    projects = []
    for i in range(count):
        status = rng.choice(statuses)
        start = today - timedelta(days=rng.randrange(1500))
        educational = i % 4 == 0
        projects.append(
            Project(
                partnership=p,
                kind="educational" if educational else "project",
                title=f"Bench-project {i:04d}",
                summary="Een project van de stedenband (bench).",
                aims="Bench.",
                starts_on=start,
                ends_on=start + timedelta(days=rng.randrange(90, 900)),
                neighbourhood_id=rng.choice(wijken),
                school="Bench-school" if educational else "",
                class_group="5A" if educational else "",
                status=status,
                published_at=None if status == "draft" else ctx.now - timedelta(days=rng.randrange(1500)),
                closing_note="Bench." if status in ("completed", "stopped") else "",
            )
        )
    seed.bulk_insert(Project, projects)
    ids = list(Project.objects.filter(partnership=p).order_by("pk").values_list("pk", flat=True))
    through = Project.sdgs.through
    seed.bulk_insert(through, (through(project_id=pk, goal_id=g) for pk in ids for g in rng.sample(goals, 2)))
    pthrough = Project.partners.through
    seed.bulk_insert(
        pthrough, (pthrough(project_id=pk, partner_id=q.pk) for pk in ids for q in rng.sample(partners, 2))
    )
    seed.bulk_insert(
        Funding,
        (
            f
            for pk in ids
            for f in (
                Funding(project_id=pk, source="city", amount_eur=Decimal(rng.randrange(1000, 30000))),
                Funding(
                    project_id=pk,
                    source="partners",
                    amount_eur=Decimal("1000"),
                    foreign_amount=Decimal("14800"),
                    foreign_currency="BWP",
                    rate=Decimal("14.8"),
                ),
            )
        ),
    )
    seed.bulk_insert(
        Indicator,
        (
            Indicator(project_id=pk, name=f"Indicator {n}", baseline=0, target=10, result=rng.randrange(12))
            for pk in ids
            for n in range(2)
        ),
    )
    seed.bulk_insert(Update, (Update(project_id=pk, title="Nieuws (bench)", body="Bench.") for pk in ids))
    seed.bulk_insert(
        Exchange,
        (
            Exchange(
                partnership=p,
                kind=rng.choice(["visit", "delegation", "school_link", "youth"]),
                title=f"Bench-uitwisseling {i:02d}",
                direction="both",
                participants="Bench",
                place="Francistown",
                starts_on=today - timedelta(days=rng.randrange(1500)),
                purpose="Bench.",
                project_id=rng.choice(ids),
            )
            for i in range(40)
        ),
    )
    return f"{len(ids)} partnership projects, 40 exchanges"


@seed.on_reset
def delete_partnership():
    from worldcitizenship.models import Partnership, Project

    Project.objects.filter(partnership__slug=PARTNERSHIP_SLUG).delete()
    Partnership.objects.filter(slug=PARTNERSHIP_SLUG).delete()


@pages.register(order=150)
def partnership_pages(ctx: pages.PageContext) -> list[pages.Page]:
    from django.db.models import Count

    from worldcitizenship.models import Project

    top = (
        Project.objects.public()
        .filter(partnership__slug=PARTNERSHIP_SLUG)
        .annotate(n=Count("updates"))
        .order_by("-n", "pk")
        .first()
    )
    if top is None:
        return ctx.skip("stedenband", "no public bench partnership project")
    return [
        pages.Page("stedenband Francistown", "/wereldburgerschap/francistown/"),
        pages.Page(
            f"stedenbandprojecten ({Project.objects.public().count():,})", "/wereldburgerschap/francistown/projecten/"
        ),
        pages.Page("stedenbandprojecten, SDG 4", "/wereldburgerschap/francistown/projecten/?sdg=4"),
        pages.Page("stedenbandproject", top.get_absolute_url()),
    ]
