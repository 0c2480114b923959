"""Volunteer work (issue 13) at city scale: 400 seeded organisations with a volunteer
coordinator (the accounts step's 300, and 100 more made here) each get an information notice; 2,000 opportunities (most published),
20,000 shifts over the year around now and 100,000 sign-ups. Then the pages `make bench` measures:
the list (plain, filtered, searched), an opportunity page, "mijn vrijwilligerswerk", the
coordinator's workbench for one opportunity and a sign-up (POST); approved hours for the sign-ups
of past shifts (one per sign-up: about 50,000) and a flat-rate allowance for a tenth of them;
commitments to flexible opportunities with their daily hours (by COPY), bringing the hour entries
to the issue's 200,000; then the allowances page, the certificates list, a volunteer's certificate
and the public verification of a code."""

from datetime import timedelta

from bench import pages, seed

OPPORTUNITY_PREFIX = f"{seed.SLUG_PREFIX}vacature-"
WORDS = ["soep", "taalcafé", "huiswerk", "wandeling", "buurtfeest", "moestuin", "repair café", "voorleesuur"]
THEMES = ["care", "youth", "sport", "culture", "nature", "language", "neighbourhood", "education", "events", "world"]
KINDS = ["one_off", "recurring", "flexible", "dutch_practice"]


