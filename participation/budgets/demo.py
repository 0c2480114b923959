"""Demo data: the Genk burgerbudget (city-wide round in voting) and an example district budget
with results published and projects being carried out.

The burgerbudget's rules are the real ones (€ 3 million over the legislature in two rounds of
€ 1.5 million; projects between € 5,000 and € 100,000; three themes; every resident aged 14
or older votes). The projects, people, dates, votes and the eligible count are invented, and
the districts are the example grouping of the neighbourhoods app: both cycles are marked
as examples.
"""

from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone

from genk.accounts.models import User
from genk.core import demo
from neighbourhoods.models import District, Neighbourhood
from participation.ownership import default_department

from . import ballots, services
from .models import Ballot, Cycle, Heading, Phase, Proposal, Theme
from .phases import PHASE_ORDER

THEMES = [
    (
        "talentontwikkeling",
        "Talentontwikkeling",
        "Kansen voor kinderen, jongeren en volwassenen om hun talenten te ontplooien.",
    ),
    (
        "armoede-en-sociale-ongelijkheid",
        "Armoede en sociale ongelijkheid",
        "Projecten die armoede en ongelijkheid verminderen en mensen samenbrengen.",
    ),
    ("duurzaamheid-en-klimaat", "Duurzaamheid en klimaat", "Groen, energie, water en een klimaatbestendige stad."),
]

CITY_PROJECTS = [
    # title, theme, wijk slug, cost, summary
    ("Fietsherstelatelier in Winterslag", "duurzaamheid-en-klimaat", "winterslag", 18000,
     "Een wekelijks atelier waar buren samen fietsen herstellen, met gereedschap en een vrijwilliger-fietsenmaker."),
    ("Buurtmoestuin aan de cité van Waterschei", "duurzaamheid-en-klimaat", "oud-waterschei", 24500,
     "Twintig moestuinbakken, een regenwatertank en een tuinhuis voor de buurt."),
    ("Huiswerkklas in het buurthuis van Kolderbos", "talentontwikkeling", "kolderbos", 35000,
     "Twee namiddagen per week huiswerkbegeleiding door studenten, met laptops en een stille ruimte."),
    ("Zwemlessen voor kinderen uit gezinnen met een laag inkomen", "armoede-en-sociale-ongelijkheid", None, 42000,
     "Een jaar gratis zwemlessen voor 120 kinderen, in samenwerking met het zwembad."),
    ("Deelkasten in vijf wijken", "armoede-en-sociale-ongelijkheid", None, 12500,
     "Vijf overdekte kasten waar buren voedsel en spullen delen in plaats van weg te gooien."),
    ("Muziekstudio voor jongeren in Genk-Centrum", "talentontwikkeling", "genk-centrum", 68000,
     "Een kleine opnamestudio met begeleiding, open voor jongeren van 14 tot 25 jaar."),
    ("Bloemenweiden langs de Stiemer", "duurzaamheid-en-klimaat", None, 9500,
     "Inheemse bloemenweiden op drie grasvlakten langs de Stiemer, goed voor bijen en vlinders."),
    ("Taalcafé met kinderopvang", "talentontwikkeling", "sledderlo", 15000,
     "Wekelijks Nederlands oefenen in een ontspannen sfeer, terwijl de kinderen worden opgevangen."),
    ("Zonnepanelen op het clubhuis van de voetbalclub in Zwartberg", "duurzaamheid-en-klimaat", "zwartberg", 95000,
     "Zonnepanelen en een warmtepomp, zodat de club minder energie verbruikt en de kosten daalt."),
    ("Repair café in de bibliotheek", "duurzaamheid-en-klimaat", "genk-centrum", 6500,
     "Een maandelijks repair café met gereedschap, onderdelen en vrijwilligers."),
    ("Sport in het park voor senioren", "armoede-en-sociale-ongelijkheid", "bret-gelieren", 11000,
     "Gratis beweegmomenten in open lucht, twee keer per week, met een sportcoach."),
    ("Speelstraatkoffers voor elke wijk", "talentontwikkeling", None, 21000,
     "Koffers met speelmateriaal die buren kunnen uitlenen voor een speelstraat."),
]  # fmt: skip

