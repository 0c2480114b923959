from genk.core import demo

from .models import Neighbourhood, Place, TeamMembership
from .services import load_example_districts, load_neighbourhoods

OUD_WINTERSLAG = "71016W24"
GENK_CENTRUM = "71016W06"


@demo.step(order=20)
def neighbourhoods(ctx):
    """The 31 real wijken, the example districts, and the demo director in Oud-Winterslag."""
    load_neighbourhoods()
    load_example_districts()
    winterslag = Neighbourhood.objects.get(code=OUD_WINTERSLAG)
    TeamMembership.objects.get_or_create(
        neighbourhood=winterslag,
        user=ctx["personas"]["neighbourhood_director"]["user"],
        role=TeamMembership.Role.DIRECTOR,
        defaults={"public_email": "wijkregie.winterslag@genk.be", "public_phone": "089 65 44 00"},
    )
    Place.objects.get_or_create(
        slug="stadhuis-genk",
        defaults={
            "name": "Stadhuis Genk",
            "kind": Place.Kind.CITY_BUILDING,
            "neighbourhood": Neighbourhood.objects.get(code=GENK_CENTRUM),
            "address": "Stadsplein 1, 3600 Genk",
        },
    )
    resident = ctx["personas"]["resident"]["user"]
    if resident.neighbourhood_id is None:
        resident.neighbourhood = winterslag
        resident.save(update_fields=["neighbourhood"])


# Places of every kind in several wijken. The names are invented and marked "(voorbeeld)": a
# real service centre's name, hours or rooms would pass for an official fact.
DEMO_PLACES = [
    {
        "slug": "dienstencentrum-de-kolk-voorbeeld",
        "name": "Dienstencentrum De Kolk (voorbeeld)",
        "kind": "service_centre",
        "wijk": OUD_WINTERSLAG,
        "address": "Voorbeeldstraat 12, 3600 Genk",
        "description": "Een lokaal dienstencentrum: koffie, maaltijden, een computerhoek en zalen voor "
        "verenigingen uit de buurt.",
        "hours": {day: [(9, 0, 12, 0), (13, 0, 17, 0)] for day in range(5)},
        "flags": {"step_free": True, "accessible_toilet": True, "induction_loop": True},
        "phone": "089 00 00 01",
        "email": "dekolk@example.org",
        "rooms": [
            ("Polyvalente zaal", 60, "beamer, geluidsinstallatie, keuken", "25.00", True),
            ("Vergaderzaal", 12, "scherm, flip-over", "0.00", False),
        ],
    },
    {
        "slug": "buurthuis-de-schakel-voorbeeld",
        "name": "Buurthuis De Schakel (voorbeeld)",
        "kind": "community_centre",
        "wijk": "71016W27",  # Waterschei-Zuid
        "address": "Voorbeeldplein 3, 3600 Genk",
        "description": "Buurthuis met een ontmoetingsruimte en een zaal voor activiteiten van bewoners.",
        "hours": {day: [(9, 0, 22, 0)] for day in range(6)},
        "flags": {"step_free": True},
        "phone": "089 00 00 02",
        "rooms": [("Feestzaal", 80, "podium, bar, 80 stoelen", "40.00", True)],
    },
    {
        "slug": "bibliotheekfiliaal-voorbeeld",
        "name": "Bibliotheekfiliaal (voorbeeld)",
        "kind": "library",
        "wijk": GENK_CENTRUM,
        "address": "Voorbeeldlaan 8, 3600 Genk",
        "hours": {day: [(10, 0, 18, 0)] for day in range(1, 6)},
        "flags": {"step_free": True, "accessible_toilet": True},
        "rooms": [("Leeszaal", 20, "tafels, wifi", "0.00", False)],
    },
    {
        "slug": "jeugdhuis-de-vonk-voorbeeld",
        "name": "Jeugdhuis De Vonk (voorbeeld)",
        "kind": "youth_centre",
        "wijk": "71016W13",  # Kolderbos
        "address": "Voorbeeldweg 21, 3600 Genk",
        "hours": {day: [(14, 0, 22, 0)] for day in (2, 4, 5)},
        "flags": {},
        "rooms": [("Repetitieruimte", 10, "drumstel, versterkers", "5.00", True)],
    },
    {
        "slug": "speelplein-zwartberg-voorbeeld",
        "name": "Speelplein (voorbeeld)",
        "kind": "park",
        "wijk": "71016W31",  # Zwartberg-Zuid
        "address": "Voorbeeldpark, 3600 Genk",
        "hours": {day: [(8, 0, 21, 0)] for day in range(7)},
        "flags": {"step_free": True},
        "rooms": [],
    },
]

