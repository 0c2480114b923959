"""Advisory councils (issue 5). Two steps: `councils` (order 60) gives Genk's eight councils
their chair, vice-chair, secretary and members, from the one shuffle of residents that deals
out every role; `meetings` (order 110) adds the app's own city-scale data
(`participation.councils.seed`: 15 councils `bench-00`…`bench-14` with five years of
meetings, agendas, documents, attendance, votes, minutes and advice). Then the council and
meeting pages `make bench` measures."""

from bench import pages, seed

# slug, name, members at city scale
COUNCILS = [
    ("seniorenraad", "Seniorenraad", 25),
    ("jeugdraad", "Jeugdraad", 20),
    ("cultuurraad", "Cultuurraad", 22),
    ("sportraad", "Sportraad", 20),
    ("mina-raad", "Milieu- en natuurraad", 18),
    ("gros", "Gemeentelijke raad voor ontwikkelingssamenwerking", 16),
    ("adviesraad-welzijn", "Adviesraad welzijn", 18),
    ("adviesraad-toegankelijkheid", "Adviesraad toegankelijkheid", 15),
]


@seed.step(order=60)
def councils(ctx: seed.SeedContext) -> str:
    """Eight councils (marked as examples) with a chair, a vice-chair, a secretary and members."""
    from participation.councils.models import Council, CouncilMembership

    rng = ctx.rng("councils")
    created = 0
    members = 0
    for slug, title, size in COUNCILS:
        council, _ = Council.objects.get_or_create(slug=slug, defaults={"name": title, "is_example": True})
        people = ctx.people(ctx.scaled(size, minimum=4))  # always taken: later steps get the same people
        members += len(people)
        if council.memberships.filter(user__email__endswith=f"@{seed.EMAIL_DOMAIN}").exists():
            continue  # CouncilMembership has no unique key to skip duplicates on
        roles = ["chair", "vice_chair", "secretary"] + ["member"] * len(people)
        CouncilMembership.objects.bulk_create(
            CouncilMembership(
                council=council,
                user_id=user_id,
                role=role,
                start=ctx.moment(rng, days=6 * 365).date(),
            )
            for user_id, role in zip(people, roles, strict=False)
        )
        created += len(people)
    return f"{len(COUNCILS)} councils, {members} members ({created} new)"


@seed.step(order=110)
def meetings(ctx: seed.SeedContext) -> str:
    """`participation.councils.seed.seed` at the context's scale: about 750 meetings at city
    scale (it leaves councils it seeded before alone)."""
    from participation.councils.seed import seed as seed_councils

    counts = seed_councils(scale=ctx.scale)
    if not counts["councils"]:
        return "bench-* councils already there"
    return ", ".join(f"{value:,} {name}" for name, value in counts.items())


@seed.on_reset
def delete_bench_councils():
    """The councils of `participation.councils.seed` (slug `bench-…`; their meetings, items,
    documents, votes, minutes and advice go with them) and the PDF their documents share (its
    name is unique per seeding, so another bench database's copy stays)."""
    from participation.councils.models import AgendaDocument, Council
    from participation.councils.storage import private_storage

    councils = Council.objects.filter(slug__startswith=seed.SLUG_PREFIX)
    names = set(AgendaDocument.objects.filter(item__meeting__council__in=councils).values_list("file", flat=True))
    councils.delete()
    storage = private_storage()
    for name in names:
        if not AgendaDocument.objects.filter(file=name).exists():
            storage.delete(name)


@pages.register(order=110)
def council_pages(ctx: pages.PageContext) -> list[pages.Page]:
    """The list of councils, the first seeded council (50 meetings, 30 memberships, 40 advice)
    and its most recent meeting with published minutes (six agenda items, documents, votes
    with named ballots, attendance), as a visitor and as a member of that council."""
    from django.utils import timezone

    from participation.councils.models import Council, CouncilMembership, Meeting

    council = Council.objects.filter(slug__startswith=seed.SLUG_PREFIX).order_by("slug").first()
    if council is None:
        return ctx.skip("adviesraden", "no seeded bench councils")
    meeting = (
        Meeting.objects.filter(council=council, status=Meeting.Status.PUBLISHED, is_public=True)
        .order_by("-starts_at", "-pk")
        .first()
    )
    member = (
        CouncilMembership.objects.filter(council=council, role=CouncilMembership.Role.MEMBER)
        .current(timezone.localdate())
        .order_by("pk")
        .first()
    )
    if meeting is None or member is None:
        return ctx.skip("adviesraden", f"{council.slug} has no published public meeting or no member")
    meetings = Meeting.objects.filter(council=council).count()
    return [
        pages.Page(f"adviesraden ({Council.objects.active().count()})", "/adviesraden/"),
        pages.Page(f"adviesraad ({council.name}, {meetings} vergaderingen)", council.get_absolute_url()),
        pages.Page("vergadering met gepubliceerd verslag", meeting.get_absolute_url()),
        pages.Page(
            "idem, aangemeld (lid van de raad)", meeting.get_absolute_url(), sessions=[ctx.session(member.user_id)]
        ),
    ]
