"""FairTrade town at city scale (issue 15): the six criteria with this year's progress, and 300
fair-trade points across the wijken (most approved, some waiting, a few withdrawn); the pages
`make bench` measures: the directory (plain and filtered), the progress overview, a point."""

from datetime import timedelta

from bench import pages, seed

POINTS = 300
MARK = " (bench)"  # ends every seeded offer: what reset deletes
KINDS = ["shop", "horeca", "organisation", "school", "company"]
NAMES = {
    "shop": "Winkel", "horeca": "Café", "organisation": "Vereniging", "school": "School", "company": "Bedrijf",
}  # fmt: skip


@seed.step(order=150)
def fairtrade(ctx: seed.SeedContext) -> str:
    from neighbourhoods.maps import interior_point
    from neighbourhoods.models import Neighbourhood
    from worldcitizenship.fairtrade.models import Point
    from worldcitizenship.fairtrade.services import load_criteria, progress_for

    load_criteria()
    progress_for(ctx.now.year)
    total = ctx.scaled(POINTS, minimum=20)
    existing = Point.objects.filter(offer__endswith=MARK).count()
    if existing >= total:
        return f"{existing:,} fair-trade points already there"
    rng = ctx.rng("fairtrade")
    wijken = []
    for wijk in Neighbourhood.objects.filter(boundary__isnull=False):
        point = interior_point(wijk.boundary)
        if point:
            wijken.append((wijk.pk, wijk.name, point))
    if not wijken:
        raise RuntimeError("FairTrade needs wijken with boundaries: run the earlier steps first.")
    applicants = ctx.people(total)
    S = Point.Status

    def points():
        for number in range(existing, total):
            wijk, name, (lon, lat) = rng.choice(wijken)
            kind = rng.choices(KINDS, weights=[35, 30, 15, 10, 10])[0]
            status = rng.choices([S.APPROVED, S.SUBMITTED, S.DECLINED, S.WITHDRAWN], weights=[85, 8, 4, 3])[0]
            approved = ctx.moment(rng, days=3 * 365) if status in (S.APPROVED, S.WITHDRAWN) else None
            yield Point(
                name=f"{NAMES[kind]} {name} {number + 1}",
                kind=kind,
                address=f"Straat {number % 200 + 1}, 3600 Genk",
                neighbourhood_id=wijk,
                latitude=round(lat, 6),
                longitude=round(lon, 6),
                offer=f"Fairtradekoffie, thee en chocolade.{MARK}",
                applicant_id=applicants[number % len(applicants)] if applicants else None,
                status=status,
                approved_at=approved,
                withdrawn_at=approved + timedelta(days=30) if status == S.WITHDRAWN else None,
            )

    seed.bulk_insert(Point, points())
    return f"{total:,} fair-trade points"


@seed.on_reset
def delete_fairtrade():
    from worldcitizenship.fairtrade.models import Point

    Point.objects.filter(offer__endswith=MARK).delete()


@pages.register(order=150)
def fairtrade_pages(ctx: pages.PageContext) -> list[pages.Page]:
    from worldcitizenship.fairtrade.models import Point

    wijk = ctx.busiest_wijk
    found = [
        pages.Page("fairtrade: voortgang", "/wereldburgerschap/fairtrade/"),
        pages.Page("fairtrade: gids", "/wereldburgerschap/fairtrade/punten/"),
        pages.Page(
            f"fairtrade: gids, gefilterd ({wijk.name}, winkels)",
            f"/wereldburgerschap/fairtrade/punten/?soort=shop&wijk={wijk.slug}",
        ),
    ]
    point = Point.objects.approved().order_by("pk").first()
    if point is None:
        ctx.skip("fairtrade: punt", "no approved fair-trade point")
    else:
        found.append(pages.Page("fairtrade: punt", point.get_absolute_url()))
    return found
