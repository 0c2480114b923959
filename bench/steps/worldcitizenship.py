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


# The SDG overview at city scale (issue 15, the `sdg` part): SDG tags on the other apps'
# seeded items, local indicators, and international-solidarity organisations.

SDG_ORG_PREFIX = f"{seed.SLUG_PREFIX}solidariteit-"


@seed.step(order=150)
def sdg_tags(ctx: seed.SeedContext) -> str:
    """Every seeded initiative, volunteer opportunity and budget project gets one to three goals
    (SDGTag rows for the apps without an SDG field); 60 North–South organisations with a
    profile; an indicator with 10 years of values for each goal."""
    from django.contrib.contenttypes.models import ContentType

    from genk.accounts.models import Organisation
    from initiatives.models import Initiative
    from participation.budgets.models import Proposal
    from volunteers.models import Opportunity
    from worldcitizenship.models import Goal, IndicatorValue, LocalIndicator, SDGTag, SolidarityProfile

    if LocalIndicator.objects.filter(name__startswith="Bench").exists():
        return "bench SDG tags already there"
    rng = ctx.rng("sdg")
    goals = dict(Goal.objects.values_list("number", "pk"))
    if not goals:
        return "no SDGs loaded"

    def some():
        return rng.sample(sorted(goals), rng.randint(1, 3))

    through = Initiative.sdgs.through
    initiatives = Initiative.objects.filter(slug__startswith=seed.SLUG_PREFIX).values_list("pk", flat=True)
    tagged = seed.bulk_insert(
        through, (through(initiative_id=pk, goal_id=goals[n]) for pk in initiatives.iterator() for n in some())
    )
    for model, queryset in [
        (Opportunity, Opportunity.objects.filter(slug__startswith=seed.SLUG_PREFIX)),
        (Proposal, Proposal.objects.filter(cycle__slug__startswith="bench-")),
    ]:
        ct = ContentType.objects.get_for_model(model)
        tagged += seed.bulk_insert(
            SDGTag,
            (
                SDGTag(content_type=ct, object_id=pk, goal_id=goals[n])
                for pk in queryset.values_list("pk", flat=True).iterator()
                for n in some()
            ),
        )
    organisations = ctx.scaled(60, minimum=5)
    seed.bulk_insert(
        Organisation,
        (
            Organisation(slug=f"{SDG_ORG_PREFIX}{i:03d}", name=f"Noord-Zuid {i:03d}", kind="north_south")
            for i in range(organisations)
        ),
    )
    countries = ["BW", "CD", "GH", "BO", "PE", "MA", "TR", "SN", "BF", "RW", "UG", "IN", "GT"]
    seed.bulk_insert(
        SolidarityProfile,
        (
            SolidarityProfile(
                organisation_id=pk,
                description="Een Genkse organisatie voor internationale solidariteit (bench).",
                countries=rng.sample(countries, rng.randint(1, 3)),
                projects="Een project\nNog een project",
            )
            for pk in Organisation.objects.filter(slug__startswith=SDG_ORG_PREFIX).values_list("pk", flat=True)
        ),
    )
    profile_sdgs = SolidarityProfile.sdgs.through
    seed.bulk_insert(
        profile_sdgs,
        (
            profile_sdgs(solidarityprofile_id=pk, goal_id=goals[n])
            for pk in SolidarityProfile.objects.filter(organisation__slug__startswith=SDG_ORG_PREFIX).values_list(
                "pk", flat=True
            )
            for n in some()
        ),
    )
    for number, goal_id in goals.items():
        indicator = LocalIndicator.objects.create(
            goal_id=goal_id, name=f"Bench-indicator {number}", unit="eenheden", source="bench", target_value=100
        )
        IndicatorValue.objects.bulk_create(
            [IndicatorValue(indicator=indicator, year=2015 + y, value=rng.randint(10, 200)) for y in range(10)]
        )
    return f"{tagged:,} SDG tags, {organisations} solidarity organisations, {len(goals)} indicators"


@seed.on_reset
def delete_sdg_data():
    from genk.accounts.models import Organisation
    from worldcitizenship.models import LocalIndicator, SDGTag

    SDGTag.objects.all().delete()
    LocalIndicator.objects.filter(name__startswith="Bench").delete()
    Organisation.objects.filter(slug__startswith=SDG_ORG_PREFIX).delete()


@pages.register(order=150)
def sdg_overview_pages(ctx: pages.PageContext) -> list[pages.Page]:
    from django.utils import timezone

    return [
        pages.Page("SDG-overzicht (tellingen per doel)", "/wereldburgerschap/sdg/"),
        pages.Page("SDG 11 (items uit alle apps, indicator)", "/wereldburgerschap/sdg/11/"),
        pages.Page("SDG 11, initiatieven (pagina 2)", "/wereldburgerschap/sdg/11/initiatieven/?pagina=2"),
        pages.Page("SDG-rapport (vorig jaar)", f"/wereldburgerschap/sdg/rapport/{timezone.localdate().year - 1}/"),
        pages.Page("gids internationale solidariteit", "/wereldburgerschap/organisaties/"),
    ]
