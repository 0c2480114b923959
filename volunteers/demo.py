"""Demo volunteer work: the city's volunteer desk and two example organisations, with
opportunities in every state, weekly shifts, one shift full with a waiting list, and the
information notices; the demo resident's approved hours of past soup shifts (a certificate to
print) and flat-rate allowances this year close to the yearly cap. Organisations, people and
policy numbers are examples."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from genk.accounts.models import DepartmentMembership, Organisation, OrganisationMembership, User
from genk.core import demo
from neighbourhoods.models import Neighbourhood, Place

from .models import (
    Allowance,
    AllowanceCap,
    Commitment,
    FlexibleHours,
    HourEntry,
    InformationNotice,
    NoticeAcknowledgement,
    Opportunity,
    Shift,
    SignUp,
)

DESK_SLUG = "vrijwilligerspunt-genk"
EXAMPLE_VOLUNTEERS = [
    ("vrijwilliger1@demo.samen.genk.be", "Kevin Janssens (voorbeeld)", 1996),
    ("vrijwilliger2@demo.samen.genk.be", "Elif Demir (voorbeeld)", 2001),
    ("vrijwilliger3@demo.samen.genk.be", "Rita Vandeweyer (voorbeeld)", 1958),
    ("vrijwilliger4@demo.samen.genk.be", "Paolo Bianchi (voorbeeld)", 1990),
    ("vrijwilliger5@demo.samen.genk.be", "Sara Bouzid (voorbeeld)", 1999),
]


def notice(organisation, aims, legal_status, allowance):
    InformationNotice.objects.get_or_create(
        organisation=organisation,
        version=1,
        defaults={
            "aims": aims,
            "legal_status": legal_status,
            "insurance_civil_liability": "Voorbeeldverzekeraar nv, polis 00.000.000 (voorbeeld)",
            "insurance_bodily_injury": "Voorbeeldverzekeraar nv, polis 00.000.001 (voorbeeld)",
            "allowance_system": allowance,
            "discretion_duty": "Wat je hoort over bezoekers, blijft bij jou.",
        },
    )


def weekly(opportunity, first_day, weeks, start, end, capacity):
    zone = timezone.get_current_timezone()
    return [
        Shift.objects.create(
            opportunity=opportunity,
            start=datetime.combine(first_day + timedelta(weeks=w), start, tzinfo=zone),
            end=datetime.combine(first_day + timedelta(weeks=w), end, tzinfo=zone),
            capacity=capacity,
        )
        for w in range(weeks)
    ]


@demo.step(order=60)
def volunteer_work(ctx):
    personas = ctx["personas"]
    desk_staff = personas["civil_servant"]["user"]
    coordinator = personas["volunteer_coordinator"]["user"]
    departments = ctx.get("departments", {})
    if "vrijwilligerspunt" in departments:
        DepartmentMembership.objects.get_or_create(
            department=departments["vrijwilligerspunt"], user=desk_staff, defaults={"job_title": "Vrijwilligerspunt"}
        )
    desk, _ = Organisation.objects.get_or_create(
        slug=DESK_SLUG,
        defaults={"name": "Vrijwilligerspunt Genk", "kind": Organisation.Kind.CITY, "email": "vrijwilligers@genk.be"},
    )
    OrganisationMembership.objects.get_or_create(
        organisation=desk, user=desk_staff, role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR
    )
    samen_sterk = ctx["organisations"]["volunteer_desk"]  # vzw Samen Sterk (voorbeeld), Marleen coordinates it
    winterslag = ctx["organisations"]["association"]
    OrganisationMembership.objects.get_or_create(
        organisation=winterslag,
        user=personas["organisation_rep"]["user"],
        role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR,
    )
    notice(
        desk,
        "Het vrijwilligerspunt van de stad Genk brengt vrijwilligers en organisaties samen.",
        "openbaar bestuur (stad Genk)",
        "none",
    )
    notice(samen_sterk, "Ontmoeting, soep en een babbel voor iedereen in de wijk (voorbeeld).", "vzw", "flat_rate")

    if Opportunity.objects.filter(organisation__in=[desk, samen_sterk, winterslag]).exists():
        return  # already loaded
    now = timezone.now()
    place = Place.objects.filter(slug="stadhuis-genk").first()
    oud_winterslag = Neighbourhood.objects.filter(code="71016W24").first()
    today = timezone.localdate()
    soup = Opportunity.objects.create(
        organisation=samen_sterk,
        title="Soep en babbel in het buurthuis",
        description="Elke woensdag schenken we soep in het buurthuis en maken we tijd voor een babbel.",
        tasks="Soep opdienen, afwassen, bezoekers welkom heten.",
        skills="Vriendelijkheid; Nederlands, Turks of Italiaans spreken is een plus.",
        offered="Een warme ploeg, een verzekering en een drankje na de shift.",
        languages=["nl", "tr", "it"],
        themes=["care", "neighbourhood"],
        sdgs=[2, 10, 11],
        kind=Opportunity.Kind.RECURRING,
        neighbourhood=oud_winterslag,
        status=Opportunity.Status.PUBLISHED,
        published_at=now,
        created_by=coordinator,
    )
    wednesday = today + timedelta(days=(2 - today.weekday()) % 7 or 7)
    shifts = weekly(soup, wednesday, 8, time(11, 0), time(14, 0), 3)
    Opportunity.objects.create(
        organisation=samen_sterk,
        title="Taalmaatje: samen Nederlands oefenen",
        description="Je spreekt een uur per week af met iemand die Nederlands leert: een koffie, een wandeling, de markt.",
        languages=["nl"],
        themes=["language"],
        sdgs=[4, 10],
        kind=Opportunity.Kind.DUTCH_PRACTICE,
        signup_mode=Opportunity.SignUpMode.APPROVAL,
        minimum_age=18,
        status=Opportunity.Status.PUBLISHED,
        published_at=now,
        created_by=coordinator,
    )
    city_hall = Opportunity.objects.create(
        organisation=desk,
        title="Onthaal bij de Dag van de Vrijwilliger",
        description="Je verwelkomt bezoekers in het stadhuis en wijst de weg naar de infostands.",
        languages=["nl", "en", "fr"],
        themes=["events"],
        sdgs=[11, 17],
        kind=Opportunity.Kind.ONE_OFF,
        place=place,
        signup_mode=Opportunity.SignUpMode.APPROVAL,
        status=Opportunity.Status.PUBLISHED,
        published_at=now,
        created_by=desk_staff,
    )
    day = today + timedelta(days=20)
    zone = timezone.get_current_timezone()
    Shift.objects.create(
        opportunity=city_hall,
        start=datetime.combine(day, time(9, 0), tzinfo=zone),
        end=datetime.combine(day, time(13, 0), tzinfo=zone),
        capacity=4,
    )
    Opportunity.objects.create(
        organisation=desk,
        title="Opruimactie in de Slagmolen",
        description="Samen zwerfvuil ruimen langs de Stiemerbeek.",
        themes=["nature"],
        sdgs=[11, 15],
        status=Opportunity.Status.CLOSED,
        published_at=now - timedelta(days=60),
        created_by=desk_staff,
    )
    Opportunity.objects.create(
        organisation=winterslag,
        title="Helpen bij de buurtbarbecue",
        description="Tafels zetten, de grill bemannen en mee opruimen (voorbeeld).",
        themes=["neighbourhood", "events"],
        neighbourhood=oud_winterslag,
        status=Opportunity.Status.IN_REVIEW,
        created_by=personas["organisation_rep"]["user"],
    )
    Opportunity.objects.create(
        organisation=samen_sterk,
        title="Huiswerkbegeleiding (ontwerp)",
        description="Een ontwerp van een nieuwe vacature.",
        themes=["education"],
        status=Opportunity.Status.DRAFT,
        created_by=coordinator,
    )

    # The first soup shift is full, with two people waiting; the resident is signed up.
    volunteers = []
    for email, name, year in EXAMPLE_VOLUNTEERS:
        user, _ = User.objects.get_or_create(email=email, defaults={"display_name": name, "year_of_birth": year})
        volunteers.append(user)
    resident = personas["resident"]["user"]
    soup_notice = InformationNotice.current_for(samen_sterk.pk)
    for i, person in enumerate([resident, *volunteers]):
        NoticeAcknowledgement.objects.get_or_create(user=person, notice=soup_notice)
        status = SignUp.Status.ACCEPTED if i < 3 else SignUp.Status.WAITING
        SignUp.objects.create(
            shift=shifts[0], volunteer=person, status=status, created=now + timedelta(seconds=i), decided_at=now
        )
    SignUp.objects.create(shift=shifts[1], volunteer=volunteers[0], status=SignUp.Status.ACCEPTED, decided_at=now)

    past_work(samen_sterk, soup, resident, coordinator, now)
    flexible_work(samen_sterk, resident, coordinator, now)


def flexible_work(organisation, resident, coordinator, now):
    """Flexible work without shifts: the resident joined and logged two days (one approved)."""
    park = Opportunity.objects.create(
        organisation=organisation,
        title="Zwerfvuil rapen in je buurt (voorbeeld)",
        description="Wanneer het jou past: een uurtje zwerfvuil rapen in je straat of park. Grijpers en zakken krijg je van ons.",
        kind=Opportunity.Kind.FLEXIBLE,
        themes=["nature", "neighbourhood"],
        sdgs=[11, 12, 15],
        status=Opportunity.Status.PUBLISHED,
        published_at=now - timedelta(days=20),
        created_by=coordinator,
    )
    commitment = Commitment.objects.create(
        opportunity=park,
        volunteer=resident,
        status=Commitment.Status.ACCEPTED,
        created=now - timedelta(days=14),
        decided_at=now - timedelta(days=14),
    )
    today = timezone.localdate()
    FlexibleHours.objects.create(
        commitment=commitment,
        day=today - timedelta(days=9),
        hours=Decimal("1.5"),
        status=FlexibleHours.Status.APPROVED,
        logged_by=resident,
        decided_by=coordinator,
        decided_at=now - timedelta(days=8),
    )
    FlexibleHours.objects.create(
        commitment=commitment, day=today - timedelta(days=2), hours=Decimal("1"), logged_by=resident
    )


def ensure_cap(year: int) -> None:
    """The demo needs the current year's caps; when an administrator has not added them yet, the
    latest known year's amounts are copied and marked as an example to replace."""
    if AllowanceCap.objects.filter(year=year, category=AllowanceCap.Category.GENERAL).exists():
        return
    latest = AllowanceCap.objects.filter(category=AllowanceCap.Category.GENERAL).order_by("-year").first()
    if latest is None:
        return
    AllowanceCap.objects.create(
        year=year,
        category=AllowanceCap.Category.GENERAL,
        per_day=latest.per_day,
        per_year=latest.per_year,
        source=f"(voorbeeld) bedragen van {latest.year} overgenomen; vervang ze door de geïndexeerde bedragen van {year}",
    )


