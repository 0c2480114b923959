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


BENCH_PLACE_PREFIX = "bench-plek-"
PLACE_KINDS = ["service_centre", "community_centre", "library", "youth_centre", "city_building"]
SLOT_HOURS = [8, 10, 12, 14, 16, 18, 20]  # two-hour slots within 08:00–22:00: never overlapping
BENCH_PURPOSE = "Bench: aanvraag"


@seed.step(order=45)
def places(ctx: seed.SeedContext) -> str:
    """150 places (2 rooms each: 300 rooms) in the wijken, open Monday to Saturday 08:00–22:00,
    owned by the Participatie department (whose head is the bench's staff user), and 40,000
    bookings over the past and the coming six months in distinct two-hour slots per room (so
    the approved ones never overlap). bulk_create throughout."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from genk.accounts.models import Department
    from neighbourhoods import maps
    from neighbourhoods.models import Booking, Neighbourhood, OpeningHours, Place, Room

    rng = ctx.rng("places")
    n_places = ctx.scaled(150, minimum=10)
    n_bookings = ctx.scaled(40_000, minimum=200)
    residents = ctx.resident_ids()
    department = Department.objects.filter(slug="participatie").first()
    wijken = list(Neighbourhood.objects.order_by("code"))
    points = {w.pk: maps.interior_point(w.boundary) for w in wijken}
    new_places = []
    for number in range(n_places):
        wijk = wijken[number % len(wijken)]
        lon, lat = points[wijk.pk] or (None, None)
        new_places.append(
            Place(
                slug=f"{BENCH_PLACE_PREFIX}{number:03d}",
                name=f"Bench-plek {number:03d}",
                kind=PLACE_KINDS[number % len(PLACE_KINDS)],
                neighbourhood=wijk,
                address=f"Benchstraat {number}, 3600 Genk",
                latitude=Decimal(f"{lat:.6f}") if lat is not None else None,
                longitude=Decimal(f"{lon:.6f}") if lon is not None else None,
                step_free=number % 2 == 0,
                accessible_toilet=number % 3 == 0,
                induction_loop=number % 5 == 0,
                department=department,
            )
        )
    seed.bulk_insert(Place, new_places)
    placed = list(Place.objects.filter(slug__startswith=BENCH_PLACE_PREFIX).order_by("slug"))
    if not Room.objects.filter(place__in=placed).exists():
        seed.bulk_insert(
            OpeningHours,
            (
                OpeningHours(place=p, weekday=day, opens=datetime.time(8), closes=datetime.time(22))
                for p in placed
                for day in range(6)
            ),
        )
        seed.bulk_insert(
            Room,
            (
                Room(place=p, name=name, capacity=capacity, price=Decimal(price), free_for_associations=True)
                for p in placed
                for name, capacity, price in (("Grote zaal", 80, "30.00"), ("Vergaderzaal", 15, "0.00"))
            ),
        )
    rooms = list(Room.objects.filter(place__in=placed).order_by("pk").values_list("pk", flat=True))
    if Booking.objects.filter(room_id__in=rooms).exists():
        return f"{len(placed)} places, {len(rooms)} rooms (bookings already there)"
    today = timezone.localdate(ctx.now)
    days = [today + datetime.timedelta(days=offset) for offset in range(-182, 183)]
    days = [d for d in days if d.weekday() < 6]
    per_room = -(-n_bookings // len(rooms))
    statuses = ["approved"] * 6 + ["requested"] * 2 + ["declined", "cancelled"]

    def bookings():
        made = 0
        for room in rooms:
            for day, hour in rng.sample([(d, h) for d in days for h in SLOT_HOURS], per_room):
                if made == n_bookings:
                    return
                start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
                status = rng.choice(statuses)
                if day < today and status == "requested":
                    status = "approved"
                yield Booking(
                    room_id=room,
                    requester_id=rng.choice(residents) if residents else None,
                    start=start,
                    end=start + datetime.timedelta(hours=rng.choice((1, 2))),
                    purpose=rng.choice(("Repetitie", "Vergadering", "Workshop", "Buurtfeest", "Taalcafé")),
                    people=rng.randint(4, 15),
                    status=status,
                )
                made += 1

    seed.bulk_insert(Booking, bookings())
    return f"{len(placed)} places, {len(rooms)} rooms, {Booking.objects.filter(room_id__in=rooms).count()} bookings"


@seed.on_reset
def delete_places():
    from neighbourhoods.models import Place

    Place.objects.filter(slug__startswith=BENCH_PLACE_PREFIX).delete()


@pages.register(order=45)
def place_pages(ctx: pages.PageContext) -> list[pages.Page]:
    """The directory, the place with the most bookings, its week (staff), and a request (POST)
    by a fresh resident per request for a free slot next week."""
    import datetime

    from django.db.models import Count
    from django.utils import timezone

    from neighbourhoods.models import Booking, Place

    place = (
        Place.objects.filter(slug__startswith=BENCH_PLACE_PREFIX)
        .annotate(n=Count("rooms__bookings"))
        .order_by("-n", "slug")
        .first()
    )
    if place is None:
        return ctx.skip("plekken", "no seeded places")
    found = [
        pages.Page("plekken", "/plekken/"),
        pages.Page(
            "plekken (gefilterd)", f"/plekken/?soort=service_centre&drempelvrij=on&wijk={place.neighbourhood.slug}"
        ),
        pages.Page(f"plek ({place.name})", place.get_absolute_url()),
    ]
    today = timezone.localdate()
    year, week, _day = today.isocalendar()
    found.append(
        pages.Page(
            "plek: week (medewerker)",
            f"/beheer/plekken/{place.slug}/week/?week={year}-W{week:02d}",
            sessions=[ctx.session(ctx.staff)],
        )
    )
    found += [
        pages.Page(
            "plek: cijfers per maand (medewerker)",
            f"/beheer/plekken/{place.slug}/cijfers/?van={today.year}-01-01&tot={today.year}-12-31",
            sessions=[ctx.session(ctx.staff)],
        ),
        pages.Page(
            "plek: bewerken (medewerker)", f"/beheer/plekken/{place.slug}/bewerken/", sessions=[ctx.session(ctx.staff)]
        ),
    ]
    room = place.rooms.order_by("pk").first()
    # A free two-hour slot next week (Monday to Saturday, 08:00–22:00): no approved booking.
    monday = today + datetime.timedelta(days=7 - today.weekday())
    slot = None
    for offset in range(6):
        day = monday + datetime.timedelta(days=offset)
        for hour in (9, 11, 13, 15, 17, 19):
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
            end = start + datetime.timedelta(hours=1)
            if not Booking.objects.approved().filter(room=room).overlapping(start, end).exists():
                slot = (day, hour)
                break
        if slot:
            break
    if slot is None:
        return found + ctx.skip("zaal aanvragen (POST)", "no free slot next week")
    from django.contrib.auth import get_user_model

    fresh = list(
        get_user_model()
        .objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}", is_active=True)
        .exclude(room_bookings__room=room)
        .order_by("pk")
        .values_list("pk", flat=True)[1 : ctx.requests_per_page + 1]
    )
    if len(fresh) < ctx.requests_per_page:
        return found + ctx.skip("zaal aanvragen (POST)", "not enough residents")
    day, hour = slot
    form = f"/plekken/{place.slug}/zalen/{room.pk}/aanvragen/"

    def made():
        return Booking.objects.filter(room=room, purpose=BENCH_PURPOSE, requester_id__in=fresh)

    def check() -> str | None:
        done = made().count()
        return None if done == len(fresh) else f"{done} of {len(fresh)} requests recorded"

    def undo() -> None:
        made().delete()

    found.append(
        pages.Page(
            "zaal aanvragen (POST)",
            form,
            method="POST",
            form=form,
            data={
                "day": day.isoformat(),
                "start": f"{hour:02d}:00",
                "end": f"{hour + 1:02d}:00",
                "people": "8",
                "purpose": BENCH_PURPOSE,
            },
            sessions=ctx.sessions(fresh),
            expect=302,
            check=check,
            undo=undo,
        )
    )
    return found
