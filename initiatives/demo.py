"""Demo data: Genk initiatives in every state, by invented residents, run through the real
workflow (so the audit log and the notifications are there too), then dated back.

Idempotent: an initiative is made once (by title and lead initiator). The people are
invented; the initiatives read like Genk's but are examples, and say so in their text.
"""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from genk.accounts.models import User
from genk.core import demo
from genk.core.refusals import AlreadyDone, NotAllowed
from neighbourhoods.models import Neighbourhood

from . import services, workflow
from .models import Comment, Initiative, Initiator, Theme

EXAMPLE = "(Voorbeeld voor de demo: de initiatiefnemers en de steun zijn verzonnen.)"

# Invented residents: key, name, neighbourhood slug, year of birth.
PEOPLE = [
    ("annelies", "Annelies Jacobs", "winterslag-1", 1979),
    ("mehmet", "Mehmet Demir", "winterslag-1", 1986),
    ("giulia", "Giulia Bianchi", "zwartberg-noord", 1962),
    ("kevin", "Kevin Janssens", "waterschei-zuid", 1995),
    ("samira", "Samira Ouali", "genk-centrum", 1991),
    ("dirk", "Dirk Schepers", "hoevenzavel", 1958),
    ("agnieszka", "Agnieszka Nowak", "bret", 1988),
    ("yusuf", "Yusuf Kaya", "kolderbos", 1983),
    ("els", "Els Vandersteen", "oud-termien", 1949),
    ("tomasz", "Tomasz Lewandowski", "nieuw-texas", 1990),
    ("hatice", "Hatice Aydın", "boxbergheide", 1975),
    ("marc", "Marc Bollen", "genk-centrum-noord", 1969),
    ("lotte", "Lotte Claessens", "oud-waterschei", 2001),
]

SUPPORTERS = 240  # invented residents who only support (no password: they never sign in)


def _neighbourhood(slug):
    return Neighbourhood.objects.filter(slug=slug).first() or Neighbourhood.objects.order_by("name").first()


def _people(ctx) -> dict[str, User]:
    people = {"resident": ctx["personas"]["resident"]["user"]}
    for key, name, slug, year in PEOPLE:
        email = f"{key}@demo.samen.genk.be"
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"display_name": name, "year_of_birth": year, "neighbourhood": _neighbourhood(slug)},
        )
        if created:
            from genk.accounts.demo import DEMO_PASSWORD

            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        people[key] = user
    return people


def _supporters() -> list[User]:
    """Residents spread over the wijken; a few younger than 16 (they do not count for a
    burgervoorstel)."""
    existing = list(
        User.objects.filter(email__startswith="steun", email__endswith="@demo.samen.genk.be").order_by("pk")
    )
    if len(existing) >= SUPPORTERS:
        return existing
    rng = random.Random(3600)
    neighbourhoods = list(Neighbourhood.objects.all()) or [None]
    password = make_password(None)
    this_year = timezone.localdate().year
    users = []
    for n in range(len(existing), SUPPORTERS):
        young = n % 25 == 0
        users.append(
            User(
                email=f"steun{n:03d}@demo.samen.genk.be",
                display_name=f"Inwoner {n:03d}",
                year_of_birth=this_year - (rng.randint(12, 15) if young else rng.randint(17, 90)),
                neighbourhood=rng.choice(neighbourhoods),
                password=password,
            )
        )
    User.objects.bulk_create(users)
    created = list(User.objects.filter(email__in=[u.email for u in users]))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created]
    )
    return existing + created


def _themes(*slugs):
    return list(Theme.objects.filter(slug__in=slugs))


def _goals(*numbers):
    from worldcitizenship.models import Goal

    return list(Goal.objects.filter(number__in=numbers))