def past_work(organisation, opportunity, resident, coordinator, now):
    """Six past soup shifts the resident attended, with approved hours, and flat-rate allowances
    this year up to € 42 a day close to the yearly cap."""
    for weeks in range(1, 7):
        start = now - timedelta(weeks=weeks, hours=2)
        shift = Shift.objects.create(opportunity=opportunity, start=start, end=start + timedelta(hours=3), capacity=3)
        signup = SignUp.objects.create(
            shift=shift, volunteer=resident, status=SignUp.Status.ATTENDED, created=start - timedelta(days=3)
        )
        HourEntry.objects.create(
            signup=signup,
            hours=Decimal("2.5"),
            status=HourEntry.Status.APPROVED,
            logged_by=resident,
            decided_by=coordinator,
            decided_at=start + timedelta(days=1),
        )
    today = timezone.localdate()
    ensure_cap(today.year)
    days = [date(today.year, 1, 1) + timedelta(days=7 * n) for n in range(39)]
    Allowance.objects.bulk_create(
        [
            Allowance(
                volunteer=resident,
                organisation=organisation,
                day=day,
                system=Allowance.System.FLAT_RATE,
                amount=Decimal("42.00"),
                note="Vervoer en maaltijd (voorbeeld)",
                recorded_by=coordinator,
            )
            for day in days
            if day < today
        ],
        ignore_conflicts=True,
    )
