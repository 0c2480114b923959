"""Initiatives at city scale (issue 3): 5,000 initiatives, 200,000 supports, 50,000 comments,
seeded by the app's own `initiatives.seed`; and the pages `make bench` measures for them."""

from bench import pages, seed


@seed.step(order=100)
def initiatives(ctx: seed.SeedContext) -> str:
    """`initiatives.seed.seed` at the context's scale (it does nothing when the `bench-`
    initiatives are there already)."""
    from initiatives.seed import seed as seed_initiatives

    report = seed_initiatives(scale=ctx.scale, now=ctx.now, rng_seed=ctx.seed)
    return report.removeprefix("initiatives: ").replace("already seeded", "already there")


@seed.on_reset
def delete_initiatives():
    from initiatives.seed import reset

    reset()  # their initiators, supports, follows and comments go with them


def support_target():
    """The initiative the support action is measured on: the most supported one whose support
    period is open (at city scale it has thousands of supports and has reached its threshold)."""
    from django.utils import timezone

    from initiatives.models import Initiative

    return (
        Initiative.objects.public()
        .filter(status__in=Initiative.SUPPORT_STATES, supports_close_at__gt=timezone.now())
        .order_by("-support_count", "pk")
        .first()
    )


def fresh_residents(target, count: int, exclude=()) -> list[int]:
    """`count` residents (pks, in pk order) with a wijk who do not support `target` yet, so a
    support POST by each does the real work rather than "you support this already"."""
    from genk.accounts.models import User
    from initiatives.models import Support

    supporters = Support.objects.filter(initiative=target).values("user_id")
    return list(
        User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}", neighbourhood__isnull=False, is_active=True)
        .exclude(pk__in=list(exclude))
        .exclude(pk__in=supporters)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )


def supports_undo(target, residents: list[int]):
    """What puts `target` back after `residents` supported it (call it before they do): a
    function that deletes their supports and the follows they did not have, then recounts."""
    from initiatives.models import Follow, Support
    from initiatives.services import recount

    followed = set(Follow.objects.filter(initiative=target, user_id__in=residents).values_list("user_id", flat=True))

    def undo() -> None:
        Support.objects.filter(initiative=target, user_id__in=residents).delete()
        Follow.objects.filter(initiative=target, user_id__in=set(residents) - followed).delete()
        recount(target)

    return undo


@pages.register(order=100)
def initiative_pages(ctx: pages.PageContext) -> list[pages.Page]:
    """The list (plain, filtered on the busiest wijk, searched), the most supported initiative
    (as a visitor and signed in) and the support action.

    The support action is a POST by a *fresh* resident per request: residents with a wijk who
    do not support the target yet, in pk order, one new session each (as many as warm-ups plus
    measured requests). So every request does the real work (the support row, the counters,
    the follow) instead of "you support this already". After the run `undo` deletes those
    supports and follows and recounts, so every run starts from the same data, and `check`
    fails the page unless every POST recorded its support."""
    from initiatives.models import Initiative, Support

    top = Initiative.objects.public().order_by("-support_count", "pk").first()
    if top is None:
        return ctx.skip("initiatieven", "no published initiatives in the seeded data")
    wijk = ctx.busiest_wijk
    detail = top.get_absolute_url()
    found = [
        pages.Page("initiatieven", "/initiatieven/"),
        pages.Page(
            f"initiatieven, gefilterd ({wijk.name}, verzamelt steun, meeste steun)",
            f"/initiatieven/?wijk={wijk.slug}&status={Initiative.Status.COLLECTING}&sorteer=meeste-steun",
        ),
        pages.Page("initiatieven, zoeken (moestuin)", "/initiatieven/?q=moestuin"),
        pages.Page(f"initiatief met de meeste steun ({top.support_count:,} steunbetuigingen)", detail),
        pages.Page("idem, aangemeld (inwoner)", detail, sessions=[ctx.session(ctx.resident)]),
    ]
    label = "steunen (POST)"
    target = support_target()
    if target is None:
        return found + ctx.skip(label, "no initiative with its support period open")
    fresh = fresh_residents(target, ctx.requests_per_page, exclude=[ctx.resident.pk])
    if len(fresh) < ctx.requests_per_page:
        return found + ctx.skip(label, f"only {len(fresh)} residents who do not support {target.slug} yet")
    undo = supports_undo(target, fresh)

    def check() -> str | None:
        done = Support.objects.filter(initiative=target, user_id__in=fresh).count()
        return None if done == len(fresh) else f"{done} of {len(fresh)} supports recorded"

    return [
        *found,
        pages.Page(
            f"steunen (POST, nieuwe inwoner per request; {target.title}, {target.support_count:,} steunbetuigingen)",
            f"/initiatieven/{target.pk}/steunen/",
            method="POST",
            form=target.get_absolute_url(),
            sessions=ctx.sessions(fresh),
            expect=302,
            check=check,
            undo=undo,
        ),
    ]