DISTRICT_PROJECTS = [
    ("Zitbanken op het plein", "armoede-en-sociale-ongelijkheid", 8000),
    ("Boomgaard voor de buurt", "duurzaamheid-en-klimaat", 14000),
    ("Sportkooi voor jongeren", "talentontwikkeling", 30000),
    ("Muurschildering met de buurtschool", "talentontwikkeling", 9500),
]

DEMO_EMAIL = "kiezer{n}@demo.samen.genk.be"

# The real round has € 1.5 million; its twelve example projects cost about € 370,000 together, so
# with the real amount every ballot could hold them all. The demo's round has less, and the
# ballot is a real choice: the projects together cost almost twice the amount.
DEMO_AMOUNT = 200_000  # named in the round's description


def _phases(cycle, starts: dict):
    for kind in PHASE_ORDER:
        Phase.objects.update_or_create(
            cycle=cycle, kind=kind, defaults={"starts_at": starts[kind], "start_notified_at": starts[kind]}
        )


def _voters(count: int, neighbourhoods: list, offset: int = 0) -> list:
    """Invented residents who voted, spread over `neighbourhoods`."""
    users = []
    for i in range(count):
        n = offset + i
        email = DEMO_EMAIL.format(n=n)
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": f"Kiezer {n} (voorbeeld)",
                "neighbourhood": neighbourhoods[i % len(neighbourhoods)],
                "year_of_birth": 1950 + (n * 7) % 55,
                "notification_frequency": User.NotificationFrequency.NEVER,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        users.append(user)
    return users


def _themes():
    return {
        slug: Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})[0]
        for slug, name, description in THEMES
    }


@demo.step(order=40)
def burgerbudget(ctx):
    """City-wide round 1 of the burgerbudget, in the voting phase."""
    if Cycle.objects.filter(slug="burgerbudget-ronde-1").exists():
        return
    themes = _themes()
    staff = ctx["personas"]["civil_servant"]["user"]
    resident = ctx["personas"]["resident"]["user"]
    now = timezone.now()
    cycle = Cycle.objects.create(
        department=default_department(),
        name="Burgerbudget Genk – ronde 1",
        slug="burgerbudget-ronde-1",
        summary="Projecten van inwoners, voor heel Genk. Elke Genkenaar van 14 jaar of ouder stemt.",
        description=(
            "Met het burgerbudget trekt de stad deze legislatuur € 3 miljoen uit voor projecten van inwoners, "
            "in twee rondes van € 1,5 miljoen. Een project kost tussen € 5.000 en € 100.000 en past in een van de "
            "drie thema's: talentontwikkeling, armoede en sociale ongelijkheid, duurzaamheid en klimaat.\n\n"
            "Voorbeeld voor de demo: de spelregels volgen het Genkse burgerbudget; de projecten, de data, de "
            "indieners en het aantal stemgerechtigden zijn verzonnen. Het budget van deze voorbeeldronde is "
            "verkleind tot € 200.000: de projecten samen kosten meer, dus je moet echt kiezen."
        ),
        scope=Cycle.Scope.CITY,
        proposers=Cycle.Proposers.RESIDENTS,
        min_project_cost=Decimal(5000),
        max_project_cost=Decimal(100000),
        voting_min_age=14,
        proposal_min_age=14,
        voting_residence=Cycle.Residence.CITY,
        paper_ballots=True,
        voting_rule=Cycle.VotingRule.KNAPSACK,
        tie_break_seed="burgerbudget-genk-ronde-1",
        is_published=True,
        is_example=True,
        created_by=staff,
    )
    cycle.themes.set(themes.values())
    _phases(
        cycle,
        {
            "proposals": now - timedelta(days=90),
            "review": now - timedelta(days=50),
            "voting": now - timedelta(days=6),
            "results": now + timedelta(days=15),
            "implementation": now + timedelta(days=45),
        },
    )
    heading = Heading.objects.create(
        cycle=cycle,
        name="Heel Genk",
        slug="heel-genk",
        amount=Decimal(DEMO_AMOUNT),
        eligible_count=57_500,  # example figure: residents aged 14+, estimated
    )
    wijken = {n.slug: n for n in Neighbourhood.objects.all()}
    proposers = _voters(6, list(wijken.values()) or [None], offset=100)
    for i, (title, theme, wijk, cost, summary) in enumerate(CITY_PROJECTS):
        Proposal.objects.create(
            cycle=cycle,
            heading=heading,
            author=proposers[i % len(proposers)],
            title=title,
            summary=summary,
            description=summary + "\n\nDe indieners werken het project uit met de buurt en een vereniging uit de wijk.",
            theme=themes[theme],
            neighbourhood=wijken.get(wijk) if wijk else None,
            estimated_cost=Decimal(cost),
            revised_cost=Decimal(cost + 2500) if i % 4 == 0 else None,
            status=Proposal.Status.FEASIBLE,
            feasibility_note="Haalbaar volgens de diensten van de stad." if i % 4 else "Haalbaar, met onderhoud.",
            reviewed_by=staff,
            reviewed_at=now - timedelta(days=10),
        )
    Proposal.objects.create(
        cycle=cycle,
        heading=heading,
        author=proposers[0],
        title="Overdekte skatebaan in het stadspark",
        summary="Een overdekte skatebaan voor het hele jaar.",
        description="Een grote overdekte skatebaan met verlichting.",
        theme=themes["talentontwikkeling"],
        estimated_cost=Decimal(98000),
        status=Proposal.Status.NOT_FEASIBLE,
        feasibility_note="Een overdekte constructie in het stadspark kost meer dan € 100.000 en past niet in het parkplan.",
        reviewed_by=staff,
        reviewed_at=now - timedelta(days=12),
    )
    cycle = Cycle.objects.for_page().get(pk=cycle.pk)
    heading = cycle.headings.get()
    projects = list(heading.proposals.on_ballot().order_by("pk").values_list("pk", flat=True))
    # This round also takes paper ballots, so online voters have confirmed who they are: the
    # invented voters (and the demo resident) showed an identity card at a service centre.
    services.follow(cycle, resident, remind_to_vote=True)
    everywhere = list(wijken.values())
    if not everywhere:  # without wijken nobody can vote
        return
    online = _voters(24, everywhere)
    for n, voter in enumerate([resident, *online]):
        _identify(cycle, staff, n, voter.year_of_birth or 1988, voter.neighbourhood or everywhere[0], user=voter)
    costs = {p.pk: p.cost for p in heading.proposals.on_ballot()}
    for n, voter in enumerate(online):
        choice = [projects[(n + k * 3) % len(projects)] for k in range(1 + n % 4)]
        ballots.cast_ballot(voter, heading, _within(choice, costs, heading.amount))
    for n in range(6):  # paper ballots entered at a service centre, for people without an account
        record = _identify(cycle, staff, 100 + n, 1940 + n * 5, everywhere[(n * 5) % len(everywhere)])
        choice = _within([projects[n % len(projects)], projects[-1 - n]], costs, heading.amount)
        ballots.enter_paper_ballot(staff, heading, record, choice)