DEMO_PARTNERS = [
    ("welzijnsorganisatie-de-brug-voorbeeld", "Welzijnsorganisatie De Brug (voorbeeld)", "welfare"),
    ("huisvestingsmaatschappij-voorbeeld", "Sociale huisvestingsmaatschappij (voorbeeld)", "housing"),
    ("basisschool-de-regenboog-voorbeeld", "Basisschool De Regenboog (voorbeeld)", "school"),
    ("wijkpolitie-voorbeeld", "Wijkpolitie (voorbeeld)", "police"),
    ("wijkgezondheidscentrum-voorbeeld", "Wijkgezondheidscentrum (voorbeeld)", "health"),
]


@demo.step(order=25)
def places(ctx):
    """Example places with points inside their wijk, weekly hours, a holiday, rooms, partners
    and bookings (requested and approved), managed by the department of the demo wijkregisseur."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from genk.accounts.models import Department

    from . import maps
    from .models import Booking, OpeningException, OpeningHours, Partner, PartnerArea, PartnerPlace, Room

    department = Department.objects.filter(slug="gebiedsgerichte-werking").first()
    made = {}
    for spec in DEMO_PLACES:
        wijk = Neighbourhood.objects.get(code=spec["wijk"])
        lon, lat = maps.interior_point(wijk.boundary)
        place, created = Place.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "neighbourhood": wijk,
                "address": spec["address"],
                "description": spec.get("description", ""),
                "latitude": Decimal(f"{lat:.6f}"),
                "longitude": Decimal(f"{lon:.6f}"),
                "phone": spec.get("phone", ""),
                "email": spec.get("email", ""),
                "department": department,
                **spec["flags"],
            },
        )
        made[spec["slug"]] = place
        if not created:
            continue
        OpeningHours.objects.bulk_create(
            OpeningHours(place=place, weekday=day, opens=datetime.time(h1, m1), closes=datetime.time(h2, m2))
            for day, ranges in spec["hours"].items()
            for h1, m1, h2, m2 in ranges
        )
        OpeningException.objects.create(
            place=place, date=datetime.date(timezone.localdate().year, 12, 25), closed=True, reason="Kerstmis"
        )
        for name, capacity, equipment, price, free in spec["rooms"]:
            Room.objects.create(
                place=place,
                name=name,
                capacity=capacity,
                equipment=equipment,
                price=Decimal(price),
                free_for_associations=free,
            )
    kolk = made["dienstencentrum-de-kolk-voorbeeld"]
    director = TeamMembership.objects.filter(neighbourhood=kolk.neighbourhood, role=TeamMembership.Role.DIRECTOR)
    kolk.team.add(*director)

    partners = {}
    for slug, name, kind in DEMO_PARTNERS:
        partners[kind], _created = Partner.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "description": "Een voorbeeldpartner voor de demo."}
        )
    for kind, role in (("welfare", "zitdag op dinsdag"), ("police", "wijkagent"), ("health", "huisartsen")):
        PartnerArea.objects.get_or_create(
            partner=partners[kind], neighbourhood=kolk.neighbourhood, defaults={"role": role}
        )
    PartnerArea.objects.get_or_create(
        partner=partners["housing"],
        neighbourhood=made["buurthuis-de-schakel-voorbeeld"].neighbourhood,
        defaults={"role": "huurdersbegeleiding"},
    )
    PartnerArea.objects.get_or_create(
        partner=partners["school"],
        neighbourhood=made["jeugdhuis-de-vonk-voorbeeld"].neighbourhood,
        defaults={"role": "brede school"},
    )
    PartnerPlace.objects.get_or_create(partner=partners["welfare"], place=kolk, defaults={"role": "zitdag op dinsdag"})

    # Bookings in the coming week, on weekdays within the hours of De Kolk.
    hall = kolk.rooms.order_by("name").first()
    if hall is None or hall.bookings.exists():
        return
    resident = ctx["personas"]["resident"]["user"]
    rep = ctx["personas"]["organisation_rep"]["user"]
    organisation = ctx.get("organisations", {}).get("association")
    day = timezone.localdate() + datetime.timedelta(days=1)
    weekdays = []
    while len(weekdays) < 3:
        if day.weekday() < 5:
            weekdays.append(day)
        day += datetime.timedelta(days=1)

    def at(day, hour):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    Booking.objects.create(
        room=hall,
        requester=rep,
        organisation=organisation,
        start=at(weekdays[0], 13),
        end=at(weekdays[0], 16),
        purpose="Algemene vergadering van de buurtvereniging",
        people=35,
        status=Booking.Status.APPROVED,
        staff_message="De sleutel ligt aan het onthaal.",
        decided_at=timezone.now(),
    )
    Booking.objects.create(
        room=hall,
        requester=resident,
        start=at(weekdays[1], 9),
        end=at(weekdays[1], 11),
        purpose="Oefenmoment Nederlands met buren",
        people=8,
    )
    Booking.objects.create(
        room=hall,
        requester=resident,
        start=at(weekdays[2], 14),
        end=at(weekdays[2], 16),
        purpose="Voorbereiding van het buurtfeest",
        people=15,
    )
