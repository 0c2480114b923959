"""Demo data for the advisory councils: seven councils that read like Genk's, with invented
members (every council is marked as an example), past and future meetings in every state,
agendas with (confidential) documents, attendance, votes, minutes and remarks, advice in
every state and requests for advice from the city.

Idempotent: councils and members are matched by slug and email; a council's meetings and
advice are made once (when it has none), relative to the day of the first run.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from genk.accounts.models import DepartmentMembership
from genk.core import demo
from neighbourhoods.models import Neighbourhood, Place

from .forms import BRUSSELS
from .models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Ballot,
    Council,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    Minutes,
    MinutesRemark,
    Vote,
)

User = get_user_model()
Role = CouncilMembership.Role
S = Meeting.Status

PLACES = [
    (
        "stadhuis-genk",
        "Stadhuis Genk",
        "Stadsplein 1, 3600 Genk",
        Place.Kind.CITY_BUILDING,
        "genk-centrum",
        "Toegankelijk met een rolstoel; lift naar alle verdiepingen.",
    ),
    (
        "c-mine",
        "C-mine",
        "C-mine 10, 3600 Genk",
        Place.Kind.OTHER,
        "oud-winterslag",
        "Gelijkvloers toegankelijk; parking op de site.",
    ),
]

# slug, name, department slug, mission, secretary (a persona key, or the name of an invented civil servant), members
COUNCILS = [
    (
        "seniorenraad",
        "Seniorenraad",
        "participatie",
        "Geeft de stad advies over alles wat senioren in Genk aanbelangt: wonen en zorg, mobiliteit, "
        "veiligheid, vrije tijd en de digitale kloof. De raad brengt seniorenverenigingen, dienstencentra "
        "en individuele senioren samen.",
        "civil_servant",
        [
            ("Maria Vanderstraeten", Role.CHAIR, "OKRA Genk-Centrum"),
            ("Hasan Yıldız", Role.VICE_CHAIR, ""),
            ("Giovanna Bellini", Role.MEMBER, "Vief Winterslag"),
            ("Jef Claesen", Role.MEMBER, "S-Plus Waterschei"),
            ("Rachida Amrani", Role.MEMBER, ""),
            ("Paul Wouters", Role.MEMBER, "Neos Genk"),
            ("Zofia Nowak", Role.MEMBER, ""),
            ("Lieve Thijs", Role.EXPERT, "dienstencentrum"),
            ("Marc Janssens", Role.OBSERVER, "politiezone CARMA"),
        ],
    ),
    (
        "jeugdraad",
        "Jeugdraad",
        "participatie",
        "De stem van kinderen en jongeren in Genk: de jeugdraad adviseert over jeugdwerk, speelruimte, "
        "fuiven, jeugdsubsidies en alles wat jongeren raakt. Leden zijn jeugdbewegingen, jeugdhuizen en "
        "jongeren op persoonlijke titel.",
        "civil_servant",
        [
            ("Ilias Bouzid", Role.CHAIR, "jeugdhuis"),
            ("Lotte Peeters", Role.VICE_CHAIR, "Chiro"),
            ("Emre Kaya", Role.MEMBER, ""),
            ("Noor Vandeweyer", Role.MEMBER, "KSA"),
            ("Sara Gjoni", Role.MEMBER, "scouts"),
            ("Milan Dirix", Role.MEMBER, ""),
            ("Yasmina El Idrissi", Role.MEMBER, "jeugdwelzijnswerk"),
        ],
    ),
    (
        "cultuurraad",
        "Cultuurraad",
        "subsidies",
        "Adviseert de stad over het cultuurbeleid, het cultuurbeleidsplan, de subsidiereglementen voor "
        "cultuurverenigingen en het gebruik van de culturele infrastructuur.",
        "Ellen Bosmans",
        [
            ("Anna Schreurs", Role.CHAIR, "koninklijke harmonie"),
            ("Dimitri Papadopoulos", Role.VICE_CHAIR, ""),
            ("Katrien Vos", Role.MEMBER, "toneelkring"),
            ("Ahmet Demir", Role.MEMBER, "culturele vereniging"),
            ("Elke Martens", Role.MEMBER, ""),
            ("Bart Lenaerts", Role.MEMBER, "koor"),
            ("Fatou Diallo", Role.EXPERT, ""),
        ],
    ),
    (
        "sportraad",
        "Sportraad",
        "subsidies",
        "De sportraad vertegenwoordigt de Genkse sportclubs en adviseert over sportinfrastructuur, "
        "sportsubsidies, sport voor iedereen en de sportkalender.",
        "Pieter Daems",
        [
            ("Luc Gielen", Role.CHAIR, "voetbalclub"),
            ("Sanne Bollen", Role.VICE_CHAIR, "zwemclub"),
            ("Mehmet Aydın", Role.MEMBER, "boksclub"),
            ("Tom Vanhoof", Role.MEMBER, "wielerclub"),
            ("Ines Moreira", Role.MEMBER, "volleybal"),
            ("Kevin Smeets", Role.MEMBER, ""),
        ],
    ),
    (
        "milieuraad",
        "Milieuraad",
        "participatie",
        "Adviseert over milieu, natuur, klimaat en energie: het klimaatplan, groen in de wijken, "
        "afval en zwerfvuil, en de natuurgebieden van Genk.",
        "Hanne Cuppens",
        [
            ("Koen Vranken", Role.CHAIR, "natuurvereniging"),
            ("Ayşe Çelik", Role.VICE_CHAIR, ""),
            ("Wim Hendrikx", Role.MEMBER, "imkersbond"),
            ("Leen Moors", Role.MEMBER, "buurtcomposteerders"),
            ("Dries Vanmechelen", Role.MEMBER, ""),
            ("Olga Ivanova", Role.EXPERT, ""),
        ],
    ),
    (
        "gros",
        "Gemeentelijke Raad voor Ontwikkelingssamenwerking (GROS)",
        "wereldburgerschap",
        "De GROS adviseert over internationale solidariteit en wereldburgerschap: de stedenband met "
        "Francistown, FairTrade-gemeente Genk, de subsidies voor Noord-Zuidorganisaties en de "
        "duurzame ontwikkelingsdoelen.",
        "worldcitizenship_officer",
        [
            ("Jan Ceyssens", Role.CHAIR, "Wereldwinkel"),
            ("Kabelo Dube", Role.VICE_CHAIR, ""),
            ("Mieke Raymaekers", Role.MEMBER, "Noord-Zuidvereniging"),
            ("Ousmane Ba", Role.MEMBER, ""),
            ("Griet Stevens", Role.MEMBER, "11.11.11-groep"),
            ("Rosa Martínez", Role.MEMBER, ""),
        ],
    ),
    (
        "diversiteitsraad",
        "Diversiteitsraad",
        "participatie",
        "Genk telt meer dan honderd nationaliteiten. De diversiteitsraad adviseert over samenleven in "
        "diversiteit, gelijke kansen, discriminatie en de toegankelijkheid van de stad voor iedereen.",
        "Youssef Amrani",
        [
            ("Samira Benali", Role.CHAIR, ""),
            ("Vincenzo Greco", Role.VICE_CHAIR, "Italiaanse vereniging"),
            ("Bülent Öztürk", Role.MEMBER, "moskeevereniging"),
            ("Hilde Geeraerts", Role.MEMBER, ""),
            ("Marta Kowalska", Role.MEMBER, "Poolse vereniging"),
            ("Amadou Sow", Role.MEMBER, ""),
            ("Eva Lambrechts", Role.EXPERT, "Integratie en Inburgering"),
        ],
    ),
]

FORMER_MEMBERS = [
    "Frans Vandersteen",
    "Karim Ouali",
    "Greet Vanoppen",
    "Rudi Mertens",
    "Nicole Swinnen",
    "Abdel Tahiri",
    "Josée Reynders",
]

AGENDA_TOPICS = {
    "seniorenraad": [
        ("Digitale zitdagen in de dienstencentra", "decision"),
        ("Toegankelijkheid van de bushaltes in Winterslag", "decision"),
        ("Week van de senior: programma", "information"),
        ("Eenzaamheid bij 80-plussers: signalen van de buurtwerkers", "information"),
        ("Zitbanken op wandelroutes in het centrum", "decision"),
    ],
    "jeugdraad": [
        ("Fuifzaal: nieuw reglement", "decision"),
        ("Speelpleinwerking zomer", "information"),
        ("Jeugdlokalen: brandveiligheid", "decision"),
        ("Jongerenbevraging over vrije tijd", "information"),
    ],
    "cultuurraad": [
        ("Subsidiereglement cultuurverenigingen", "decision"),
        ("Programma van de cultuurzomer", "information"),
        ("Repetitieruimte voor muziekgroepen", "decision"),
    ],
    "sportraad": [
        ("Sportsubsidies: nieuwe puntenverdeling", "decision"),
        ("Renovatie van de sporthal", "information"),
        ("Sport voor iedereen: kansentarief", "decision"),
    ],
    "milieuraad": [
        ("Klimaatplan: actie groendaken", "decision"),
        ("Zwerfvuilacties in de wijken", "information"),
        ("Bomenplan voor de tuinwijken", "decision"),
    ],
    "gros": [
        ("Stedenband met Francistown: jaarprogramma", "information"),
        ("Subsidies Noord-Zuidorganisaties: verdeling", "decision"),
        ("FairTrade-gemeente: hernieuwing", "decision"),
    ],
    "diversiteitsraad": [
        ("Meertalige informatie van de stad", "decision"),
        ("Dag tegen racisme", "information"),
        ("Toegankelijkheid van het loket voor nieuwkomers", "decision"),
    ],
}

ADVICE = [
    # council, state, title, summary, outcome, extra (due offset for sent)
    (
        "seniorenraad",
        Advice.Status.ANSWERED,
        "Digitale zitdagen in alle dienstencentra",
        "De raad vraagt wekelijkse digitale zitdagen in elk dienstencentrum, met vrijwilligers die helpen met "
        "itsme, bankieren en afspraken.",
        Advice.Outcome.FOLLOWED,
        True,
    ),
    (
        "seniorenraad",
        Advice.Status.ANSWERED,
        "Meer zitbanken op de wandelroutes",
        "Zitbanken om de 200 meter op de wandelroutes van het centrum en rond de dienstencentra.",
        Advice.Outcome.PARTLY_FOLLOWED,
        False,
    ),
    (
        "seniorenraad",
        Advice.Status.SENT,
        "Toegankelijke bushaltes in Winterslag",
        "Verhoogde perrons en een schuilhuisje aan de haltes bij het dienstencentrum.",
        "",
        "overdue",
    ),
    (
        "seniorenraad",
        Advice.Status.SENT,
        "Week van de senior: vervoer op maat",
        "Gratis vervoer naar de activiteiten van de Week van de senior voor wie slecht te been is.",
        "",
        "running",
    ),
    (
        "seniorenraad",
        Advice.Status.APPROVED,
        "Eenzaamheid bij 80-plussers",
        "Een huisbezoek aan elke 80-plusser die alleen woont, samen met de buurtwerkers.",
        "",
        None,
    ),
    (
        "seniorenraad",
        Advice.Status.DRAFT,
        "Valpreventie in de thuiszorg",
        "Ontwerp: de raad vraagt een campagne rond valpreventie.",
        "",
        None,
    ),
    (
        "jeugdraad",
        Advice.Status.ANSWERED,
        "Nieuw reglement voor de fuifzaal",
        "De raad steunt het reglement, maar vraagt een lagere waarborg voor jeugdverenigingen.",
        Advice.Outcome.NOT_FOLLOWED,
        True,
    ),
    (
        "jeugdraad",
        Advice.Status.SENT,
        "Brandveiligheid van de jeugdlokalen",
        "Een premie voor brandveiligheidswerken in jeugdlokalen.",
        "",
        "running",
    ),
    (
        "cultuurraad",
        Advice.Status.ANSWERED,
        "Subsidiereglement cultuurverenigingen",
        "Een basissubsidie per vereniging en een projectsubsidie voor nieuwe initiatieven.",
        Advice.Outcome.PARTLY_FOLLOWED,
        True,
    ),
    (
        "sportraad",
        Advice.Status.SENT,
        "Kansentarief voor sportclubs",
        "Een kansentarief voor lidgeld, betaald door de stad, voor kinderen uit gezinnen met een laag inkomen.",
        "",
        "overdue",
    ),
    (
        "milieuraad",
        Advice.Status.ANSWERED,
        "Groendaken op stadsgebouwen",
        "Elk stadsgebouw met een plat dak krijgt een groendak bij de volgende renovatie.",
        Advice.Outcome.FOLLOWED,
        False,
    ),
    (
        "gros",
        Advice.Status.ANSWERED,
        "Verdeling van de subsidies voor Noord-Zuidorganisaties",
        "De raad stelt de verdeling voor volgens de criteria van het reglement.",
        Advice.Outcome.FOLLOWED,
        True,
    ),
    (
        "diversiteitsraad",
        Advice.Status.SENT,
        "Meertalige informatie van de stad",
        "Belangrijke brieven van de stad krijgen een samenvatting in eenvoudig Nederlands en een QR-code naar "
        "vertalingen.",
        "",
        "running",
    ),
    (
        "diversiteitsraad",
        Advice.Status.DRAFT,
        "Toegankelijk loket voor nieuwkomers",
        "Ontwerp: afspraken op maat en tolken via de tolkentelefoon.",
        "",
        None,
    ),
]


def example_pdf(title: str) -> bytes:
    """A small, valid one-page PDF with `title` on it."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _person(name: str):
    email = f"{slugify(name).replace('-', '.')}@voorbeeld.samen.genk.be"
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": name, "year_of_birth": 1960, "language": "nl"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _places():
    places = []
    for slug, name, address, kind, wijk, access in PLACES:
        place, _ = Place.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "address": address,
                "kind": kind,
                "neighbourhood": Neighbourhood.objects.filter(slug=wijk).first(),
                "accessibility": access,
            },
        )
        places.append(place)
    return places