def _create(
    lead, co, *, title, summary, description, slug=None, city_wide=False, themes=(), sdgs=(), kind="initiative", help=()
):
    existing = Initiative.objects.filter(title=title, created_by=lead).first()
    if existing:
        return existing, False
    initiative = services.create_initiative(
        lead,
        kind=kind,
        title=title,
        summary=summary,
        description=f"{description}\n\n{EXAMPLE}",
        neighbourhood=None if city_wide else _neighbourhood(slug),
        city_wide=city_wide,
        **{f"help_{h}": True for h in help},
    )
    initiative.themes.set(_themes(*themes))
    initiative.sdgs.set(_goals(*sdgs))
    for user in co:
        Initiator.objects.get_or_create(initiative=initiative, user=user, defaults={"role": Initiator.Role.CO})
    initiative.forget_cached_initiators()
    return initiative, True


def _backdate(initiative, days):
    """Move the initiative's history `days` back, so the demo has a past."""
    shift = timedelta(days=days)
    fields = [
        "created",
        "submitted_at",
        "moderated_at",
        "published_at",
        "supports_close_at",
        "threshold_reached_at",
        "closed_at",
        "answered_at",
        "progress_started_at",
        "realised_at",
        "withdrawn_at",
    ]
    initiative.refresh_from_db()
    changes = {f: getattr(initiative, f) - shift for f in fields if getattr(initiative, f)}
    if initiative.answer_due:
        changes["answer_due"] = initiative.answer_due - shift
    Initiative.objects.filter(pk=initiative.pk).update(**changes)


def _support(initiative, users):
    for user in users:
        try:
            services.support(initiative, user, limited=False)
        except (NotAllowed, AlreadyDone):
            continue


def _comment(initiative, user, body):
    if not Comment.objects.filter(initiative=initiative, author=user, body=body).exists():
        services.add_comment(initiative, user, body, limited=False)


