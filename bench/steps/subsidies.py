"""Subsidies at city scale: 2,000 subsidy files in every state (with budget lines,
co-applicants, assessments, payments and messages), seeded by the app's own
`initiatives.subsidies.seed`; the public register, its 360Giving export and the staff
workbench."""

from bench import pages, seed


@seed.step(order=130)
def subsidies(ctx: seed.SeedContext) -> str:
    """`initiatives.subsidies.seed.seed` at the context's scale (nothing when the
    `BENCH-SUB-` files are there already)."""
    from initiatives.subsidies.seed import seed as seed_subsidies

    report = seed_subsidies(scale=ctx.scale, now=ctx.now)
    return report.removeprefix("subsidies: ").replace("already seeded", "already there")


@seed.on_reset
def delete_subsidy_files():
    from initiatives.subsidies.seed import reset

    reset()  # the files with their rows, the bench- schemes and the seed's organisations


@pages.register(order=130)
def subsidy_pages(ctx: pages.PageContext) -> list[pages.Page]:
    """The public register (all years, and the year with the most files), its 360Giving JSON
    and the staff workbench of the head of Participatie (the department of two of the three
    seeded schemes)."""
    from django.db.models import Count

    from initiatives.subsidies.models import SubsidyFile
    from initiatives.subsidies.seed import REFERENCE_PREFIX

    files = SubsidyFile.objects.filter(reference__startswith=REFERENCE_PREFIX)
    busiest = files.values("budget_year").annotate(n=Count("pk")).order_by("-n", "-budget_year").first()
    if busiest is None:
        return ctx.skip("subsidies", "no seeded subsidy files")
    year = busiest["budget_year"]
    return [
        pages.Page(f"subsidieregister (uit {files.count():,} dossiers)", "/subsidies/register/"),
        pages.Page(f"subsidieregister, {year}", f"/subsidies/register/?jaar={year}"),
        pages.Page("subsidieregister, 360Giving JSON", "/subsidies/register/360giving.json"),
        pages.Page("subsidies: werkbank (medewerker)", "/beheer/subsidies/", sessions=[ctx.session(ctx.staff)]),
    ]
