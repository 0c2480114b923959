"""Demo data of FairTrade town: the six criteria, a year of progress with evidence, a steering
group with meetings, and twenty fair-trade points across the wijken (invented names, marked
"(voorbeeld)"), two of them waiting for the officer's review."""

from datetime import date, timedelta

from django.utils import timezone

from genk.core import demo
from neighbourhoods.maps import interior_point

POINTS = [
    ("Wereldwinkel Genk (voorbeeld)", "shop", "Koffie, thee, chocolade, wijn en handwerk uit het Zuiden."),
    ("Koffiebar De Bonen (voorbeeld)", "horeca", "Fairtradekoffie en -thee, fairtradesuiker bij elke koffie."),
    ("Buurtwinkel Het Hoekje (voorbeeld)", "shop", "Fairtradebananen, rietsuiker en chocolade."),
    ("Brasserie Kolenspoor (voorbeeld)", "horeca", "Fairtradekoffie, fruitsap en wijn."),
    (
        "Basisschool De Regenboog (voorbeeld)",
        "school",
        "Fairtradefruitsap op het schoolfeest; lessen over eerlijke handel.",
    ),
    ("Jeugdbeweging Sint-Jan (voorbeeld)", "organisation", "Fairtradesweaters en -chocolade bij de wafelverkoop."),
    ("Drukkerij Limburgia (voorbeeld)", "company", "Fairtradekoffie en -thee in de refter."),
    ("Bakkerij Mijnwerkersbrood (voorbeeld)", "shop", "Brood met fairtradesuiker en -cacao."),
    ("Café De Schacht (voorbeeld)", "horeca", "Fairtradekoffie en -cola."),
    ("Sportclub Genk-Noord (voorbeeld)", "organisation", "Fairtradeballen en fruitsap in de kantine."),
    ("Secundaire school Atheneum (voorbeeld)", "school", "Fairtradeautomaat en een werkgroep eerlijke handel."),
    ("Ingenieursbureau Kempenland (voorbeeld)", "company", "Fairtradekoffie, thee en fruit voor het personeel."),
    ("Biowinkel De Linde (voorbeeld)", "shop", "Fairtrade- en lokale bioproducten."),
    (
        "Restaurant Smaak van de Wereld (voorbeeld)",
        "horeca",
        "Fairtraderijst, koffie en desserts met fairtradechocolade.",
    ),
    ("Vrouwenvereniging Ferm Waterschei (voorbeeld)", "organisation", "Fairtradekoffie op elke bijeenkomst."),
    ("Kledingzaak Eerlijk Textiel (voorbeeld)", "shop", "Kleding van fairtradekatoen."),
    ("Tearoom Het Theehuis (voorbeeld)", "horeca", "Fairtradethee en -koekjes."),
    ("Garage Molenvijver (voorbeeld)", "company", "Fairtradekoffie in de wachtruimte."),
    ("Basisschool Sint-Albertus (voorbeeld)", "school", "Fairtradeontbijt in de Week van de Fair Trade."),
    ("Toneelkring Zwartberg (voorbeeld)", "organisation", "Fairtradedranken in de pauze."),
]
STREETS = [
    "Stationsstraat",
    "Vennestraat",
    "Winterslagstraat",
    "Hoogstraat",
    "Molenstraat",
    "Europalaan",
    "Sint-Martinusplein",
]