def _within(choice, costs, amount) -> list:
    """The projects of `choice` in order, each once, leaving out those that no longer fit."""
    kept, spent = [], Decimal(0)
    for pk in dict.fromkeys(choice):
        if spent + costs[pk] <= amount:
            kept.append(pk)
            spent += costs[pk]
    return kept


def example_national_number(year: int, n: int) -> str:
    """An invented national register number with a valid check digit (born 1 January `year`)."""
    base = f"{year % 100:02d}0101{n % 1000:03d}"
    check = 97 - int(("2" if year >= 2000 else "") + base) % 97
    return f"{base}{check:02d}"


def _identify(cycle, staff, n, year, neighbourhood, user=None):
    label = "".join(part[0] for part in user.display_name.split()[:2]) if user else f"P{n}"
    return ballots.register_paper_voter(
        cycle,
        staff,
        national_number=example_national_number(year, n),
        label=f"{label} (voorbeeld)",
        year_of_birth=year,
        neighbourhood=neighbourhood,
        document="eid",
        user=user,
    )


@demo.step(order=41)
def district_budget(ctx):
    """An example district budget: results published, projects being carried out."""
    if Cycle.objects.filter(slug="stadsdeelbudget-2025").exists():
        return
    districts = list(District.objects.prefetch_related("neighbourhoods"))
    if not districts:
        return
    themes = _themes()
    staff = ctx["personas"]["civil_servant"]["user"]
    now = timezone.now()
    cycle = Cycle.objects.create(
        department=default_department(),
        name="Stadsdeelbudget 2025 (voorbeeld)",
        slug="stadsdeelbudget-2025",
        summary="€ 40.000 per stadsdeel: de bewoners van elk stadsdeel kiezen hun projecten.",
        description=(
            "Voorbeeld voor de demo. De stadsdelen zijn een voorbeeldindeling van de wijken (de officiële namen "
            "en grenzen van de acht Genkse stadsdelen zijn niet gepubliceerd); projecten, stemmen en cijfers zijn "
            "verzonnen."
        ),
        scope=Cycle.Scope.DISTRICT,
        proposers=Cycle.Proposers.DISTRICT_RESIDENTS,
        min_project_cost=Decimal(1000),
        max_project_cost=Decimal(40000),
        voting_min_age=14,
        voting_residence=Cycle.Residence.DISTRICT,
        voting_rule=Cycle.VotingRule.KNAPSACK,
        tie_break_seed="stadsdeelbudget-2025",
        is_published=True,
        is_example=True,
        created_by=staff,
    )
    cycle.themes.set(themes.values())
    # The headings first: once voting has opened none can be added (what voters rely on is frozen).
    services.create_district_headings(cycle, staff, amount=Decimal(40000), districts=districts)
    _phases(
        cycle,
        {
            "proposals": now - timedelta(days=400),
            "review": now - timedelta(days=340),
            "voting": now - timedelta(days=290),
            "results": now - timedelta(days=260),
            "implementation": now - timedelta(days=230),
        },
    )
    cycle = Cycle.objects.for_page().get(pk=cycle.pk)
    for heading in cycle.headings.all():
        wijken = list(heading.district.neighbourhoods.all())
        if not wijken:
            continue
        heading.eligible_count = max(heading.eligible_count * 85 // 100, 100)
        heading.save(update_fields=["eligible_count"])
        for title, theme, cost in DISTRICT_PROJECTS:
            Proposal.objects.create(
                cycle=cycle,
                heading=heading,
                title=f"{title} ({wijken[0].name})",
                summary=f"{title} in {wijken[0].name}, voorgesteld door buren.",
                description="Een voorbeeldproject voor de demo.",
                theme=themes[theme],
                neighbourhood=wijken[0],
                estimated_cost=Decimal(cost),
                status=Proposal.Status.FEASIBLE,
                reviewed_by=staff,
                reviewed_at=now - timedelta(days=300),
            )
    # Voting happened in the past: store ballots as they were cast then.
    _phases(
        cycle,
        {
            "proposals": now - timedelta(days=400),
            "review": now - timedelta(days=340),
            "voting": now - timedelta(days=1),
            "results": now + timedelta(days=1),
            "implementation": now + timedelta(days=2),
        },
    )
    cycle = Cycle.objects.for_page().get(pk=cycle.pk)
    offset = 1000
    for heading in cycle.headings.all():
        wijken = list(heading.district.neighbourhoods.all())
        projects = list(heading.proposals.order_by("pk").values_list("pk", flat=True))
        if not wijken or not projects:
            continue
        voters = _voters(12, wijken, offset=offset)
        offset += 12
        for n, voter in enumerate(voters):
            ballots.cast_ballot(voter, heading, list(dict.fromkeys([projects[n % 4], projects[(n * 3 + 1) % 4]])))
    Ballot.objects.filter(heading__cycle=cycle).update(confirmed_at=now - timedelta(days=270))
    _phases(
        cycle,
        {
            "proposals": now - timedelta(days=400),
            "review": now - timedelta(days=340),
            "voting": now - timedelta(days=290),
            "results": now - timedelta(days=260),
            "implementation": now - timedelta(days=230),
        },
    )
    cycle = Cycle.objects.for_page().get(pk=cycle.pk)
    services.publish_results(cycle, staff)
    for i, proposal in enumerate(Proposal.objects.filter(cycle=cycle).selected().order_by("pk")):
        proposal.cycle = cycle
        progress = [25, 60, 100][i % 3]
        services.post_update(
            proposal,
            staff,
            progress=progress,
            text={
                25: "De buurt koos samen met de stad de precieze plek. De bestelling is geplaatst.",
                60: "De werken zijn begonnen; de oplevering is gepland voor het voorjaar.",
                100: "Klaar! Het project werd feestelijk geopend met de buren.",
            }[progress],
        )
