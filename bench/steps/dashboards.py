"""The neighbourhood dashboards at city scale (issue 14): a year of stored daily figures for
every wijk and every registered figure (written directly: the refresh task over a year of
city-scale data would take the seed minutes; the task itself is timed below, for one day),
and the pages `make bench` measures: a wijk's dashboard (its director), a district's and the
city's (a head of the area-work department), the public figures page, the choropleth."""

from datetime import timedelta

from bench import pages, seed

DAYS = 365


@seed.step(order=900)
def daily_figures(ctx: seed.SeedContext) -> str:
    from django.utils import timezone

    from genk.core import indicators
    from neighbourhoods.dashboards.models import DailyFigure
    from neighbourhoods.models import Neighbourhood

    today = timezone.localdate()
    if DailyFigure.objects.filter(day=today - timedelta(days=DAYS)).exists():
        return f"{DailyFigure.objects.count():,} daily figures already there"
    rng = ctx.rng("dashboards")
    wijken = list(Neighbourhood.objects.values_list("pk", flat=True))
    keys = [f.key for f in indicators.registered()]

    def rows():
        for key in keys:
            scale = rng.choice([1, 2, 5, 20])
            for wijk in wijken:
                for back in range(1, DAYS + 1):
                    yield DailyFigure(
                        indicator=key,
                        neighbourhood_id=wijk,
                        day=today - timedelta(days=back),
                        value=rng.randint(0, scale),
                    )

    seed.bulk_insert(DailyFigure, rows())
    return f"{DailyFigure.objects.count():,} daily figures ({len(keys)} figures × {len(wijken)} wijken × {DAYS} days)"


@seed.on_reset
def delete_daily_figures():
    from neighbourhoods.dashboards.models import DailyFigure

    DailyFigure.objects.all().delete()


@pages.register(order=900)
def dashboard_pages(ctx: pages.PageContext) -> list[pages.Page | pages.Timing]:
    from django.utils import timezone

    from genk.accounts.models import DepartmentMembership
    from neighbourhoods.dashboards import services
    from neighbourhoods.dashboards.rules import area_work_department
    from neighbourhoods.models import TeamMembership

    wijk = ctx.busiest_wijk
    found: list = [
        pages.Page(f"publieke wijkcijfers ({wijk.name})", f"/wijken/{wijk.slug}/cijfers/"),
        pages.Page(f"publieke wijkcijfers, jaar ({wijk.name})", f"/wijken/{wijk.slug}/cijfers/?soort=year"),
    ]
    director = TeamMembership.objects.current().directors().filter(neighbourhood=wijk).first()
    if director is None:
        found += ctx.skip("wijkdashboard", "no director for the busiest wijk")
    else:
        session = [ctx.session(director.user_id)]
        found += [
            pages.Page(f"wijkdashboard ({wijk.name}, maand)", f"/beheer/wijken/{wijk.slug}/", sessions=session),
            pages.Page(
                f"wijkdashboard ({wijk.name}, jaar)", f"/beheer/wijken/{wijk.slug}/?soort=year", sessions=session
            ),
            pages.Page(
                "kaart (publiek cijfer, jaar)",
                "/beheer/wijken/kaart/?figuur=initiatives.published&soort=year",
                sessions=session,
            ),
        ]
    head = (
        DepartmentMembership.objects.current()
        .filter(department__slug=area_work_department(), role="head")
        .order_by("pk")
        .first()
    )
    if head is None:
        found += ctx.skip("stadsdeel- en stadsdashboard", "no head of the area-work department")
    else:
        session = [ctx.session(head.user_id)]
        if wijk.district_id:
            found.append(
                pages.Page(
                    f"stadsdeeldashboard ({wijk.district.name}, jaar)",
                    f"/beheer/wijken/district/{wijk.district.slug}/?soort=year",
                    sessions=session,
                )
            )
        found.append(pages.Page("stadsdashboard (jaar)", "/beheer/wijken/stad/?soort=year", sessions=session))

    def refresh_one_day() -> str:
        written = services.refresh(timezone.localdate() - timedelta(days=1))
        return f"{written:,} figures stored for one day"

    found.append(pages.Timing("cijfers vernieuwen: één dag, alle wijken en cijfers", refresh_one_day, target=10.0))
    return found
