"""Advisory councils with members. The councils exist in Genk; their members here are invented."""

from bench import seed

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
