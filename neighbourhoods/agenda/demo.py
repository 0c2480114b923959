"""Demo agenda: activities of every kind of organiser for the coming weeks, one full with a
waiting list, one series, one in review, one that took place, two with an image (a drawing,
so that nobody takes it for a photo of a real event). Idempotent (by title). The
activities are invented; places are the demo's places (two example places are added, marked
as such, only when the demo has fewer than two). People registered without an account use
example.org addresses."""

from datetime import datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from genk.accounts.models import Department, Organisation
from genk.core import demo
from neighbourhoods.models import Neighbourhood, Place

from . import images, services
from .models import Activity, Registration, Series

TZ = ZoneInfo("Europe/Brussels")
OUD_WINTERSLAG = "71016W24"
A = Activity.Status
K = Activity.OrganiserKind
R = Registration.Status

GUESTS = [
    "Marleen Swinnen", "Mehmet Kaya", "Rosa Lombardo", "Youssef Benali", "Agnieszka Nowak", "Jan Thijs",
    "Elif Demir", "Koen Bollen", "Salma Ouali", "Dimitris Papadopoulos", "Ana Fernandes", "Lotte Vrancken",
]  # fmt: skip


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _places():
    places = list(Place.objects.select_related("neighbourhood").order_by("pk")[:4])
    if len(places) >= 2:
        return places
    wijk = Neighbourhood.objects.filter(code=OUD_WINTERSLAG).first()
    for slug, name, kind, address in [
        ("buurthuis-de-kolibrie-voorbeeld", "Buurthuis De Kolibrie (voorbeeld)", Place.Kind.COMMUNITY_CENTRE,
         "Noordlaan 12, 3600 Genk"),
        ("dienstencentrum-winterslag-voorbeeld", "Dienstencentrum Winterslag (voorbeeld)", Place.Kind.SERVICE_CENTRE,
         "Vennestraat 40, 3600 Genk"),
    ]:  # fmt: skip
        Place.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "neighbourhood": wijk,
                "address": address,
                "accessibility": "Drempelvrij, aangepast toilet (voorbeeld).",
            },
        )
    return list(Place.objects.select_related("neighbourhood").order_by("pk")[:4])


def _guests(activity, statuses):
    for i, status in enumerate(statuses):
        name = GUESTS[i % len(GUESTS)]
        email = f"{name.split()[0].lower()}.{activity.pk}.{i}@example.org"
        Registration.objects.get_or_create(
            activity=activity,
            email=email,
            defaults={
                "name": name,
                "status": status,
                "companions": 1 if i % 4 == 0 else 0,
                "confirmed_at": timezone.now(),
            },
        )


def _picture(colours) -> BytesIO:
    """A simple drawn picture (no photo of real people or places): a sky, a green, circles."""
    sky, ground, *dots = colours
    image = Image.new("RGB", (1200, 800), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=ground)
    for i, colour in enumerate(dots):
        x = 200 + i * 260
        draw.ellipse((x, 380, x + 180, 560), fill=colour)
        draw.rectangle((x + 60, 560, x + 120, 700), fill=colour)
    out = BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    return out


DEMO_IMAGES = [
    (
        "Buurtsoep in Winterslag",
        ("#F6E7C1", "#7BA05B", "#D55E00", "#E69F00", "#0072B2"),
        "Tekening (voorbeeld): drie figuren in warme kleuren op een grasveld, als buren rond de soep.",
    ),
    (
        "Fairtrade-ontbijt op het stadsplein",
        ("#DCEFF9", "#8C6D46", "#009E73", "#CC79A7", "#56B4E9", "#F0E442"),
        "Tekening (voorbeeld): vier gekleurde figuren op een bruin plein onder een lichtblauwe lucht.",
    ),
]


