"""Demo: the Francistown partnership with three projects in different states, an educational
project, exchanges and news with a photo. Everything made up is marked "(voorbeeld)"."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone

from genk.core import demo

from .models import Contact, Exchange, Funding, Indicator, Partner, Partnership, Photo, Project, Update


def _png() -> ContentFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), (70, 130, 180))
    draw = ImageDraw.Draw(image)
    draw.rectangle((220, 140, 420, 360), fill=(40, 90, 60))
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="tank.png")


@demo.step(order=70)
def partnership(ctx):
    from ..workflow import complete, publish

    officer = ctx["personas"]["worldcitizenship_officer"]["user"]
    department = ctx["departments"]["wereldburgerschap"]
    p, _ = Partnership.objects.get_or_create(
        slug="francistown",
        defaults={
            "name": "Stedenband Genk–Francistown",
            "aims": (
                "Genk en Francistown (Botswana) leren van elkaar en werken samen aan onderwijs, water en "
                "jongerenparticipatie. (voorbeeldtekst)"
            ),
            "focus": (
                "De stedenband krijgt een vernieuwde focus: jongeren, scholen en klimaat, met de "
                "duurzameontwikkelingsdoelen (SDG's) als kader. (voorbeeldtekst)"
            ),
            "department": department,
        },
    )
    genk_school = _partner(p, "genk", "Scholengroep Genk (voorbeeld)", "Lies Janssens", "lies@example.org")
    genk_ngo = _partner(p, "genk", "Wereldwerkgroep Genk (voorbeeld)", "Koen Smets", "koen@example.org")
    ft_council = _partner(p, "partner", "Francistown City Council (voorbeeld)", "Kabo Sello", "kabo@example.org")
    ft_school = _partner(p, "partner", "Francistown Senior School (voorbeeld)", "Naledi Moyo", "naledi@example.org")
    Contact.objects.get_or_create(
        partnership=p,
        email="wereldburgerschap@genk.be",
        defaults={"name": "Dienst Wereldburgerschap", "role": "Stedenband Genk–Francistown", "position": 1},
    )
    Contact.objects.get_or_create(
        partnership=p,
        email="partnership@example.org",
        defaults={"name": "Partnership office (voorbeeld)", "role": "Francistown", "side": "partner", "position": 2},
    )
    wijken = list(_neighbourhoods())
    today = timezone.localdate()

    water = _project(
        p,
        "Regenwater voor drie scholen (voorbeeld)",
        summary="Opvangtanks voor regenwater op drie scholen in Francistown.",
        aims="Drinkbaar water op school, het hele jaar door, en lessen over water in Genk en Francistown.",
        starts_on=today - timedelta(days=200),
        ends_on=today + timedelta(days=300),
        partners=[genk_ngo, ft_council],
        sdgs=[6, 4],
        neighbourhood=wijken[0] if wijken else None,
    )
    if not water.fundings.exists():
        Funding.objects.create(project=water, source="city", amount_eur=Decimal("15000"))
        Funding.objects.create(project=water, source="flemish", amount_eur=Decimal("10000"))
        Funding.objects.create(
            project=water,
            source="partners",
            description="Eigen bijdrage van de stad Francistown",
            amount_eur=Decimal("2000"),
            foreign_amount=Decimal("29600"),
            foreign_currency="BWP",
            rate=Decimal("14.8"),
        )
        Indicator.objects.create(
            project=water, name="Scholen met een tank", unit="scholen", baseline=0, target=3, result=1
        )
        Indicator.objects.create(
            project=water, name="Leerlingen met drinkwater op school", unit="leerlingen", baseline=0, target=1500
        )
    if water.status == Project.Status.DRAFT:
        publish(water, officer)
    if not water.updates.exists():
        update = Update.objects.create(
            project=water,
            title="De eerste tank staat (voorbeeld)",
            body="Op de eerste school vangt een tank van 10.000 liter het regenwater op.",
            author=officer,
        )
        Photo.objects.create(update=update, image=_png(), alt_text="Een groene watertank naast een schoolgebouw")

    youth = _project(
        p,
        "Jongerenraad Genk–Francistown (voorbeeld)",
        summary="Jongeren uit beide steden brachten elk jaar een gezamenlijk advies uit.",
        aims="Jongeren een stem geven in het beleid van beide steden.",
        starts_on=today - timedelta(days=900),
        ends_on=today - timedelta(days=60),
        partners=[genk_school, ft_council],
        sdgs=[16, 17],
    )
    if not youth.indicators.exists():
        Indicator.objects.create(project=youth, name="Gezamenlijke adviezen", baseline=0, target=2, result=2)
        Funding.objects.create(project=youth, source="federal", amount_eur=Decimal("8000"))
    if youth.status == Project.Status.DRAFT:
        publish(youth, officer)
    if youth.status == Project.Status.RUNNING:
        complete(youth, officer, "Twee adviezen over jeugdwerk, door beide gemeenteraden besproken. (voorbeeld)")

    _project(
        p,
        "Zonnepanelen voor het gezondheidscentrum (voorbeeld)",
        summary="In voorbereiding: zonne-energie voor een gezondheidscentrum.",
        aims="Betrouwbare stroom voor de koelkasten met vaccins.",
        starts_on=today + timedelta(days=90),
        partners=[ft_council],
        sdgs=[3, 7],
    )

    lessons = _project(
        p,
        "Klasbrieven en waterlessen (voorbeeld)",
        kind=Project.Kind.EDUCATIONAL,
        school="Basisschool De Wereldbol (voorbeeld)",
        class_group="5de en 6de leerjaar",
        materials="Lespakket ‘Water hier en daar’ (voorbeeld), briefwisseling met Francistown Senior School.",
        summary="Leerlingen in Genk en Francistown schrijven elkaar en leren over water.",
        aims="Wereldburgerschap in de klas: leren over elkaars leven en over water.",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=240),
        partners=[genk_school, ft_school],
        sdgs=[4, 6],
        neighbourhood=wijken[1] if len(wijken) > 1 else None,
    )
    if lessons.status == Project.Status.DRAFT:
        publish(lessons, officer)

    for kind, title, direction, who, place, start, days, purpose, outcome, project in [
        (
            "delegation",
            "Delegatie naar Francistown (voorbeeld)",
            "to_partner",
            "De schepen van wereldburgerschap en twee medewerkers",
            "Francistown",
            today - timedelta(days=120),
            7,
            "Het waterproject opvolgen en de vernieuwde focus afspreken.",
            "Een werkplan voor drie jaar. (voorbeeld)",
            water,
        ),
        (
            "school_link",
            "Scholenband De Wereldbol – Francistown Senior School (voorbeeld)",
            "both",
            "Twee klassen en hun leerkrachten (online)",
            "Genk en Francistown",
            today - timedelta(days=30),
            0,
            "Briefwisseling en twee videogesprekken per schooljaar.",
            "",
            lessons,
        ),
        (
            "youth",
            "Jongerenuitwisseling in Genk (voorbeeld)",
            "to_genk",
            "Zes jongeren en een begeleider uit Francistown",
            "Genk",
            today - timedelta(days=400),
            10,
            "Samen het advies van de jongerenraad voorbereiden.",
            "Het eerste gezamenlijke advies. (voorbeeld)",
            youth,
        ),
    ]:
        Exchange.objects.get_or_create(
            partnership=p,
            title=title,
            defaults={
                "kind": kind,
                "direction": direction,
                "participants": who,
                "place": place,
                "starts_on": start,
                "ends_on": start + timedelta(days=days) if days else None,
                "purpose": purpose,
                "outcome": outcome,
                "project": project,
            },
        )


def _partner(p, side, name, contact, email):
    partner, _ = Partner.objects.get_or_create(
        partnership=p, name=name, defaults={"side": side, "contact_name": contact, "contact_email": email}
    )
    return partner


def _neighbourhoods():
    from neighbourhoods.models import Neighbourhood

    return Neighbourhood.objects.order_by("name")[:2]


def _project(p, title, *, partners, sdgs, **fields) -> Project:
    from ..models import Goal

    project, created = Project.objects.get_or_create(partnership=p, title=title, defaults=fields)
    if created:
        project.partners.set(partners)
        project.sdgs.set(Goal.objects.filter(number__in=sdgs))
    return project
