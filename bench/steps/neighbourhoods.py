"""Genk's 31 wijken with their example districts, and an area team for each wijk."""

from bench import pages, seed


@seed.step(order=10)
def wijken(ctx: seed.SeedContext) -> str:
    from neighbourhoods.models import District, Neighbourhood
    from neighbourhoods.services import load_example_districts, load_neighbourhoods

    load_neighbourhoods()
    load_example_districts()
    return f"{Neighbourhood.objects.count()} wijken, {District.objects.count()} stadsdelen"


TEAM_ROLES = ["community_work", "street_work", "youth_work", "service_centre"]


@seed.step(order=40)
def area_teams(ctx: seed.SeedContext) -> str:
    """Each wijk: a director (wijkregisseur, one covers two wijken) and 2–4 team members, all
    civil servants of the area-based-work department."""
    from neighbourhoods.models import Neighbourhood, TeamMembership

    staff = ctx.data["department_staff"]["gebiedsgerichte-werking"]
    rng = ctx.rng("area_teams")
    wijken = list(Neighbourhood.objects.order_by("district__name", "name").values_list("pk", "slug"))
    memberships = []
    for number, (pk, slug) in enumerate(wijken):
        director = staff[(number // 2) % len(staff)]
        memberships.append(
            TeamMembership(
                neighbourhood_id=pk,
                user_id=director,
                role=TeamMembership.Role.DIRECTOR,
                public_email=f"wijkregie.{slug}@{seed.EMAIL_DOMAIN}",
            )
        )
        for role in rng.sample(TEAM_ROLES, rng.randint(2, 4)):
            memberships.append(TeamMembership(neighbourhood_id=pk, user_id=rng.choice(staff), role=role))
    seed.bulk_insert(TeamMembership, memberships)
    directors = sum(1 for m in memberships if m.role == TeamMembership.Role.DIRECTOR)
    return f"{directors} wijkregisseurs (memberships), {len(memberships) - directors} area-team members"


@pages.register(order=10)
def neighbourhood_pages(ctx: pages.PageContext) -> list[pages.Page]:
    """The map of the wijken, the busiest wijk and its stadsdeel (or any stadsdeel)."""
    from neighbourhoods.models import District

    wijk = ctx.busiest_wijk
    district = wijk.district or District.objects.order_by("name").first()
    found = [
        pages.Page("wijken", "/wijken/"),
        pages.Page(f"wijk ({wijk.name})", wijk.get_absolute_url()),
    ]
    if district:
        found.append(pages.Page(f"stadsdeel ({district.name})", district.get_absolute_url()))
    return found