def _images(ctx) -> None:
    """An image (with its alt text) on two demo activities, the first a whole series; idempotent."""
    for title, colours, alt in DEMO_IMAGES:
        activities = list(Activity.objects.filter(title=title, image=""))
        if activities:
            images.attach_now(activities, _picture(colours), f"demo/{slugify(title)}", alt)
            ctx["stdout"].write(f"  agenda: an image on ‘{title}’ ({len(activities)})")


@demo.step(order=25)
def agenda(ctx):
    if Activity.objects.filter(title="Taalcafé Nederlands").exists():
        ctx["stdout"].write(f"  agenda: {Activity.objects.count()} activities (already there)")
        _images(ctx)
        return
    personas = ctx["personas"]
    departments = {d.slug: d for d in Department.objects.all()}
    association = Organisation.objects.filter(slug="buurtvereniging-winterslag-voorbeeld").first()
    winterslag = Neighbourhood.objects.filter(code=OUD_WINTERSLAG).first()
    places = _places()
    first, second = places[0], places[1 % len(places)]
    director = personas["neighbourhood_director"]["user"]
    servant = personas["civil_servant"]["user"]
    officer = personas["worldcitizenship_officer"]["user"]
    rep = personas["organisation_rep"]["user"]

    def make(title, *, by, status=A.PUBLISHED, start, hours=2, series=None, **fields):
        activity = Activity(
            title=title,
            status=status,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            created_by=by,
            published_at=timezone.now() if status in Activity.PUBLIC_STATES else None,
            **fields,
        )
        if series:
            frequency, count = series
            return services.create_activity(by, activity, frequency=frequency, count=count)[0]
        activity.save()
        return activity

    # The city: an information evening at the town hall.
    make(
        "Infoavond burgerbudget 2027",
        by=servant,
        start=_at(9, 19, 30),
        organiser_kind=K.CITY,
        department=departments["participatie"],
        place=first,
        neighbourhood=first.neighbourhood,
        description="Hoe dien je een voorstel in voor het burgerbudget? De dienst Participatie legt het uit "
        "en beantwoordt je vragen. Koffie en thee staan klaar.",
        themes=["neighbourhood"],
        sdgs=[11, 16],
        languages=["nl"],
        step_free=True,
        accessible_toilet=True,
        induction_loop=True,
        registration_enabled=True,
        capacity=60,
    )
    # The area team: a weekly soup lunch, a series of six.
    make(
        "Buurtsoep in Winterslag",
        by=director,
        start=_at(2, 12, 0),
        hours=1.5,
        series=(Series.Frequency.WEEKLY, 6),
        organiser_kind=K.AREA_TEAM,
        team_neighbourhood=winterslag,
        place=second,
        neighbourhood=winterslag,
        description="Elke week soep en een babbel met de buren, samen met het wijkteam. Iedereen welkom.",
        themes=["neighbourhood", "seniors"],
        languages=["nl", "tr", "it"],
        price=Decimal("1.00"),
        step_free=True,
        registration_enabled=True,
        capacity=30,
    )
    # Full, with a waiting list.
    taalcafe = make(
        "Taalcafé Nederlands",
        by=director,
        start=_at(5, 14, 0),
        organiser_kind=K.AREA_TEAM,
        team_neighbourhood=winterslag,
        place=second,
        neighbourhood=winterslag,
        description="Oefen je Nederlands in een kleine groep, met vrijwilligers die geduld hebben. "
        "Voor iedereen die Nederlands leert, van beginner tot gevorderd.",
        themes=["learning"],
        sdgs=[4],
        languages=["nl"],
        age_min=16,
        registration_enabled=True,
        capacity=8,
        waiting_list_enabled=True,
    )
    _guests(taalcafe, [R.REGISTERED] * 6 + [R.WAITING] * 3)
    # For children.
    make(
        "Knutselnamiddag voor kinderen",
        by=director,
        start=_at(11, 14, 0),
        organiser_kind=K.AREA_TEAM,
        team_neighbourhood=winterslag,
        place=second,
        neighbourhood=winterslag,
        description="Knutselen met gerecycleerd materiaal. Voor kinderen van 6 tot 12 jaar; ouders mogen blijven.",
        themes=["youth", "environment"],
        sdgs=[12],
        age_min=6,
        age_max=12,
        registration_enabled=True,
        capacity=15,
        registration_deadline=_at(10, 12, 0),
    )
    # An organisation: one published (their second), one in review.
    if association:
        make(
            "Repair Café Winterslag",
            by=rep,
            start=_at(6, 13, 0),
            hours=3,
            organiser_kind=K.ORGANISATION,
            organisation=association,
            address="Noordlaan 12, 3600 Genk (voorbeeld)",
            neighbourhood=winterslag,
            description="Breng je kapotte toestel, fiets of kledingstuk mee: vrijwilligers herstellen het samen met je.",
            themes=["environment", "neighbourhood"],
            sdgs=[12, 13],
        )
        make(
            "Petanquetornooi voor de buurt",
            by=rep,
            status=A.IN_REVIEW,
            start=_at(20, 14, 0),
            hours=4,
            organiser_kind=K.ORGANISATION,
            organisation=association,
            address="Petanqueplein Winterslag, 3600 Genk (voorbeeld)",
            neighbourhood=winterslag,
            description="Een gezellig tornooi voor jong en oud. Teams van twee; inschrijven ter plaatse.",
            themes=["sport", "seniors"],
            price=Decimal("2.50"),
        )
    # World citizenship: awareness activities with SDGs and a programme.
    make(
        "Fairtrade-ontbijt op het stadsplein",
        by=officer,
        start=_at(13, 9, 0),
        hours=2.5,
        organiser_kind=K.PROGRAMME,
        department=departments["wereldburgerschap"],
        organiser_label="FairTrade Gemeente Genk",
        programme="fairtrade",
        address="Stadsplein, 3600 Genk",
        neighbourhood=first.neighbourhood,
        description="Proef eerlijke koffie, thee en chocolade en hoor hoe boeren in het Zuiden een eerlijke prijs krijgen.",
        themes=["world"],
        sdgs=[1, 8, 12],
        languages=["nl", "en", "fr"],
        step_free=True,
        registration_enabled=True,
        capacity=80,
    )
    make(
        "Avond over de stedenband met Francistown",
        by=officer,
        start=_at(16, 19, 30),
        organiser_kind=K.PROGRAMME,
        department=departments["wereldburgerschap"],
        organiser_label="Stedenband Genk–Francistown",
        programme="francistown",
        place=first,
        neighbourhood=first.neighbourhood,
        online_url="https://example.org/francistown-avond",
        description="Jongeren die Francistown (Botswana) bezochten vertellen over hun uitwisseling. "
        "Ook online te volgen.",
        themes=["world", "youth"],
        sdgs=[4, 17],
        languages=["nl", "en"],
        registration_enabled=True,
        capacity=50,
    )
    # Took place, with attendance.
    past = make(
        "Wandeling door het Molenvijverpark",
        by=director,
        status=A.TOOK_PLACE,
        start=_at(-6, 10, 0),
        organiser_kind=K.AREA_TEAM,
        team_neighbourhood=winterslag,
        address="Ingang Molenvijverpark, Europalaan, 3600 Genk",
        neighbourhood=winterslag,
        description="Een rustige wandeling van een uur met een gids van het wijkteam.",
        themes=["health", "environment"],
        registration_enabled=True,
        capacity=20,
    )
    _guests(past, [R.ATTENDED] * 7 + [R.REGISTERED] * 2)
    resident = personas["resident"]["user"]
    if not Registration.objects.filter(user=resident).exists():
        Registration.objects.create(
            activity=Activity.objects.get(title="Infoavond burgerbudget 2027"), user=resident, status=R.REGISTERED
        )
    ctx["stdout"].write(
        f"  agenda: {Activity.objects.count()} activities, {Registration.objects.count()} registrations "
        f"(‘Taalcafé Nederlands’ is full, with a waiting list)"
    )
    _images(ctx)