@demo.step(order=40)
def initiatives(ctx):
    p = _people(ctx)
    moderator = ctx["personas"]["civil_servant"]["user"]
    director = ctx["personas"]["neighbourhood_director"]["user"]
    crowd = _supporters()

    # 1. Collecting supports.
    repair, new = _create(
        p["annelies"],
        [p["mehmet"]],
        title="Repair Café in Winterslag",
        slug="winterslag-1",
        summary="Elke eerste zaterdag van de maand samen kapotte spullen herstellen in plaats van ze weg te gooien.",
        description=(
            "Een broodrooster die het niet meer doet, een fiets met een slag in het wiel, een broek met een scheur: "
            "in ons Repair Café herstellen vrijwillige herstellers het samen met jou. We zoeken een vaste plek in "
            "Winterslag, gereedschap en hulp om het bekend te maken. Koffie en een babbel horen erbij."
        ),
        themes=["duurzaamheid-en-klimaat", "samenleven-en-buurt"],
        sdgs=[11, 12],
        help=["venue", "materials", "communication"],
    )
    if new:
        workflow.submit(repair, p["annelies"])
        workflow.publish(repair, moderator, message="Fijn initiatief, veel succes!")
        _support(repair, crowd[:31])
        _comment(repair, p["giulia"], "Ik kan naaimachines herstellen en help graag mee.")
        _comment(repair, crowd[3], "Eindelijk! Mijn stofzuiger wacht al maanden.")
        services.post_update(
            repair,
            p["annelies"],
            title="Al acht herstellers gevonden",
            body="Dank aan iedereen die zich meldde. We zoeken nog iemand die elektrische toestellen kent.",
        )
        _backdate(repair, 20)

    taalcafe, new = _create(
        p["resident"],
        [p["samira"]],
        title="Taalcafé in Genk-Centrum",
        slug="genk-centrum",
        summary="Elke woensdagavond Nederlands oefenen bij een koffie, met buren van alle nationaliteiten.",
        description=(
            "Genk telt meer dan honderd nationaliteiten. Wie Nederlands leert, heeft vooral oefenkansen nodig. "
            "In ons taalcafé praten nieuwkomers en Genkenaren ongedwongen met elkaar. We vragen een zaal in het "
            "centrum en hulp om het taalcafé bekend te maken bij scholen en het Agentschap Integratie en Inburgering."
        ),
        themes=["taal-en-ontmoeting", "samenleven-en-buurt"],
        sdgs=[4, 10],
        help=["venue", "communication"],
    )
    if new:
        workflow.submit(taalcafe, p["resident"])
        workflow.publish(taalcafe, moderator)
        _support(taalcafe, crowd[40:58])
        _comment(taalcafe, p["tomasz"], "Ik kom graag oefenen! Kan het ook op zaterdag?")
        _backdate(taalcafe, 8)

    banken, new = _create(
        p["dirk"],
        [p["els"], p["marc"]],
        kind=Initiative.Kind.PROPOSAL,
        city_wide=True,
        title="Zitbanken langs de Stiemerbeek",
        summary="Burgervoorstel: de gemeenteraad plaatst om de 500 meter een zitbank langs het wandelpad van de Stiemerbeek.",
        description=(
            "Het pad langs de Stiemerbeek is een van de mooiste wandelingen van Genk, maar wie slecht te been is, "
            "kan er nergens even rusten. Wij vragen de gemeenteraad om langs het hele traject om de 500 meter een "
            "zitbank te plaatsen, met een leuning, zodat ook ouderen en mensen met een beperking het pad kunnen "
            "gebruiken."
        ),
        themes=["mobiliteit-en-verkeer", "senioren", "groen-en-natuur"],
        sdgs=[3, 11],
        help=["cocreation"],
    )
    if new:
        workflow.submit(banken, p["dirk"])
        workflow.publish(banken, moderator)
        _support(banken, crowd[:212])
        _comment(banken, p["giulia"], "Mijn moeder wandelt daar graag maar moet nu na een kwartier terug.")
        _backdate(banken, 45)

    wereldkeuken, new = _create(
        p["tomasz"],
        [p["hatice"]],
        title="Wereldkeuken in Nieuw-Texas",
        slug="nieuw-texas",
        summary="Eén keer per maand koken buren recepten uit hun land van herkomst en eten we samen.",
        description=(
            "In Nieuw-Texas wonen mensen met roots in Polen, Turkije, Italië, Marokko en Congo. Aan tafel leer je "
            "elkaar het snelst kennen. We zoeken een keuken met een zaal, en een kleine subsidie voor de ingrediënten."
        ),
        themes=["wereldburgerschap", "samenleven-en-buurt"],
        sdgs=[2, 10, 17],
        help=["venue", "subsidy"],
    )
    if new:
        workflow.submit(wereldkeuken, p["tomasz"])
        workflow.publish(wereldkeuken, moderator)
        _support(wereldkeuken, crowd[60:72])
        _backdate(wereldkeuken, 3)

    # 2. Threshold reached, answered, in progress.
    moestuin, new = _create(
        p["giulia"],
        [p["yusuf"]],
        title="Buurtmoestuin in Zwartberg",
        slug="zwartberg-noord",
        summary="Een gedeelde moestuin op het braakliggende terrein achter de oude cité, met bakken voor wie moeilijk bukt.",
        description=(
            "Achter de cité in Zwartberg ligt een stuk grond al jaren braak. Wij willen er een buurtmoestuin van "
            "maken: twintig bakken, een regenton, een compostplek en een bank. Iedereen uit de buurt kan een bak "
            "huren voor een symbolisch bedrag. We vragen de grond in bruikleen, materiaal en een startsubsidie."
        ),
        themes=["groen-en-natuur", "duurzaamheid-en-klimaat", "samenleven-en-buurt"],
        sdgs=[2, 11, 15],
        help=["venue", "materials", "subsidy"],
    )
    if new:
        workflow.submit(moestuin, p["giulia"])
        workflow.publish(moestuin, moderator)
        _support(moestuin, crowd[100:152])
        moestuin.refresh_from_db()
        if moestuin.status == Initiative.Status.THRESHOLD_REACHED:
            workflow.answer(
                moestuin,
                moderator,
                outcome=Initiative.Outcome.ACCEPTED,
                text=(
                    "De stad geeft het terrein voor vijf jaar in bruikleen en levert de bakken en de regenton. "
                    "De dienst Groen helpt bij de aanleg. Voor de startsubsidie kunnen de initiatiefnemers een "
                    "aanvraag indienen onder het wijkbudget."
                ),
            )
            workflow.start_progress(
                moestuin, moderator, text="De grond is vrijgemaakt; de bakken worden in april geleverd."
            )
        _backdate(moestuin, 120)

    boeken, new = _create(
        p["lotte"],
        [p["kevin"]],
        title="Boekenruilkasten in Waterschei",
        slug="waterschei-noord",
        summary="Vijf boekenkastjes in de straten van Waterschei: breng een boek, neem een boek.",
        description=(
            "Een boekenruilkast brengt buren samen en maakt lezen gratis. We bouwen de kastjes zelf met de "
            "jeugdbeweging; we vragen de stad waar ze mogen staan en een kleine bijdrage voor hout en verf."
        ),
        themes=["cultuur-en-erfgoed", "samenleven-en-buurt", "jeugd"],
        sdgs=[4, 11],
        help=["permits", "subsidy"],
    )
    if new:
        workflow.submit(boeken, p["lotte"])
        workflow.publish(boeken, moderator)
        _support(boeken, crowd[160:216])
        _comment(boeken, p["annelies"], "Ik heb nog twee dozen jeugdboeken voor jullie.")
        _backdate(boeken, 30)

    # 3. Realised.
    voetbal, new = _create(
        p["kevin"],
        [p["lotte"]],
        title="Straatvoetbaltornooi in Waterschei",
        slug="waterschei-zuid",
        summary="Een zomers straatvoetbaltornooi op het plein, voor jongeren van 10 tot 18 jaar.",
        description=(
            "Op het plein in Waterschei wordt elke avond gevoetbald. Wij willen in juli een echt tornooi "
            "organiseren, met een mobiele kooi, scheidsrechters van de club en een prijs voor fair play. "
            "We vragen de kooi, een toelating om het plein af te sluiten en hulp met affiches."
        ),
        themes=["sport-en-spel", "jeugd"],
        sdgs=[3, 10],
        help=["materials", "permits", "communication"],
    )
    if new:
        workflow.submit(voetbal, p["kevin"])
        workflow.publish(voetbal, moderator, handler=director)
        _support(voetbal, crowd[150:202])
        voetbal.refresh_from_db()
        if voetbal.status == Initiative.Status.THRESHOLD_REACHED:
            workflow.answer(
                voetbal,
                director,
                outcome=Initiative.Outcome.CO_CREATION,
                text=(
                    "Jeugdwelzijnswerk en de sportdienst werken het tornooi samen met de initiatiefnemers uit. "
                    "De stad zorgt voor de mobiele kooi en de toelating; de jongeren kiezen de formule."
                ),
            )
            workflow.start_progress(voetbal, director)
            workflow.realise(
                voetbal,
                director,
                text="Zestien ploegen speelden mee. De fair-playprijs ging naar FC Vennestraat.",
            )
        _backdate(voetbal, 300)

    # 4. Period over, waiting for the answer (overdue), and answered in other ways.
    zwerfvuil, new = _create(
        p["dirk"],
        [],
        title="Zwerfvuilploeg Hoevenzavel",
        slug="hoevenzavel",
        summary="Een vaste ploeg buren die elke maand de bermen en het speelplein opruimt.",
        description=(
            "Langs de wegen in Hoevenzavel ligt veel zwerfvuil. Met een vaste ploeg willen we elke maand opruimen. "
            "We vragen grijpers, hesjes en afvalzakken, en dat de stad de zakken ophaalt."
        ),
        themes=["veiligheid-en-netheid", "groen-en-natuur"],
        sdgs=[11, 12],
        help=["materials"],
    )
    if new:
        workflow.submit(zwerfvuil, p["dirk"])
        workflow.publish(zwerfvuil, moderator)
        _support(zwerfvuil, crowd[200:221])
        Initiative.objects.filter(pk=zwerfvuil.pk).update(supports_close_at=timezone.now() - timedelta(days=1))
        workflow.close_supports(zwerfvuil)
        _backdate(zwerfvuil, 60)

    petanque, new = _create(
        p["hatice"],
        [],
        title="Petanquebaan in Boxbergheide",
        slug="boxbergheide",
        summary="Een petanquebaan naast het buurthuis, zodat oudere buren elkaar buiten kunnen ontmoeten.",
        description=(
            "Veel oudere buren in Boxbergheide zitten alleen thuis. Een petanquebaan naast het buurthuis zou "
            "een ontmoetingsplek worden. We vragen de aanleg van de baan."
        ),
        themes=["senioren", "sport-en-spel"],
        sdgs=[3],
        help=["venue", "materials"],
    )
    if new:
        workflow.submit(petanque, p["hatice"])
        workflow.publish(petanque, moderator)
        _support(petanque, crowd[10:28])
        Initiative.objects.filter(pk=petanque.pk).update(supports_close_at=timezone.now() - timedelta(days=1))
        workflow.close_supports(petanque)
        workflow.answer(
            petanque,
            moderator,
            outcome=Initiative.Outcome.DECLINED,
            text=(
                "Naast het buurthuis ligt een leiding van de watermaatschappij: daar mag niet gegraven worden. "
                "In het park op 300 meter ligt al een petanquebaan die weinig gebruikt wordt. Het dienstencentrum "
                "start er in het voorjaar een petanqueclub; de initiatiefnemers zijn welkom om die mee op te zetten."
            ),
        )
        _backdate(petanque, 150)

    fiets, new = _create(
        p["marc"],
        [],
        title="Fietsherstelpunt aan het station",
        slug="genk-centrum-noord",
        summary="Een zelfherstelpunt met pomp en gereedschap voor fietsers aan het station van Genk.",
        description=(
            "Wie met de fiets naar de trein gaat en een lekke band heeft, staat nergens. Een herstelpunt met een "
            "pomp en vastgemaakt gereedschap helpt pendelaars en scholieren. We zoeken een subsidie voor de aankoop."
        ),
        themes=["mobiliteit-en-verkeer", "duurzaamheid-en-klimaat"],
        sdgs=[11, 13],
        help=["subsidy"],
    )
    if new:
        workflow.submit(fiets, p["marc"])
        workflow.publish(fiets, moderator)
        _support(fiets, crowd[120:140])
        Initiative.objects.filter(pk=fiets.pk).update(supports_close_at=timezone.now() - timedelta(days=1))
        workflow.close_supports(fiets)
        workflow.answer(
            fiets,
            moderator,
            outcome=Initiative.Outcome.REDIRECTED,
            redirect_target=Initiative.RedirectTarget.SUBSIDY,
            redirect_detail="Subsidie voor burgerinitiatieven",
            text=(
                "Een herstelpunt past in het subsidiereglement voor burgerinitiatieven. De dienst Mobiliteit "
                "bekijkt samen met de initiatiefnemers de beste plek; de aanvraag loopt via het reglement."
            ),
        )
        _backdate(fiets, 90)

    # 5. Withdrawn after publication.
    wandel, new = _create(
        p["els"],
        [],
        title="Wandelgroep voor senioren in Termien",
        slug="oud-termien",
        summary="Elke dinsdagochtend samen wandelen, in een tempo dat iedereen aankan.",
        description=(
            "Samen wandelen is gezond en gezellig. We vertrekken elke dinsdag om tien uur aan de kerk en wandelen "
            "een uur. We vragen hulp om het bekend te maken."
        ),
        themes=["senioren", "welzijn-en-gezondheid"],
        sdgs=[3],
        help=["communication"],
    )
    if new:
        workflow.submit(wandel, p["els"])
        workflow.publish(wandel, moderator)
        workflow.withdraw(
            wandel, p["els"], reason="Het dienstencentrum organiseert nu zelf een wandelgroep; we sluiten daarbij aan."
        )
        _backdate(wandel, 40)

    # 6. Waiting for moderation, sent back, rejected, and a draft.
    speelstraat, new = _create(
        p["agnieszka"],
        [],
        title="Speelstraat in de Bret",
        slug="bret",
        summary="Tijdens de zomervakantie wordt onze straat elke woensdagnamiddag een speelstraat.",
        description=(
            "In onze straat wonen veel gezinnen met jonge kinderen, maar er is geen speelplein in de buurt. "
            "We vragen om de straat in juli en augustus elke woensdag van 13 tot 19 uur af te sluiten voor "
            "doorgaand verkeer, met de nodige hekken en borden."
        ),
        themes=["jeugd", "sport-en-spel"],
        sdgs=[3, 11],
        help=["permits", "materials"],
    )
    if new:
        workflow.submit(speelstraat, p["agnieszka"])
        _backdate(speelstraat, 7)  # past the 5-working-day service level: a reminder is due

    gevels, new = _create(
        p["yusuf"],
        [],
        title="Geveltuintjes in Kolderbos",
        slug="kolderbos",
        summary="Smalle plantvakken tegen de gevels, zodat de straat groener en koeler wordt.",
        description=(
            "We willen met twintig buren een tegel uit het voetpad halen en er klimplanten zetten. "
            "De stad zou de tegels kunnen wegnemen en planten leveren."
        ),
        themes=["groen-en-natuur", "duurzaamheid-en-klimaat"],
        sdgs=[11, 13],
        help=["materials", "permits"],
    )
    if new:
        workflow.submit(gevels, p["yusuf"])
        workflow.request_changes(
            gevels,
            moderator,
            message=(
                "Kun je vermelden in welke straten het gaat en of de eigenaars van de huizen akkoord zijn? "
                "Een geveltuin moet minstens 1,20 m vrije doorgang op het voetpad laten."
            ),
        )

    reclame, new = _create(
        p["marc"],
        [],
        title="Reclameborden voor mijn frituur",
        slug="genk-centrum-noord",
        summary="Extra reclameborden langs de weg naar mijn zaak.",
        description="Ik wil langs de Hasseltweg vijf borden zetten die de weg naar mijn frituur tonen, betaald door de stad.",
        themes=[],
        help=["permits"],
    )
    if new:
        workflow.submit(reclame, p["marc"])
        workflow.reject(
            reclame,
            moderator,
            reason=(
                "Een burgerinitiatief dient het algemeen belang. Reclame voor een handelszaak valt daar niet onder. "
                "Voor reclameborden vraag je een vergunning aan bij de dienst Omgeving."
            ),
        )

    feest, new = _create(
        p["resident"],
        [],
        title="Buurtfeest in Sledderlo",
        slug="oud-sledderlo",
        summary="Een buurtfeest met muziek uit alle culturen van de wijk.",
        description="",
        themes=["samenleven-en-buurt", "cultuur-en-erfgoed"],
        help=["permits", "materials"],
    )
    if new:
        Initiative.objects.filter(pk=feest.pk).update(modified=timezone.now() - timedelta(days=15))

    ctx["stdout"].write(
        f"  initiatives: {Initiative.objects.count()} initiatives, "
        f"{sum(Initiative.objects.values_list('support_count', flat=True))} supports"
    )
