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