def _at(day, hour=19, minute=30):
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=BRUSSELS)


@demo.step(order=40)
def councils(ctx):
    personas = ctx["personas"]
    departments = ctx.get("departments", {})
    places = _places()
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        for index, (slug, name, department, mission, secretary_key, people) in enumerate(COUNCILS):
            council, _ = Council.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "mission": mission,
                    "is_example": True,
                    "email": f"{slug}@voorbeeld.genk.be",
                    "department": departments.get(department),
                },
            )
            start = today.replace(year=today.year - 2, month=1, day=1)
            if secretary_key in personas:
                secretary = personas[secretary_key]["user"]
            else:
                secretary = _person(secretary_key)
                if department in departments:
                    DepartmentMembership.objects.get_or_create(
                        department=departments[department],
                        user=secretary,
                        defaults={"job_title": "Secretaris adviesraad"},
                    )
            members = [(secretary, Role.SECRETARY, "")]
            members += [(_person(person), role, represents) for person, role, represents in people]
            if slug == "seniorenraad":
                members.append((personas["council_member"]["user"], Role.MEMBER, ""))
            for user, role, represents in members:
                CouncilMembership.objects.get_or_create(
                    council=council, user=user, defaults={"role": role, "start": start, "represents": represents}
                )
            # One former member per council: the history page shows who was a member when.
            former = _person(FORMER_MEMBERS[index])
            CouncilMembership.objects.get_or_create(
                council=council,
                user=former,
                defaults={
                    "role": Role.MEMBER,
                    "start": start - timedelta(days=365 * 3),
                    "end": start - timedelta(days=1),
                },
            )
            if not council.meetings.exists():
                _meetings(council, places, today, secretary, random.Random(index), full=slug == "seniorenraad")
                _advice(council, today, secretary)
                made += 1
        diversity = Council.objects.get(slug="diversiteitsraad")
        MembershipApplication.objects.get_or_create(
            council=diversity,
            user=_person("Leila Haddad"),
            status=MembershipApplication.Status.SUBMITTED,
            defaults={
                "motivation": "Ik werk als vrijwilliger bij de taalcafés en wil graag meedenken.",
                "represents": "",
            },
        )
    if ctx.get("stdout") and made:
        ctx["stdout"].write(f"  adviesraden: {made} raden met vergaderingen en adviezen (voorbeelden)")


