"""The agenda at city scale (issue 12): 20,000 activities over a year (half past, half to
come) by departments, area teams and organisations, with 300,000 registrations; and the
pages `make bench` measures: the agenda (plain, filtered, searched), the busiest activity,
and a registration (POST)."""

import secrets
from datetime import timedelta
from decimal import Decimal

from bench import pages, seed

ACTIVITIES = 20_000
REGISTRATIONS = 300_000
MARK = "\n\n(bench)"  # ends every seeded description: what reset deletes

TITLES = [
    "Buurtsoep", "Taalcafé Nederlands", "Repair Café", "Wandeling door {wijk}", "Kinderatelier",
    "Seniorennamiddag", "Petanquetornooi", "Infoavond", "Yoga in het park", "Fietsherstelling",
    "Voorleesuur", "Buurtfeest {wijk}", "Computerhulp", "Moestuinwerkdag", "Fairtrade-ontbijt",
    "Kookworkshop wereldkeuken", "Zumba voor iedereen", "Spelletjesavond", "Wijkoverleg {wijk}",
    "Filmavond", "Naaiatelier", "Valpreventie voor 65-plussers", "Huiswerkbegeleiding", "Klimaatcafé",
]  # fmt: skip
THEMES = ["culture", "sport", "youth", "seniors", "neighbourhood", "learning", "environment", "health", "world"]