@demo.step(order=70)
def fairtrade(ctx):
    from genk.accounts.models import Organisation
    from neighbourhoods.models import Neighbourhood

    from .models import Evidence, Point, Progress, SteeringMeeting, SteeringMember
    from .services import load_criteria, progress_for

    load_criteria()
    year = timezone.localdate().year
    personas = ctx["personas"]
    officer = personas["worldcitizenship_officer"]["user"]
    rep = personas["organisation_rep"]["user"]
    resident = personas["resident"]["user"]

    rows = {p.criterion.number: p for p in progress_for(year)}
    statuses = {1: "met", 2: "in_progress", 3: "in_progress", 4: "met", 5: "met", 6: "not_started"}
    notes = {
        1: "De gemeenteraad keurde de resolutie goed; op vergaderingen wordt fairtradekoffie en -fruitsap geschonken (voorbeeld).",
        2: "Nieuwe zaken aangesproken tijdens de Week van de Fair Trade (voorbeeld).",
        3: "Twee scholen en een jeugdbeweging bereid om mee te doen (voorbeeld).",
        4: "Artikel in het stadsmagazine en een fairtradeontbijt op de markt (voorbeeld).",
        5: "De trekkersgroep vergaderde drie keer (voorbeeld).",
    }
    for number, progress in rows.items():
        if progress.status == "not_started" and statuses.get(number) != "not_started":
            Progress.objects.filter(pk=progress.pk).update(
                status=statuses[number],
                notes=notes.get(number, ""),
                met_at=timezone.now() if statuses[number] == "met" else None,
            )
        if number in (1, 4) and not progress.evidence.exists():
            Evidence.objects.create(
                progress=progress,
                kind=Evidence.Kind.LINK,
                title="Gemeenteraadsbesluit over fair trade (voorbeeld)"
                if number == 1
                else "Artikel in het stadsmagazine (voorbeeld)",
                url="https://www.genk.be/",
                added_by=officer,
            )

    if 4 in rows and not rows[4].evidence.filter(kind=Evidence.Kind.PHOTO).exists():
        _demo_photo(rows[4], officer)

    if not SteeringMember.objects.exists():
        for name, role, represents in [
            ("Lotte Vandeweyer (voorbeeld)", "voorzitter", "Oxfam-Wereldwinkel Genk"),
            ("An Claes (voorbeeld)", "secretaris", "dienst Wereldburgerschap, stad Genk"),
            ("Murat Yilmaz (voorbeeld)", "lid", "handelaarsvereniging"),
            ("Sofie Peeters (voorbeeld)", "lid", "basisschool De Regenboog"),
            ("Jonas Bollen (voorbeeld)", "lid", "jeugdraad"),
        ]:
            SteeringMember.objects.create(name=name, role=role, represents=represents, since=date(year - 2, 9, 1))
        for month, minutes in [
            (2, "Planning van de Week van de Fair Trade."),
            (5, "Nieuwe fairtradepunten; de renovatie van de titel."),
            (10, "Evaluatie van de Week van de Fair Trade."),
        ]:
            SteeringMeeting.objects.create(
                date=date(year, month, 12), place="Stadhuis Genk", minutes=f"{minutes} (voorbeeld)"
            )

    if not Point.objects.filter(name__endswith="(voorbeeld)").exists():
        wijken = list(Neighbourhood.objects.filter(boundary__isnull=False).order_by("name"))
        organisation = Organisation.objects.filter(memberships__user=rep).first()
        now = timezone.now()
        for i, (name, kind, offer) in enumerate(POINTS):
            wijk = wijken[(i * 3) % len(wijken)] if wijken else None
            point = interior_point(wijk.boundary) if wijk else None
            if point is None:
                continue
            lon, lat = point
            submitted = i >= len(POINTS) - 2
            Point.objects.create(
                name=name,
                kind=kind,
                address=f"{STREETS[i % len(STREETS)]} {10 + i}, 3600 Genk",
                neighbourhood=wijk,
                latitude=round(lat, 6),
                longitude=round(lon, 6),
                website="https://www.genk.be/" if i % 4 == 0 else "",
                offer=offer,
                organisation=organisation if kind == "organisation" and i == 5 else None,
                applicant=rep if kind == "organisation" and i == 5 else resident,
                status="submitted" if submitted else "approved",
                approved_at=None if submitted else now - timedelta(days=300 - i * 10),
            )
    ctx["stdout"].write(
        f"  fairtrade: {Point.objects.count()} fair-trade points, "
        f"{Progress.objects.filter(year=year).count()} criteria for {year}; "
        f"officer: {officer.email} at /beheer/wereldburgerschap/fairtrade/"
    )


def _demo_photo(progress, officer):
    """A drawn picture (no real photo): a table with cups, made into versions like an upload."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image, ImageDraw

    from genk.core import images as shared

    from . import images
    from .models import Evidence

    picture = Image.new("RGB", (960, 540), (240, 232, 214))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((80, 330, 880, 380), fill=(120, 80, 50))
    for x in (180, 380, 580, 780):
        draw.ellipse((x - 45, 250, x + 45, 330), fill=(250, 250, 250), outline=(60, 60, 60), width=4)
    buffer = BytesIO()
    picture.save(buffer, "JPEG")
    content = shared.clean_image(ContentFile(buffer.getvalue(), name="ontbijt.jpg"), images.limits())
    name = default_storage.save(f"{images.FOLDER}/demo-fairtradeontbijt.jpg", content)
    width, height = Image.open(default_storage.open(name)).size
    Evidence.objects.create(
        progress=progress,
        kind=Evidence.Kind.PHOTO,
        title="Fairtradeontbijt op de markt (voorbeeld, een tekening)",
        image=name,
        image_width=width,
        image_height=height,
        alt_text="Tekening van vier koffiekopjes op een tafel",
        added_by=officer,
    )