def _meetings(council, places, today, secretary, rng, *, full: bool):
    """Past and future meetings; the seniorenraad gets one in every state."""
    if full:
        plan = [
            (-180, S.PUBLISHED),
            (-150, S.PUBLISHED),
            (-120, S.CANCELLED),
            (-90, S.PUBLISHED),
            (-60, S.MINUTES_APPROVED),
            (-35, S.MINUTES_REMARKS),
            (-21, S.MINUTES_DRAFT),
            (-7, S.HELD),
            (10, S.INVITED),
            (45, S.PLANNED),
        ]
    else:
        plan = [(-150, S.PUBLISHED), (-90, S.PUBLISHED), (-40, S.MINUTES_REMARKS), (12, S.INVITED), (50, S.PLANNED)]
    topics = AGENDA_TOPICS[council.slug]
    memberships = list(council.memberships.current(today).select_related("user"))
    members = [m for m in memberships if m.role != Role.SECRETARY]
    previous = None
    for number, (offset, status) in enumerate(plan):
        day = today + timedelta(days=offset)
        starts = _at(day)
        online = number % 4 == 3
        place = None if online else places[number % len(places)]
        room = "" if place is None else ("Raadzaal" if place.slug == "stadhuis-genk" else "Zaal Cinema")
        meeting = Meeting.objects.create(
            council=council,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place=place,
            online_url="https://meet.example.org/genk-adviesraad" if online else "",
            location=room,
            is_public=number % 5 != 4,
            status=status,
            sequence=1 if status == S.CANCELLED else 0,
            rsvp_deadline=starts - timedelta(days=council.rsvp_days),
            invitations_sent_at=None if status == S.PLANNED else starts - timedelta(days=10),
            cancelled_reason="Te weinig leden beschikbaar in de vakantieperiode." if status == S.CANCELLED else "",
        )
        items = []
        chosen = [topics[(number + k) % len(topics)] for k in range(3)]
        for position, (title, purpose) in enumerate(chosen, start=1):
            items.append(
                AgendaItem.objects.create(
                    meeting=meeting,
                    position=position,
                    title=title,
                    description=f"Toelichting bij '{title}' door het secretariaat.",
                    purpose=purpose,
                )
            )
        items.append(
            AgendaItem.objects.create(
                meeting=meeting,
                position=len(items) + 1,
                title="Kandidaturen en samenstelling van de raad",
                description="Bespreking van de kandidaturen (vertrouwelijk: persoonsgegevens).",
                purpose=AgendaItem.Purpose.DECISION,
                is_confidential=True,
            )
        )
        for item in items[:2]:
            document = AgendaDocument(
                item=item,
                title=f"Nota: {item.title}",
                original_name=f"nota-{slugify(item.title)[:40]}.pdf",
                content_type="application/pdf",
                is_confidential=False,
                uploaded_by=secretary,
            )
            content = example_pdf(f"Nota (voorbeeld): {item.title}")
            document.size = len(content)
            document.file.save(document.original_name, ContentFile(content), save=False)
            document.save()
        confidential = items[-1]
        document = AgendaDocument(
            item=confidential,
            title="Lijst van kandidaten (vertrouwelijk)",
            original_name="kandidaten.pdf",
            content_type="application/pdf",
            is_confidential=True,
            uploaded_by=secretary,
        )
        content = example_pdf("Kandidaten (voorbeeld, vertrouwelijk)")
        document.size = len(content)
        document.file.save("kandidaten.pdf", ContentFile(content), save=False)
        document.save()
        if status == S.PLANNED:
            continue
        attendances = [
            Attendance(meeting=meeting, user=m.user, membership=m, role=m.role, has_vote=m.has_vote)
            for m in memberships
        ]
        held = status in Meeting.HELD_STATES
        for attendance in attendances:
            roll = rng.random()
            if held:
                attendance.presence = "present" if roll < 0.75 else ("excused" if roll < 0.9 else "absent")
                attendance.rsvp = "excused" if attendance.presence == "excused" else "attending"
            elif status == S.INVITED:
                attendance.rsvp = "attending" if roll < 0.5 else ("excused" if roll < 0.6 else "none")
            if attendance.user_id == secretary.pk and held:
                attendance.presence, attendance.rsvp = "present", "attending"
        Attendance.objects.bulk_create(attendances)
        if not held:
            continue
        present_voters = [a for a in attendances if a.has_vote and a.presence == "present"]
        for item in items:
            if item.purpose != AgendaItem.Purpose.DECISION:
                item.notes = f"Het secretariaat licht '{item.title}' toe. De leden stellen vragen en geven suggesties."
                item.save()
                continue
            n = len(present_voters)
            choices = ["for"] * (n - 2) + ["against", "abstain"] if n >= 4 else ["for"] * n
            if not choices:
                continue
            vote = Vote.objects.create(
                item=item,
                motion=f"Advies over {item.title.lower()}" if not item.is_confidential else "Kandidaturen aanvaarden",
                is_secret=item.is_confidential,
                votes_for=choices.count("for"),
                votes_against=choices.count("against"),
                abstentions=choices.count("abstain"),
                result=Vote.Result.ADOPTED,
                recorded_by=secretary,
            )
            if not vote.is_secret:
                Ballot.objects.bulk_create(
                    [
                        Ballot(vote=vote, user_id=a.user_id, choice=c)
                        for a, c in zip(present_voters, choices, strict=True)
                    ]
                )
            item.notes = f"Bespreking van '{item.title}'. De raad stemt over het voorstel."
            item.decision = (
                "De raad keurt het voorstel goed." if not item.is_confidential else "De kandidaturen worden aanvaard."
            )
            item.save()
        if status == S.HELD:
            previous = meeting
            continue
        minutes = Minutes.objects.create(
            meeting=meeting,
            introduction="De voorzitter verwelkomt de leden. De agenda en het verslag van de vorige vergadering worden goedgekeurd.",
            closing="Varia: geen. De voorzitter sluit de vergadering om 21.15 uur.",
            written_by=secretary,
        )
        if status in (S.MINUTES_REMARKS, S.MINUTES_APPROVED, S.PUBLISHED):
            minutes.sent_for_remarks_at = starts + timedelta(days=5)
            if status == S.MINUTES_REMARKS:
                minutes.remarks_deadline = today + timedelta(days=5)
            else:
                minutes.remarks_deadline = (starts + timedelta(days=19)).date()
        if status in (S.MINUTES_APPROVED, S.PUBLISHED):
            minutes.approved_at = starts + timedelta(days=30)
        if status == S.PUBLISHED:
            minutes.published_at = starts + timedelta(days=31)
        minutes.save()
        if status == S.MINUTES_REMARKS and members:
            MinutesRemark.objects.create(
                minutes=minutes,
                author=members[min(2, len(members) - 1)].user,
                body="Bij punt 1: ik vroeg ook om de zitdagen aan te kondigen in het stadsmagazine.",
            )
        if previous is not None and status in (S.MINUTES_APPROVED, S.PUBLISHED):
            Minutes.objects.filter(meeting=previous, approved_at__isnull=False).update(approved_in=meeting)
        previous = meeting