@seed.step(order=130)
def volunteer_work(ctx: seed.SeedContext) -> str:
    """The seeded organisations that have a volunteer coordinator (step `organisations`, about
    300 at city scale; at most 400) get an information notice, opportunities, shifts and sign-ups."""
    from genk.accounts.models import Organisation
    from neighbourhoods.models import Neighbourhood
    from volunteers.models import HourEntry, InformationNotice, NoticeAcknowledgement, Opportunity, Shift, SignUp

    rng = ctx.rng("volunteers")
    opportunities = ctx.scaled(2_000, minimum=15)
    shifts_each = 10
    signups = ctx.scaled(100_000, minimum=300)
    if Opportunity.objects.filter(slug__startswith=OPPORTUNITY_PREFIX).exists():
        added = flexible_work(
            ctx, rng, HourEntry.objects.filter(signup__shift__opportunity__slug__startswith=OPPORTUNITY_PREFIX).count()
        )
        return "bench volunteer work already there" + (
            f"; {added[0]:,} commitments, {added[1]:,} days of flexible hours added" if added[0] else ""
        )
    more_coordinators(ctx)
    orgs = list(
        Organisation.objects.filter(slug__startswith=seed.SLUG_PREFIX, memberships__role="volunteer_coordinator")
        .distinct()
        .order_by("slug")
        .values_list("pk", flat=True)[:400]
    )
    if not orgs:
        return "no seeded organisation has a volunteer coordinator"
    wijken = list(Neighbourhood.objects.values_list("pk", flat=True)) or [None]
    seed.bulk_insert(
        InformationNotice,
        (
            InformationNotice(
                organisation_id=o,
                version=1,
                aims="Bench",
                legal_status="vzw",
                insurance_civil_liability="Bench, polis 1",
            )
            for o in orgs
        ),
    )
    with seed.explicit_timestamps(Opportunity, "created"):
        seed.bulk_insert(
            Opportunity,
            (
                Opportunity(
                    organisation_id=orgs[i % len(orgs)],
                    title=f"{rng.choice(WORDS).capitalize()} {i:04d}",
                    slug=f"{OPPORTUNITY_PREFIX}{i:04d}",
                    description=f"Help mee met {rng.choice(WORDS)} en {rng.choice(WORDS)}.",
                    themes=rng.sample(THEMES, 2),
                    languages=["nl"] + rng.sample(["fr", "en", "tr", "it", "ar"], 1),
                    sdgs=[rng.randint(1, 17)],
                    kind=rng.choice(KINDS),
                    neighbourhood_id=rng.choice(wijken),
                    status="published" if i % 10 else rng.choice(["draft", "closed", "in_review"]),
                    published_at=ctx.now - timedelta(days=rng.randrange(365)) if i % 10 else None,
                    created=ctx.moment(rng),
                )
                for i in range(opportunities)
            ),
        )
    opps = list(
        Opportunity.objects.filter(slug__startswith=OPPORTUNITY_PREFIX).order_by("slug").values_list("pk", flat=True)
    )
    seed.bulk_insert(
        Shift,
        (
            Shift(
                opportunity_id=o,
                start=(start := ctx.now + timedelta(days=rng.randrange(-180, 180), hours=rng.randrange(24))),
                end=start + timedelta(hours=rng.choice([2, 3, 4])),
                capacity=rng.choice([5, 8, 10, 15]),
            )
            for o in opps
            for _ in range(shifts_each)
        ),
    )
    shifts = list(
        Shift.objects.filter(opportunity_id__in=opps).values_list("pk", "capacity", "opportunity__organisation_id")
    )
    people = ctx.resident_ids()[1:]
    rows, acks = [], set()
    for shift_id, capacity, org in shifts:
        taken = min(capacity + 2, max(1, signups // len(shifts)))
        for n, person in enumerate(rng.sample(people, min(taken, len(people)))):
            status = "accepted" if n < capacity else "waiting"
            rows.append(SignUp(shift_id=shift_id, volunteer_id=person, status=status, created=ctx.moment(rng)))
            acks.add((person, org))
    seed.bulk_insert(SignUp, rows)
    notices = dict(InformationNotice.objects.filter(organisation_id__in=orgs).values_list("organisation_id", "pk"))
    seed.bulk_insert(NoticeAcknowledgement, (NoticeAcknowledgement(user_id=u, notice_id=notices[o]) for u, o in acks))
    hours, allowances = hours_and_allowances(ctx, rng)
    commitments, days = flexible_work(ctx, rng, hours)
    return (
        f"{len(orgs)} organisations, {len(opps):,} opportunities, {len(shifts):,} shifts, {len(rows):,} sign-ups, "
        f"{hours + days:,} hour entries ({hours:,} of shifts, {days:,} days of flexible work by "
        f"{commitments:,} commitments), {allowances:,} allowances"
    )


def more_coordinators(ctx: seed.SeedContext) -> int:
    """The accounts step gives about half its 600 organisations a volunteer coordinator (about
    300); the issue asks 400 organisations' volunteer work: the first representative of further
    seeded organisations becomes their coordinator too, up to 400 (scaled)."""
    from genk.accounts.models import OrganisationMembership

    wanted = ctx.scaled(400, minimum=1)
    coordinated = set(
        OrganisationMembership.objects.filter(
            organisation__slug__startswith=seed.SLUG_PREFIX, role="volunteer_coordinator"
        ).values_list("organisation_id", flat=True)
    )
    missing = wanted - len(coordinated)
    if missing <= 0:
        return 0
    first = {}
    for org, user in (
        OrganisationMembership.objects.filter(organisation__slug__startswith=seed.SLUG_PREFIX)
        .exclude(organisation_id__in=coordinated)
        .order_by("organisation__slug", "pk")
        .values_list("organisation_id", "user_id")
    ):
        first.setdefault(org, user)
    added = list(first.items())[:missing]
    seed.bulk_insert(
        OrganisationMembership,
        (OrganisationMembership(organisation_id=o, user_id=u, role="volunteer_coordinator") for o, u in added),
    )
    return len(added)


def hours_and_allowances(ctx: seed.SeedContext, rng) -> tuple[int, int]:
    """Approved hours for the accepted sign-ups of past bench shifts (at most 200,000 at city
    scale), and a flat-rate allowance of € 20 for every tenth (one per volunteer, organisation and day)."""
    from django.utils import timezone

    from volunteers.models import Allowance, HourEntry, SignUp

    limit = ctx.scaled(200_000, minimum=100)
    past = (
        SignUp.objects.filter(
            shift__opportunity__slug__startswith=OPPORTUNITY_PREFIX, shift__start__lt=ctx.now, status="accepted"
        )
        .order_by("pk")
        .values_list("pk", "volunteer_id", "shift__start", "shift__opportunity__organisation_id")[:limit]
    )
    past = list(past)
    seed.bulk_insert(
        HourEntry,
        (
            HourEntry(signup_id=pk, hours=rng.choice([2, 3, 4]), status="approved", logged_by_id=volunteer)
            for pk, volunteer, _start, _org in past
        ),
    )
    seen, allowances = set(), []
    for _pk, volunteer, start, org in past[::10]:
        key = (volunteer, org, timezone.localtime(start).date())
        if key not in seen:
            seen.add(key)
            allowances.append(
                Allowance(volunteer_id=volunteer, organisation_id=org, day=key[2], system="flat_rate", amount=20)
            )
    seed.bulk_insert(Allowance, allowances)
    return len(past), len(allowances)


DAYS_PER_COMMITMENT = 20  # days of flexible work each volunteer logged over the last half year


def flexible_work(ctx: seed.SeedContext, rng, shift_hours: int) -> tuple[int, int]:
    """Flexible opportunities are joined as a whole (a `Commitment`) and their hours are logged per
    day (`FlexibleHours`, one per commitment and day). Enough accepted commitments, each with
    DAYS_PER_COMMITMENT days over the last 180 (nine in ten approved), to bring the hour entries
    to the issue's 200,000 (scaled) with the `shift_hours` of shifts. The days go in by COPY
    (about 150,000 rows in a few seconds). Nothing when the bench commitments exist."""
    import math

    from django.db import connection
    from django.utils import timezone

    from volunteers.models import Commitment, FlexibleHours, Opportunity

    if Commitment.objects.filter(opportunity__slug__startswith=OPPORTUNITY_PREFIX).exists():
        return 0, 0
    wanted = ctx.scaled(200_000, minimum=100) - shift_hours
    flexible = list(
        Opportunity.objects.filter(
            slug__startswith=OPPORTUNITY_PREFIX, kind="flexible", status__in=["published", "closed"]
        )
        .order_by("slug")
        .values_list("pk", flat=True)
    )
    if wanted <= 0 or not flexible:
        return 0, 0
    count = math.ceil(wanted / DAYS_PER_COMMITMENT)
    people = ctx.resident_ids()[1:]
    per_opportunity = math.ceil(count / len(flexible))
    pairs = [(o, p) for o in flexible for p in rng.sample(people, min(per_opportunity, len(people)))][:count]
    seed.bulk_insert(
        Commitment,
        (
            Commitment(
                opportunity_id=o, volunteer_id=p, status="accepted", created=ctx.moment(rng, 200), decided_at=ctx.now
            )
            for o, p in pairs
        ),
    )
    commitments = list(
        Commitment.objects.filter(opportunity__slug__startswith=OPPORTUNITY_PREFIX)
        .order_by("pk")
        .values_list("pk", "volunteer_id")
    )
    today = timezone.localdate(ctx.now)
    now = ctx.now
    columns = [
        "created",
        "modified",
        "commitment_id",
        "day",
        "hours",
        "status",
        "note",
        "logged_by_id",
        "decided_by_id",
        "decided_at",
    ]
    table = FlexibleHours._meta.db_table
    # COPY goes around Django's connection wrapper, so the page cache's table versions do not
    # move: no cached public page shows these rows, and `make bench` seeds before it serves.
    days = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for pk, volunteer in commitments:
            for back in rng.sample(range(1, 181), DAYS_PER_COMMITMENT):
                approved = rng.random() < 0.9
                copy.write_row(
                    (
                        now,
                        now,
                        pk,
                        today - timedelta(days=back),
                        rng.choice([1, 2, 3, 4]),
                        "approved" if approved else "logged",
                        "",
                        volunteer,
                        None,
                        now if approved else None,
                    )
                )
                days += 1
    return len(commitments), days


@seed.on_reset
def delete_volunteer_work():
    """The bench opportunities (their shifts, sign-ups and hours go with them), and the notices
    and acknowledgements of the seeded organisations; the organisations themselves are the
    accounts step's (it deletes them after this runs)."""
    from volunteers.models import (
        Allowance,
        Certificate,
        Commitment,
        FlexibleHours,
        InformationNotice,
        NoticeAcknowledgement,
        Opportunity,
        VolunteerYear,
    )

    FlexibleHours.objects.filter(commitment__opportunity__slug__startswith=OPPORTUNITY_PREFIX).delete()
    Commitment.objects.filter(opportunity__slug__startswith=OPPORTUNITY_PREFIX).delete()
    Allowance.objects.filter(organisation__slug__startswith=seed.SLUG_PREFIX).delete()
    Certificate.objects.filter(organisation__slug__startswith=seed.SLUG_PREFIX).delete()
    VolunteerYear.objects.filter(volunteer__email__endswith=f"@{seed.EMAIL_DOMAIN}").delete()
    Opportunity.objects.filter(slug__startswith=OPPORTUNITY_PREFIX).delete()
    notices = InformationNotice.objects.filter(organisation__slug__startswith=seed.SLUG_PREFIX)
    NoticeAcknowledgement.objects.filter(notice__in=notices).delete()
    notices.delete()


@pages.register(order=130)
def volunteer_pages(ctx: pages.PageContext) -> list[pages.Page]:
    from django.db.models import Count
    from django.utils import timezone

    from genk.accounts.models import User
    from volunteers.models import NoticeAcknowledgement, Opportunity, Shift, SignUp

    top = (
        Opportunity.objects.published()
        .filter(slug__startswith=seed.SLUG_PREFIX, shifts__start__gt=timezone.now())
        .annotate(n=Count("shifts__signups"))
        .order_by("-n", "pk")
        .first()
    )
    if top is None:
        return ctx.skip("vrijwilligerswerk", "no published bench opportunity with a shift to come")
    volunteer = (
        SignUp.objects.filter(shift__opportunity=top).order_by("pk").values_list("volunteer_id", flat=True).first()
    )
    coordinator = (
        top.organisation.memberships.filter(role="volunteer_coordinator")
        .order_by("pk")
        .values_list("user_id", flat=True)
        .first()
    )
    wijk = ctx.busiest_wijk
    found = [
        pages.Page(f"vrijwilligerswerk ({Opportunity.objects.published().count():,} vacatures)", "/vrijwilligers/"),
        pages.Page(
            f"vrijwilligerswerk, gefilterd ({wijk.name}, zorg, Nederlands)",
            f"/vrijwilligers/?wijk={wijk.slug}&thema=care&taal=nl",
        ),
        pages.Page("vrijwilligerswerk, zoeken (taalcafe)", "/vrijwilligers/?q=taalcafe"),
        pages.Page("vacature", top.get_absolute_url()),
        pages.Page("mijn vrijwilligerswerk", "/vrijwilligers/mijn/", sessions=[ctx.session(volunteer)]),
        pages.Page(
            "vacature beheren (coördinator)",
            f"/beheer/vrijwilligers/vacature/{top.pk}/",
            sessions=[ctx.session(coordinator)],
        ),
    ]
    found += allowance_and_certificate_pages(ctx, top.organisation, coordinator)
    shift = Shift.objects.upcoming().filter(opportunity=top).order_by("start").first()
    signed = SignUp.objects.filter(shift=shift).values("volunteer_id")
    # Adults old enough for the opportunity: a minor's sign-up needs a guardian's consent, a
    # younger one is refused; either would measure a refusal instead of a sign-up.
    shift_year = timezone.localdate(shift.start).year if shift else timezone.localdate().year
    oldest_birth_year = shift_year - max(18, top.minimum_age or 0)
    fresh = list(
        User.objects.filter(
            email__endswith=f"@{seed.EMAIL_DOMAIN}", is_active=True, year_of_birth__lte=oldest_birth_year
        )
        .exclude(pk__in=signed)
        .exclude(pk=ctx.resident.pk)
        .order_by("pk")
        .values_list("pk", flat=True)[: ctx.requests_per_page]
    )
    label = "inschrijven (POST)"
    if shift is None or len(fresh) < ctx.requests_per_page:
        return found + ctx.skip(label, "no upcoming shift or too few residents")
    notice = top.organisation.volunteer_notices.order_by("-version").first()
    acknowledged = set(
        NoticeAcknowledgement.objects.filter(notice=notice, user_id__in=fresh).values_list("user_id", flat=True)
    )

    def check() -> str | None:
        done = SignUp.objects.filter(shift=shift, volunteer_id__in=fresh).count()
        return None if done == len(fresh) else f"{done} of {len(fresh)} sign-ups recorded"

    def undo() -> None:
        SignUp.objects.filter(shift=shift, volunteer_id__in=fresh).delete()
        NoticeAcknowledgement.objects.filter(notice=notice, user_id__in=set(fresh) - acknowledged).delete()

    form = f"/vrijwilligers/shift/{shift.pk}/inschrijven/"
    return [
        *found,
        pages.Page(
            f"{label}, nieuwe inwoner per request",
            form,
            method="POST",
            form=form,
            data={"acknowledge": "on", "message": ""},
            sessions=ctx.sessions(fresh),
            expect=302,
            check=check,
            undo=undo,
        ),
    ]


def allowance_and_certificate_pages(ctx: pages.PageContext, organisation, coordinator) -> list[pages.Page]:
    """The coordinator's allowances and certificates of the busiest year, a volunteer's
    certificate and the public check of its code (the certificate is issued here, once)."""
    from django.db.models import Count

    from volunteers import certificates
    from volunteers.models import Allowance, HourEntry

    year_row = (
        Allowance.objects.filter(organisation=organisation)
        .values("day__year")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    entry = (
        HourEntry.objects.filter(status="approved", signup__shift__opportunity__organisation=organisation)
        .select_related("signup__volunteer", "signup__shift")
        .order_by("pk")
        .first()
    )
    if year_row is None or entry is None:
        return ctx.skip("vergoedingen en attesten", "no bench allowances or approved hours for this organisation")
    year = year_row["day__year"]
    volunteer = entry.signup.volunteer
    hours_year = entry.signup.shift.start.year
    issued = certificates.issue(volunteer, organisation, hours_year, volunteer)
    base = f"/beheer/vrijwilligers/organisatie/{organisation.slug}"
    coordinator_session = [ctx.session(coordinator)]
    from genk.accounts.models import User

    checkers = list(
        User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}", is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)[: ctx.requests_per_page]
    )
    return [
        pages.Page(
            f"vergoedingen {year} (coördinator)", f"{base}/vergoedingen/?jaar={year}", sessions=coordinator_session
        ),
        pages.Page(
            f"attesten {hours_year} (coördinator)", f"{base}/attesten/?jaar={hours_year}", sessions=coordinator_session
        ),
        pages.Page(
            "attest (vrijwilliger)",
            f"/vrijwilligers/mijn/attest/{organisation.slug}/{hours_year}/",
            sessions=[ctx.session(volunteer.pk)],
        ),
        # Checks are rate-limited per visitor: one resident per request, as many visitors would.
        pages.Page(
            "attest nakijken (een andere inwoner per request)",
            f"/vrijwilligers/attest/{issued.code}/",
            sessions=ctx.sessions(checkers),
        ),
    ]
