"""The SDG catalogue every app tags against."""

from bench import seed


@seed.step(order=11)
def sdgs(ctx: seed.SeedContext) -> str:
    from worldcitizenship.models import Goal, Target
    from worldcitizenship.services import load_sdgs

    load_sdgs()
    return f"{Goal.objects.count()} goals, {Target.objects.count()} targets"