@seed.step(order=140)
def agenda(ctx: seed.SeedContext) -> str:
    from genk.accounts.models import Department, Organisation
    from neighbourhoods.agenda.models import CODE_ALPHABET, Activity, Registration
    from neighbourhoods.models import Neighbourhood, Place

    total = ctx.scaled(ACTIVITIES, minimum=50)
    existing = Activity.objects.filter(description__endswith=MARK).count()
    if existing >= total:
        return f"{existing:,} activities already there"
    rng = ctx.rng("agenda")
    wijken = list(Neighbourhood.objects.values_list("pk", "name"))
    places = list(Place.objects.values_list("pk", "neighbourhood_id"))
    departments = list(Department.objects.values_list("pk", flat=True))
    organisations = list(Organisation.objects.values_list("pk", flat=True)[:2000])
    if not wijken or not departments:
        raise RuntimeError("The agenda needs wijken and departments: run the earlier steps first.")
    S, K = Activity.Status, Activity.OrganiserKind

    def activities():
        for number in range(total):
            wijk, wijk_name = rng.choice(wijken)
            start = (ctx.now + timedelta(days=rng.uniform(-180, 180))).replace(minute=0, second=0, microsecond=0)
            kind = rng.choices([K.CITY, K.AREA_TEAM, K.ORGANISATION, K.PROGRAMME], weights=[30, 30, 35, 5])[0]
            if kind == K.ORGANISATION and not organisations:
                kind = K.CITY
            past = start < ctx.now
            status = rng.choices(
                [S.TOOK_PLACE if past else S.PUBLISHED, S.CANCELLED, S.DRAFT, S.IN_REVIEW], weights=[94, 3, 2, 1]
            )[0]
            registering = rng.random() < 0.6
            place = rng.choice(places) if places and rng.random() < 0.7 else None
            themes = rng.sample(THEMES, rng.randint(1, 2))
            yield Activity(
                title=rng.choice(TITLES).format(wijk=wijk_name),
                description=f"Een activiteit in {wijk_name}, voor iedereen.{MARK}",
                status=status,
                organiser_kind=kind,
                department_id=rng.choice(departments) if kind in (K.CITY, K.PROGRAMME) else None,
                team_neighbourhood_id=wijk if kind == K.AREA_TEAM else None,
                organisation_id=rng.choice(organisations) if kind == K.ORGANISATION else None,
                organiser_label="FairTrade Gemeente Genk" if kind == K.PROGRAMME else "",
                programme="fairtrade" if kind == K.PROGRAMME else "",
                place_id=place[0] if place else None,
                address="" if place else f"Straat {number % 200 + 1}, 3600 Genk",
                neighbourhood_id=(place[1] if place and place[1] else wijk),
                starts_at=start,
                ends_at=start + timedelta(hours=rng.choice([1, 2, 2, 3])),
                themes=themes,
                sdgs=rng.sample(range(1, 18), 2) if "world" in themes or kind == K.PROGRAMME else [],
                age_min=6 if "youth" in themes else None,
                age_max=12 if "youth" in themes else None,
                price=Decimal(0) if rng.random() < 0.7 else Decimal(rng.choice([2, 3, 5, 10])),
                step_free=rng.random() < 0.6,
                registration_enabled=registering,
                capacity=rng.choice([10, 15, 20, 25, 30, 40, 60]) if registering else None,
                waiting_list_enabled=True,
                published_at=start - timedelta(days=20) if status != S.DRAFT else None,
            )

    seed.bulk_insert(Activity, activities())
    targets = list(
        Activity.objects.filter(description__endswith=MARK, registration_enabled=True)
        .exclude(status__in=[S.DRAFT, S.IN_REVIEW])
        .values_list("pk", "capacity", "status")
    )
    wanted = ctx.scaled(REGISTRATIONS, minimum=100)
    residents = ctx.resident_ids()
    rng = ctx.rng("agenda-registrations")
    # Exactly `wanted` registrations: an even share each, then moved between pairs of activities
    # at random (busy and quiet ones), never more than there are residents.
    base, extra = divmod(wanted, max(len(targets), 1))
    counts = [min(base + (1 if i < extra else 0), len(residents)) for i in range(len(targets))]
    for i in range(0, len(counts) - 1, 2):
        shift = rng.randint(0, min(counts[i] // 2, len(residents) - counts[i + 1]))
        counts[i] -= shift
        counts[i + 1] += shift
    R = Registration.Status

    def registrations():
        for (pk, capacity, status), count in zip(targets, counts, strict=True):
            seats = 0
            for user in rng.sample(residents, count):
                companions = 1 if rng.random() < 0.15 else 0
                if seats + companions + 1 <= capacity:
                    seats += companions + 1
                    state = R.ATTENDED if status == S.TOOK_PLACE and rng.random() < 0.7 else R.REGISTERED
                else:
                    state = R.WAITING
                yield Registration(
                    activity_id=pk,
                    user_id=user,
                    companions=companions,
                    status=state,
                    code="".join(secrets.choice(CODE_ALPHABET) for _ in range(8)),
                )

    seed.bulk_insert(Registration, registrations())
    n = Registration.objects.filter(activity__description__endswith=MARK).count()
    return f"{total:,} activities, {n:,} registrations"


@seed.on_reset
def delete_agenda():
    from neighbourhoods.agenda.models import Activity

    Activity.objects.filter(description__endswith=MARK).delete()  # registrations go with them


@pages.register(order=140)
def agenda_pages(ctx: pages.PageContext) -> list[pages.Page]:
    """The agenda (plain, filtered on the busiest wijk + theme + free, searched), the upcoming
    activity with the most registrations (as a visitor and signed in), and registering: a POST
    by a fresh resident per request on an upcoming activity with registrations open (they end
    on the waiting list when it is full: the same work, lock and count included). `undo`
    deletes those registrations."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from genk.accounts.models import User
    from neighbourhoods.agenda.models import Activity, Registration

    wijk = ctx.busiest_wijk
    found = [
        pages.Page("agenda", "/agenda/"),
        pages.Page(
            f"agenda, gefilterd ({wijk.name}, buurtleven, gratis)",
            f"/agenda/?wijk={wijk.slug}&thema=neighbourhood&gratis=on",
        ),
        pages.Page("agenda, zoeken (wandeling)", "/agenda/?q=wandeling"),
    ]
    open_ = (
        Activity.objects.published()
        .filter(registration_enabled=True, starts_at__gt=timezone.now() + timedelta(days=2))
        .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gt=timezone.now()))
    )
    top = open_.annotate(n=Count("registrations")).order_by("-n", "pk").first()
    if top is None:
        return found + ctx.skip("activiteit", "no upcoming activity with registrations")
    found += [
        pages.Page(f"activiteit ({top.n} inschrijvingen)", top.get_absolute_url()),
        pages.Page("idem, aangemeld (inwoner)", top.get_absolute_url(), sessions=[ctx.session(ctx.resident)]),
    ]
    registered = Registration.objects.filter(activity=top).values("user_id")
    fresh = list(
        User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}", is_active=True)
        .exclude(pk=ctx.resident.pk)
        .exclude(pk__in=registered)
        .order_by("pk")
        .values_list("pk", flat=True)[: ctx.requests_per_page]
    )
    if len(fresh) < ctx.requests_per_page:
        return found + ctx.skip("inschrijven (POST)", "not enough residents without a registration")

    def check() -> str | None:
        done = Registration.objects.filter(activity=top, user_id__in=fresh).count()
        return None if done == len(fresh) else f"{done} of {len(fresh)} registrations recorded"

    def undo() -> None:
        Registration.objects.filter(activity=top, user_id__in=fresh).delete()

    return [
        *found,
        pages.Page(
            "inschrijven (POST, nieuwe inwoner per request)",
            f"/agenda/{top.pk}/inschrijven/",
            method="POST",
            data={"companions": "0"},
            form=top.get_absolute_url(),
            sessions=ctx.sessions(fresh),
            expect=302,
            check=check,
            undo=undo,
        ),
    ]