def _advice(council, today, secretary):
    now = timezone.now()
    votes = list(
        Vote.objects.filter(item__meeting__council=council, result=Vote.Result.ADOPTED, is_secret=False)
        .select_related("item__meeting")
        .order_by("item__meeting__starts_at")
    )
    handler = (
        DepartmentMembership.objects.current().filter(department=council.department).select_related("user").first()
        if council.department_id
        else None
    )
    for n, (_slug, state, title, summary, outcome, extra) in enumerate(a for a in ADVICE if a[0] == council.slug):
        vote = votes[n % len(votes)] if votes else None
        advice = Advice(
            council=council,
            title=title,
            summary=summary,
            body=f"{summary}\n\nDe raad besprak dit punt en formuleert het volgende advies aan het college van "
            "burgemeester en schepenen. (Voorbeeldtekst voor de demo.)",
            agenda_item=vote.item if vote else None,
            status=state,
            department=council.department,
            created_by=secretary,
        )
        if state != Advice.Status.DRAFT and vote:
            advice.vote = vote
            advice.approved_at = vote.item.meeting.starts_at + timedelta(hours=2)
        elif state != Advice.Status.DRAFT:
            advice.approved_at = now - timedelta(days=60)
        if state in (Advice.Status.SENT, Advice.Status.ANSWERED):
            sent_days = 50 if extra == "overdue" else (10 if extra == "running" else 90)
            advice.sent_at = now - timedelta(days=sent_days)
            advice.answer_due = timezone.localdate(advice.sent_at) + timedelta(days=council.answer_days)
        if state == Advice.Status.ANSWERED:
            on_time = bool(extra)
            advice.outcome = outcome
            advice.answered_at = advice.sent_at + timedelta(days=20 if on_time else council.answer_days + 12)
            advice.answered_by = handler.user if handler else None
            advice.answer = {
                Advice.Outcome.FOLLOWED: "Het college volgt het advies en neemt het op in het actieplan van dit jaar.",
                Advice.Outcome.PARTLY_FOLLOWED: "Het college volgt het advies gedeeltelijk: het budget laat dit jaar "
                "de helft van de gevraagde maatregelen toe. De rest komt in de volgende begroting aan bod.",
                Advice.Outcome.NOT_FOLLOWED: "Het college volgt het advies niet: de waarborg dekt de reële "
                "schade van de voorbije jaren. Het college bekijkt wel een afbetalingsplan.",
            }[outcome]
        advice.save()
    requests = (
        [
            (
                "Hoe maken we de dienstverlening digitaal toegankelijk voor iedereen?",
                today + timedelta(days=5),
                AdviceRequest.Status.OPEN,
            ),
            ("Nieuw reglement voor buurtfeesten", today - timedelta(days=3), AdviceRequest.Status.OPEN),
        ]
        if council.slug == "seniorenraad"
        else [
            ("Ontwerp van het meerjarenplan: prioriteiten", today + timedelta(days=21), AdviceRequest.Status.OPEN),
        ]
    )
    for title, deadline, status in requests:
        AdviceRequest.objects.create(
            council=council,
            title=title,
            question=f"De stad vraagt het advies van de raad over: {title.lower()}",
            deadline=deadline,
            status=status,
            department=council.department,
        )
    if council.slug == "seniorenraad":
        answered = Advice.objects.filter(council=council, status=Advice.Status.SENT).first()
        request = AdviceRequest.objects.create(
            council=council,
            title="Mobiliteitsplan: haltes en doorsteken",
            question="Welke haltes en doorsteken moeten eerst aangepakt worden voor senioren?",
            deadline=today - timedelta(days=40),
            status=AdviceRequest.Status.ANSWERED,
            department=council.department,
        )
        if answered:
            answered.request = request
            answered.save(update_fields=["request"])
        AdviceRequest.objects.create(
            council=council,
            title="Naamgeving van een nieuwe straat",
            question="Welke naam stelt de raad voor?",
            deadline=today - timedelta(days=70),
            status=AdviceRequest.Status.DECLINED,
            declined_reason="De raad vindt dat de cultuurraad hierover beter advies geeft.",
            department=council.department,
        )
