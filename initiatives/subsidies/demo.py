"""Demo data: Genk's three subsidy schemes and demo files in every state, run through the real
workflow (so the audit log, the messages and the notifications are there too).

The schemes:
- the **wijkbudget**, with the rules the city publishes on https://www.genk.be/wijkbudget: up
  to € 2,500 for an initiative of at least 5 residents at 5 different addresses, once per group
  per year, not for street or neighbourhood parties, regular club activity, religious, political
  or commercial actions. The yearly budget is an example figure.
- a **subsidy for citizen initiatives** and a **subsidy for international-solidarity
  (North-South) organisations**: example regulations for the demo (amounts, criteria and
  deadlines are examples, and the texts say so).

The decisions are recorded by a demo account of the city secretary's office ("secretariaat",
SUBSIDIES_DECISION_DEPARTMENT), printed with the other demo accounts.

Idempotent: schemes by slug, files by scheme and title. People and projects are invented.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from genk.accounts.models import Department, DepartmentMembership, Organisation, OrganisationMembership, User
from genk.core import demo

from . import conf, services, workflow
from .models import (
    BudgetLine,
    Criterion,
    Payment,
    RequiredDocument,
    Scheme,
    SchemeBudget,
    SubsidyFile,
)

EXAMPLE = "(Voorbeeld voor de demo: de aanvragers en het project zijn verzonnen.)"
S = SubsidyFile.Status
IBANS = ["BE68539007547034", "BE71096123456769", "BE62510007547061", "BE43068999999501", "BE07363001234566"]

SCHEMES = [
    {
        "slug": "wijkbudget",
        "name": "Wijkbudget",
        "summary": (
            "Tot 2.500 euro voor een initiatief dat je met je buren zelf uitvoert en dat het samenleven, de "
            "woonomgeving of de communicatie in je buurt of wijk verbetert."
        ),
        "legal_basis": (
            "Reglement wijkbudget van de stad Genk (https://www.genk.be/wijkbudget).\n\n"
            "Voor projecten, acties en initiatieven die positief zijn voor de buurt of wijk op het vlak van "
            "woonomgeving, leefbaarheid, samenleven, communicatie, sociale samenhang en ontmoeting tussen bewoners, "
            "gericht op één of meer straten, een appartementsgebouw, een buurt, een wijk of meerdere wijken. "
            "Je vraagt het wijkbudget altijd aan in groep: minstens 5 personen die wonen op 5 verschillende "
            "adressen in Genk. Een groep kan per jaar één keer een wijkbudget ontvangen. De groep voert het "
            "initiatief zelf uit, binnen het jaar na de goedkeuring, en zorgt voor het onderhoud en de nazorg. "
            "Aanvragen kan het hele jaar door."
        ),
        "exclusions": (
            "Een wijkbudget is niet voor: de organisatie van straat- of wijkfeesten; reguliere activiteiten van "
            "verenigingen; acties met een uitgesproken religieus of politiek karakter; commerciële acties; "
            "activiteiten die niet openstaan voor alle betrokken bewoners."
        ),
        "department": "participatie",
        "allows_resident_group": True,
        "allows_organisation": False,
        "min_group_size": 5,
        "min_distinct_addresses": 5,
        "once_per_group_per_year": True,
        "min_amount": Decimal("100.00"),
        "max_amount": Decimal("2500.00"),
        "advance_percentage": 80,
        "intake_days": 10,
        "assessment_days": 20,
        "decision_days": 30,
        "report_days": 60,
        "budget": Decimal("60000.00"),
        "sdgs": [11, 16],
        "criteria": [
            ("Meerwaarde voor de buurt", "Verbetert het samenleven, de woonomgeving of de communicatie?", 3),
            ("Betrokkenheid van de bewoners", "Hoeveel buren doen mee, en staat het open voor iedereen?", 2),
            ("Haalbaarheid en nazorg", "Kan de groep het zelf uitvoeren en onderhouden?", 1),
        ],
        "documents": [
            ("Kostenraming of offertes", "Wat kost het project? Voeg offertes of prijzen toe.", "application"),
            ("Bewijsstukken van de uitgaven", "Facturen en kastickets van wat je met het wijkbudget kocht.", "report"),
        ],
    },
    {
        "slug": "subsidie-burgerinitiatieven",
        "name": "Subsidie voor burgerinitiatieven",
        "summary": (
            "Een projectsubsidie voor inwoners en verenigingen die met een eigen project bijdragen aan een "
            "warmer, duurzamer en eerlijker Genk."
        ),
        "legal_basis": (
            "Voorbeeldreglement voor de demo (bedragen, criteria en termijnen zijn voorbeelden).\n\n"
            "Binnen de perken van de kredieten in het meerjarenplan geeft de stad een subsidie voor niet-commerciële "
            "projecten van inwoners (in groep) en Genkse verenigingen die op Genks grondgebied plaatsvinden, "
            "openstaan voor alle Genkenaren en bijdragen aan het algemeen belang: armoede en ongelijkheid, "
            "talentontwikkeling, of duurzaamheid en klimaat. De subsidie dekt hoogstens het tekort van de begroting."
        ),
        "exclusions": (
            "Niet voor projecten met een commercieel doel, projecten in de privésfeer, de reguliere werking van een "
            "vereniging, of acties met een religieus of partijpolitiek karakter."
        ),
        "department": "participatie",
        "allows_resident_group": True,
        "allows_organisation": True,
        "organisation_kinds": ["association", "foundation", "other"],
        "min_group_size": 3,
        "min_distinct_addresses": None,
        "once_per_group_per_year": False,
        "min_amount": Decimal("250.00"),
        "max_amount": Decimal("7500.00"),
        "advance_percentage": 60,
        "intake_days": 10,
        "assessment_days": 30,
        "decision_days": 30,
        "report_days": 90,
        "budget": Decimal("150000.00"),
        "sdgs": [1, 4, 10, 11, 13],
        "criteria": [
            ("Bijdrage aan het algemeen belang", "Past het project bij armoede, talent of klimaat?", 3),
            ("Bereik en toegankelijkheid", "Voor wie is het, en staat het open voor iedereen?", 2),
            ("Samenwerking", "Werkt het project samen met buren, verenigingen of partners?", 1),
            ("Haalbaarheid van de begroting", "Is de begroting realistisch en zijn er andere inkomsten?", 1),
        ],
        "documents": [
            ("Projectplan", "Wat wil je doen, met wie, wanneer en waar?", "application"),
            ("Bewijsstukken van de uitgaven", "Facturen en betaalbewijzen.", "report"),
            ("Foto's of verslag van het resultaat", "Toon wat het project opleverde.", "report"),
        ],
    },
    {
        "slug": "subsidie-internationale-solidariteit",
        "name": "Subsidie voor internationale solidariteit",
        "summary": (
            "Een projectsubsidie voor Genkse Noord-Zuidorganisaties: een project met een partner in het Zuiden, "
            "of sensibilisering over wereldburgerschap in Genk."
        ),
        "legal_basis": (
            "Voorbeeldreglement voor de demo (bedragen, criteria en termijnen zijn voorbeelden).\n\n"
            "De stad ondersteunt Genkse organisaties die zich inzetten voor internationale solidariteit: "
            "projecten met een lokale partner in een land van de DAC-lijst van de OESO, of activiteiten in Genk die "
            "wereldburgerschap en de duurzameontwikkelingsdoelstellingen (SDG's) bekendmaken. De organisatie heeft "
            "haar zetel of werking in Genk. Aanvragen kan tussen 1 januari en 30 november."
        ),
        "exclusions": (
            "Niet voor noodhulp, voor individuele reizen of inleefreizen, voor de werkingskosten van de organisatie "
            "in België, of voor projecten met een religieus of partijpolitiek doel."
        ),
        "department": "wereldburgerschap",
        "allows_resident_group": False,
        "allows_organisation": True,
        "organisation_kinds": ["north_south"],
        "min_group_size": None,
        "min_distinct_addresses": None,
        "once_per_group_per_year": True,
        "min_amount": Decimal("500.00"),
        "max_amount": Decimal("5000.00"),
        "advance_percentage": 75,
        "opens": (1, 1),
        "closes": (11, 30),
        "intake_days": 15,
        "assessment_days": 30,
        "decision_days": 45,
        "report_days": 120,
        "budget": Decimal("40000.00"),
        "sdgs": [1, 3, 4, 6, 17],
        "criteria": [
            ("Duurzaamheid van het project", "Blijft het resultaat na de subsidie?", 2),
            ("Partnerschap met het Zuiden", "Beslist de lokale partner mee?", 2),
            ("Sensibilisering in Genk", "Vertelt de organisatie het verhaal in Genk?", 1),
        ],
        "documents": [
            ("Projectfiche met de partner", "Het project, de partner en het land.", "application"),
            ("Statuten of oprichtingsakte", "De statuten van de organisatie.", "application"),
            ("Financieel verslag", "Inkomsten en uitgaven van het project, met bewijsstukken.", "report"),
        ],
    },
]

# Invented residents who apply in groups: key, name, address (street and number).
NEIGHBOURS = [
    ("ahmed", "Ahmed Benali", "Vennestraat 12"),
    ("ilse", "Ilse Martens", "Vennestraat 14"),
    ("pieter", "Pieter Wouters", "Vennestraat 21"),
    ("rukiye", "Rukiye Şahin", "Vennestraat 33"),
    ("jan", "Jan Geerts", "Vennestraat 47"),
    ("maria", "Maria Rossi", "Stalenstraat 8"),
    ("koen", "Koen Lenaerts", "Stalenstraat 10"),
    ("aylin", "Aylin Çelik", "Stalenstraat 15"),
    ("bart", "Bart Peeters", "Stalenstraat 22"),
    ("nadia", "Nadia Haddad", "Stalenstraat 30"),
    ("wim", "Wim Vrancken", "Molenblookstraat 3"),
    ("elena", "Elena Popescu", "Molenblookstraat 5"),
    ("sven", "Sven Lambrechts", "Molenblookstraat 9"),
    ("fatima", "Fatima Amrani", "Molenblookstraat 12"),
    ("ludo", "Ludo Bijnens", "Molenblookstraat 18"),
    ("ines", "Ines Gomes", "Hoogzij 4"),
    ("karel", "Karel Smeets", "Hoogzij 7"),
    ("zeynep", "Zeynep Arslan", "Hoogzij 11"),
    ("tom", "Tom Vanderhoydonk", "Hoogzij 16"),
    ("ewa", "Ewa Kowalska", "Hoogzij 20"),
    ("mustafa", "Mustafa Yıldız", "Bochtlaan 2"),
    ("anja", "Anja Jorissen", "Bochtlaan 6"),
    ("gianni", "Gianni Esposito", "Bochtlaan 9"),
    ("hanne", "Hanne Vanhoof", "Bochtlaan 13"),
    ("omar", "Omar Bakkali", "Bochtlaan 17"),
    ("sofie", "Sofie Nijs", "Sledderlo-Dorp 5"),
    ("luca", "Luca Romano", "Sledderlo-Dorp 8"),
    ("linda", "Linda Gielen", "Sledderlo-Dorp 12"),
    ("hakan", "Hakan Öztürk", "Sledderlo-Dorp 19"),
    ("roos", "Roos Moens", "Sledderlo-Dorp 23"),
    ("yasmina", "Yasmina Tahiri", "Kolderbosstraat 2"),
    ("jef", "Jef Cuppens", "Kolderbosstraat 6"),
    ("olga", "Olga Nowak", "Kolderbosstraat 10"),
    ("ricardo", "Ricardo Alves", "Kolderbosstraat 14"),
    ("greet", "Greet Vos", "Kolderbosstraat 18"),
]

ORGANISATIONS = [
    # slug, name, kind, enterprise number
    ("genk-kasai-voorbeeld", "Genk–Kasaï vzw (voorbeeld)", Organisation.Kind.NORTH_SOUTH, "0456.123.789"),
    ("waterputten-voor-tamale-voorbeeld", "Waterputten voor Tamale (voorbeeld)", Organisation.Kind.NORTH_SOUTH, ""),
]

DECISION_MAKER = ("decision_maker", "beslisser (secretariaat, college)", "secretariaat@demo.samen.genk.be")


def _department(slug, name, email=""):
    return Department.objects.get_or_create(slug=slug, defaults={"name": name, "email": email})[0]


def _goals(numbers):
    from worldcitizenship.models import Goal

    return list(Goal.objects.filter(number__in=numbers))


def schemes(today=None) -> dict[str, Scheme]:
    """Create (or find) the three schemes with their budgets for last year and this year."""
    today = today or timezone.localdate()
    made = {}
    for spec in SCHEMES:
        department = _department(spec["department"], spec["department"].capitalize())
        opens = date(today.year, *spec["opens"]) if spec.get("opens") else None
        closes = date(today.year, *spec["closes"]) if spec.get("closes") else None
        if closes and today > closes:
            closes = date(today.year, 12, 31)  # in December the demo keeps the window open
        scheme, created = Scheme.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "summary": spec["summary"],
                "legal_basis": spec["legal_basis"],
                "exclusions": spec["exclusions"],
                "department": department,
                "allows_resident_group": spec["allows_resident_group"],
                "allows_organisation": spec["allows_organisation"],
                "organisation_kinds": spec.get("organisation_kinds", []),
                "min_group_size": spec["min_group_size"],
                "min_distinct_addresses": spec["min_distinct_addresses"],
                "once_per_group_per_year": spec["once_per_group_per_year"],
                "min_amount": spec["min_amount"],
                "max_amount": spec["max_amount"],
                "advance_percentage": spec["advance_percentage"],
                "opens_on": opens,
                "closes_on": closes,
                "intake_days": spec["intake_days"],
                "assessment_days": spec["assessment_days"],
                "decision_days": spec["decision_days"],
                "report_days": spec["report_days"],
                "position": SCHEMES.index(spec),
            },
        )
        if created:
            scheme.sdgs.set(_goals(spec["sdgs"]))
            for position, (name, description, weight) in enumerate(spec["criteria"]):
                Criterion.objects.create(
                    scheme=scheme, name=name, description=description, weight=weight, position=position
                )
            for position, (name, description, stage) in enumerate(spec["documents"]):
                RequiredDocument.objects.create(
                    scheme=scheme, name=name, description=description, stage=stage, position=position
                )
        for year in (today.year - 1, today.year):
            SchemeBudget.objects.get_or_create(scheme=scheme, year=year, defaults={"amount": spec["budget"]})
        made[spec["slug"]] = scheme
    return made


def _user(email, name, **extra):
    from allauth.account.models import EmailAddress

    from genk.accounts.demo import DEMO_PASSWORD

    user, created = User.objects.get_or_create(email=email, defaults={"display_name": name, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def decision_maker(ctx) -> User:
    """The demo account of the city secretary's office, with MFA, printed with the other logins."""
    from genk.accounts.demo import enroll_totp

    key, role, email = DECISION_MAKER
    department = _department(conf.decision_department(), "Secretariaat", "secretariaat@genk.be")
    user = _user(email, "Ingrid Vos", year_of_birth=1976)
    DepartmentMembership.objects.get_or_create(
        department=department, user=user, defaults={"job_title": "Medewerker secretariaat (collegebeslissingen)"}
    )
    persona = {"role": role, "user": user}
    persona["totp_secret"], persona["recovery_codes"] = enroll_totp(user)
    ctx["personas"][key] = persona
    return user


def _neighbours() -> dict[str, tuple[User, str]]:
    return {
        key: (_user(f"{key}@demo.samen.genk.be", name, year_of_birth=1980), address)
        for key, name, address in NEIGHBOURS
    }


def _pdf(name: str) -> SimpleUploadedFile:
    body = f"%PDF-1.4\n% {name} (voorbeeld voor de demo)\n%%EOF\n".encode()
    return SimpleUploadedFile(f"{name}.pdf", body, content_type="application/pdf")


def _neighbourhood(slug):
    from neighbourhoods.models import Neighbourhood

    return Neighbourhood.objects.filter(slug=slug).first() or Neighbourhood.objects.order_by("name").first()


class Maker:
    """Runs demo files through the workflow, as the people who would do each step."""

    def __init__(self, ctx, schemes):
        personas = ctx["personas"]
        self.schemes = schemes
        self.staff = personas["civil_servant"]["user"]
        self.director = personas["neighbourhood_director"]["user"]
        self.world = personas["worldcitizenship_officer"]["user"]
        self.decider = decision_maker(ctx)
        self.today = timezone.localdate()

    def handler_of(self, scheme):
        return self.world if scheme.department.slug == "wereldburgerschap" else self.staff

    def start(
        self, slug, lead, *, title, description, amount, lines, address="", group=(), organisation=None, **fields
    ):
        scheme = self.schemes[slug]
        existing = SubsidyFile.objects.filter(scheme=scheme, title=title).first()
        if existing:
            return existing, False
        if "neighbourhood" in fields and fields["neighbourhood"] is None:
            del fields["neighbourhood"]  # no wijken loaded: the project is for the whole city
            fields["city_wide"] = True
        file = services.create_file(
            lead,
            scheme,
            title=title,
            description=f"{description}\n\n{EXAMPLE}",
            applicant_address=address,
            organisation=organisation,
            iban=IBANS[SubsidyFile.objects.count() % len(IBANS)],
            account_holder=organisation.name if organisation else f"Feitelijke vereniging {title}"[:200],
            amount_requested=Decimal(amount),
            starts_on=fields.pop("starts_on", self.today + timedelta(days=45)),
            ends_on=fields.pop("ends_on", self.today + timedelta(days=120)),
            **fields,
        )
        services.replace_budget_lines(file, lead, [(k, d, Decimal(a)) for k, d, a in lines])
        for user, co_address in group:
            co = services.invite_co_applicant(file, lead, email=user.email, name=user.display_name, limited=False)
            services.accept_invitation(co.token, user, address=co_address, name=user.display_name)
        for required in scheme.required_documents.filter(stage=RequiredDocument.Stage.APPLICATION):
            services.add_document(file, lead, _pdf(required.name), required_document=required)
        return file, True

    def submit(self, file, lead):
        workflow.submit(file, lead)

    def intake(self, file, assessors=None):
        handler = self.handler_of(file.scheme)
        workflow.accept_intake(file, handler, assessors=assessors or [handler])

    def assess(self, file, recommendation="grant", amount=None, score=4):
        for assessment in file.assessments.select_related("assessor"):
            services.save_assessment(
                file,
                assessment.assessor,
                scores=dict.fromkeys(file.scheme.criteria.all(), score),
                recommendation=recommendation,
                recommended_amount=amount,
                comment="Een goed uitgewerkt project." if recommendation != "refuse" else "Past niet in het reglement.",
                submit=True,
            )

    def propose(self, file, outcome="granted", amount=None, text=""):
        workflow.propose(
            file,
            self.handler_of(file.scheme),
            outcome=outcome,
            amount=amount if outcome == "granted" else None,
            text=text or "De beoordelaars adviseren positief; het project past in het reglement.",
        )

    def decide(self, file, outcome="granted", amount=None, decided_on=None, text=""):
        decided_on = decided_on or self.today
        workflow.decide(
            file,
            self.decider,
            outcome=outcome,
            amount=amount if outcome == "granted" else None,
            decided_on=decided_on,
            reference=f"CBS/{decided_on:%Y}/{file.pk:04d}",
            text=text or "Het college volgt het voorstel van de dienst.",
        )

    def pay(self, file, kind, amount, paid_on=None):
        services.record_payment(
            file,
            self.handler_of(file.scheme),
            kind,
            Decimal(amount),
            paid_on or file.decided_on,
            f"BET-{file.pk}-{kind}",
        )

    def report(self, file, lead, costs, text):
        for required in file.scheme.required_documents.filter(stage=RequiredDocument.Stage.REPORT):
            services.add_document(file, lead, _pdf(required.name), required_document=required)
        workflow.submit_report(file, lead, text=text, costs=Decimal(costs))


def backdate(file, days: int) -> None:
    """Move the file's history `days` back, so the demo has a past (and overdue steps)."""
    shift = timedelta(days=days)
    file.refresh_from_db()
    stamps = ["created", "submitted_at", "info_requested_at", "report_submitted_at", "report_approved_at", "closed_at"]
    dates = ["intake_due", "info_due", "assessment_due", "decision_due", "report_due"]
    changes = {f: getattr(file, f) - shift for f in stamps + dates if getattr(file, f)}
    SubsidyFile.objects.filter(pk=file.pk).update(**changes)


@demo.step(order=50)
def subsidies(ctx):
    today = timezone.localdate()
    made = schemes(today)
    m = Maker(ctx, made)
    n = _neighbours()
    people = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@demo.samen.genk.be")}
    resident = ctx["personas"]["resident"]["user"]
    rep = ctx["personas"]["organisation_rep"]["user"]
    association = (
        ctx.get("organisations", {}).get("association") or Organisation.objects.filter(memberships__user=rep).first()
    )
    from initiatives.models import Initiative

    def group(*keys):
        return [n[k] for k in keys]

    def initiative(title):
        return Initiative.objects.filter(title=title).first()

    cost, income = BudgetLine.Kind.COST, BudgetLine.Kind.INCOME

    # Wijkbudget, groups of residents.
    # 1. A draft: Fatma has invited two neighbours; three more to go.
    file, new = m.start(
        "wijkbudget",
        resident,
        title="Bloembakken en zitbank in de Vennestraat",
        description=(
            "We zetten acht grote bloembakken en een zitbank in het smalle stuk van de Vennestraat. Elke bewoner "
            "adopteert een bak; de zitbank wordt een plek om even bij te praten."
        ),
        amount="1800",
        address="Vennestraat 5",
        group=group("ahmed", "ilse"),
        neighbourhood=_neighbourhood("winterslag-1"),
        lines=[
            (cost, "Acht bloembakken", "1200"),
            (cost, "Zitbank", "650"),
            (cost, "Planten en potgrond", "250"),
            (income, "Eigen bijdrage van de bewoners", "300"),
        ],
    )

    # 2. Submitted, the intake is overdue.
    file, new = m.start(
        "wijkbudget",
        n["maria"][0],
        title="Buurtcompost in de Stalenstraat",
        description=(
            "Drie compostbakken op het grasveld aan het einde van de Stalenstraat, met een compostmeester per "
            "bak en een infobord. Het groenafval van twintig gezinnen wordt zo compost voor de geveltuintjes."
        ),
        amount="950",
        address=n["maria"][1],
        group=group("koen", "aylin", "bart", "nadia"),
        neighbourhood=_neighbourhood("winterslag-1"),
        lines=[
            (cost, "Drie compostvaten", "540"),
            (cost, "Infobord", "260"),
            (cost, "Gereedschap", "200"),
            (income, "Bijdrage Limburg.net-compostmeesters", "50"),
        ],
    )
    if new:
        m.submit(file, n["maria"][0])
        backdate(file, 14)

    # 3. Information asked.
    file, new = m.start(
        "wijkbudget",
        n["wim"][0],
        title="Speelkoffer voor het pleintje Molenblook",
        description=(
            "Een afgesloten koffer met ballen, krijt, springtouwen en petanqueballen op het pleintje. "
            "Een beurtrol van buren opent hem elke namiddag in de zomer."
        ),
        amount="1200",
        address=n["wim"][1],
        group=group("elena", "sven", "fatima", "ludo"),
        neighbourhood=_neighbourhood("waterschei-zuid"),
        lines=[(cost, "Koffer met slot", "700"), (cost, "Speelgoed", "500"), (cost, "Verzekering", "100")],
    )
    if new:
        m.submit(file, n["wim"][0])
        workflow.request_info(
            file,
            m.staff,
            message=(
                "Mag de koffer op het pleintje blijven staan? Voeg een akkoord van de eigenaar van het plein "
                "(de sociale huisvestingsmaatschappij) toe."
            ),
        )

    # 4. In assessment, by the participation and the neighbourhood team.
    file, new = m.start(
        "wijkbudget",
        n["ines"][0],
        title="Gedeelde gereedschapskast in Hoogzij",
        description=(
            "Een gereedschapskast in de gemeenschappelijke berging: ladders, een boormachine, een grasmaaier. "
            "Buren lenen met een eenvoudig systeem van kaartjes, en repareren samen wat kapot gaat."
        ),
        amount="2100",
        address=n["ines"][1],
        group=group("karel", "zeynep", "tom", "ewa"),
        neighbourhood=_neighbourhood("zwartberg-noord"),
        lines=[(cost, "Gereedschap", "1650"), (cost, "Kast en sloten", "450"), (cost, "Stickers en kaartjes", "60")],
    )
    if new:
        m.submit(file, n["ines"][0])
        m.intake(file, assessors=[m.staff, m.director])
        backdate(file, 25)

    # 5. Proposed to the college.
    file, new = m.start(
        "wijkbudget",
        n["mustafa"][0],
        title="Verlichte looproute langs de Bochtlaan",
        description=(
            "Zonnelampjes langs het voetpad tussen de Bochtlaan en de bushalte, zodat ouderen en scholieren in "
            "de winter veilig naar de bus wandelen. De buren plaatsen en onderhouden ze."
        ),
        amount="1500",
        address=n["mustafa"][1],
        group=group("anja", "gianni", "hanne", "omar"),
        neighbourhood=_neighbourhood("bret"),
        lines=[
            (cost, "Dertig zonnelampjes", "1350"),
            (cost, "Bevestigingsmateriaal", "250"),
            (income, "Sponsoring bakkerij", "100"),
        ],
    )
    if new:
        m.submit(file, n["mustafa"][0])
        m.intake(file, assessors=[m.staff, m.director])
        m.assess(file, amount="1500")
        m.propose(file, amount="1500")

    # 6. Granted, advance paid: the startsubsidie of the moestuin in Zwartberg.
    giulia, yusuf = people.get("giulia"), people.get("yusuf")
    if giulia and yusuf:
        file, new = m.start(
            "wijkbudget",
            giulia,
            title="Startsubsidie voor de buurtmoestuin in Zwartberg",
            description=(
                "De stad geeft het terrein in bruikleen en levert de bakken. Met het wijkbudget kopen we zaden, "
                "gereedschap, een regenton en een tuinhuisje voor het materiaal."
            ),
            amount="2300",
            address="Zwartbergstraat 3",
            group=[(yusuf, "Zwartbergstraat 9")] + group("sofie", "luca", "linda"),
            neighbourhood=_neighbourhood("zwartberg-noord"),
            initiative=initiative("Buurtmoestuin in Zwartberg"),
            lines=[
                (cost, "Tuinhuisje", "1400"),
                (cost, "Gereedschap en zaden", "700"),
                (cost, "Regenton", "300"),
                (income, "Eigen bijdrage (huur van de bakken)", "100"),
            ],
        )
        if new:
            m.submit(file, giulia)
            m.intake(file)
            m.assess(file, amount="2300")
            m.propose(file, amount="2300")
            m.decide(file, amount="2300", decided_on=today - timedelta(days=12))
            m.pay(file, Payment.Kind.ADVANCE, "1840.00")

    # 7. Report submitted.
    file, new = m.start(
        "wijkbudget",
        n["yasmina"][0],
        title="Insectenhotels in de Kolderbosstraat",
        description=(
            "Met de kinderen van de straat bouwen we tien insectenhotels voor de voortuintjes en het plantsoen, "
            "met een workshop van een imker."
        ),
        amount="800",
        address=n["yasmina"][1],
        group=group("jef", "olga", "ricardo", "greet"),
        neighbourhood=_neighbourhood("kolderbos"),
        starts_on=today - timedelta(days=90),
        ends_on=today - timedelta(days=20),
        lines=[(cost, "Hout en materiaal", "550"), (cost, "Workshop imker", "250")],
    )
    if new:
        m.submit(file, n["yasmina"][0])
        m.intake(file)
        m.assess(file, amount="800")
        m.propose(file, amount="800")
        m.decide(file, amount="800", decided_on=today - timedelta(days=100))
        m.pay(file, Payment.Kind.ADVANCE, "640.00")
        m.report(
            file,
            n["yasmina"][0],
            "780.50",
            "Twaalf kinderen bouwden tien insectenhotels. De imker kwam twee keer. Er wonen al metselbijen in!",
        )

    # 8. Refused: a street party is excluded.
    file, new = m.start(
        "wijkbudget",
        n["hakan"][0],
        title="Straatfeest in Sledderlo",
        description=(
            "Een groot straatfeest met een springkasteel, een DJ en een barbecue voor de hele straat op de "
            "laatste zaterdag van augustus."
        ),
        amount="2500",
        address=n["hakan"][1],
        group=group("roos", "pieter", "rukiye", "jan"),
        neighbourhood=_neighbourhood("oud-sledderlo"),
        lines=[(cost, "Springkasteel", "600"), (cost, "DJ", "900"), (cost, "Barbecue", "1200")],
    )
    if new:
        m.submit(file, n["hakan"][0])
        m.intake(file)
        m.assess(file, recommendation="refuse", score=1)
        m.propose(
            file,
            outcome="refused",
            text="Het reglement sluit straat- en wijkfeesten uit. Een evenementenloket kan helpen met het feest.",
        )
        m.decide(
            file,
            outcome="refused",
            decided_on=today - timedelta(days=5),
            text=(
                "Het wijkbudget is niet bedoeld voor de organisatie van straat- of wijkfeesten (reglement wijkbudget). "
                "Het college weigert de subsidie."
            ),
        )

    # Subsidy for citizen initiatives.
    # 9. An association's project: report approved, balance to pay.
    if association is not None:
        file, new = m.start(
            "subsidie-burgerinitiatieven",
            rep,
            applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
            organisation=association,
            title="Huiswerkklas in het buurthuis van Winterslag",
            description=(
                "Twee namiddagen per week helpen vrijwilligers kinderen van de lagere school met hun huiswerk, "
                "met een vieruurtje en een leeshoek. We werken samen met de twee scholen van de wijk."
            ),
            amount="4200",
            neighbourhood=_neighbourhood("winterslag-1"),
            starts_on=today - timedelta(days=300),
            ends_on=today - timedelta(days=60),
            lines=[
                (cost, "Vieruurtjes", "1800"),
                (cost, "Boeken en materiaal", "1600"),
                (cost, "Vorming vrijwilligers", "1200"),
                (income, "Bijdrage van de scholen", "400"),
            ],
        )
        if new:
            m.submit(file, rep)
            m.intake(file, assessors=[m.staff, m.director])
            m.assess(file, amount="4000")
            m.propose(file, amount="4000")
            m.decide(file, amount="4000", decided_on=today - timedelta(days=280))
            m.pay(file, Payment.Kind.ADVANCE, "2400.00")
            m.report(file, rep, "3850.00", "Veertig kinderen kwamen geregeld; de scholen vragen om door te gaan.")
            workflow.approve_report(file, m.staff, amount_recovered=Decimal("150.00"))

    # 10. Closed last year (the Repair Café's initiators with a neighbour).
    annelies = people.get("annelies") or resident
    file, new = m.start(
        "subsidie-burgerinitiatieven",
        annelies,
        title="Repair Café: gereedschapskoffers",
        description=(
            "Vijf gereedschapskoffers voor de vrijwillige herstellers van het Repair Café, zodat ze ook in de "
            "buurthuizen van andere wijken kunnen herstellen."
        ),
        amount="1250",
        address="Vennestraat 3",
        group=group("pieter", "rukiye"),
        neighbourhood=_neighbourhood("winterslag-1"),
        initiative=initiative("Repair Café in Winterslag"),
        starts_on=date(today.year - 1, 3, 1),
        ends_on=date(today.year - 1, 6, 30),
        lines=[
            (cost, "Vijf gereedschapskoffers", "1100"),
            (cost, "Soldeerstations", "300"),
            (income, "Verkoop koffie", "150"),
        ],
    )
    if new:
        m.submit(file, annelies)
        m.intake(file)
        m.assess(file, amount="1250")
        m.propose(file, amount="1250")
        m.decide(file, amount="1250", decided_on=date(today.year - 1, 2, 20))
        m.pay(file, Payment.Kind.ADVANCE, "750.00")
        m.report(file, annelies, "1400.00", "Het Repair Café herstelde 214 toestellen in zes wijken.")
        workflow.approve_report(file, m.staff)
        m.pay(file, Payment.Kind.BALANCE, "500.00")
        workflow.close(file, m.staff)
        backdate(file, 200)

    # 11. Withdrawn: the bicycle repair point (redirected to this scheme, then paid by a sponsor).
    marc = people.get("marc")
    fiets = initiative("Fietsherstelpunt aan het station") if marc else None
    marc = marc or n["hakan"][0]  # without the initiatives' demo: a neighbour
    if marc:
        file, new = m.start(
            "subsidie-burgerinitiatieven",
            marc,
            title="Fietsherstelpunt aan het station",
            description=(
                "Een zelfherstelpunt met een pomp en vastgemaakt gereedschap aan de fietsenstalling van het "
                "station, voor pendelaars en scholieren."
            ),
            amount="2200",
            address="Stationsstraat 40",
            group=group("anja", "gianni"),
            city_wide=True,
            initiative=fiets,
            lines=[(cost, "Herstelpunt met pomp", "2400")],
        )
        if new:
            m.submit(file, marc)
            workflow.withdraw(file, marc, reason="Een fietsenwinkel uit het centrum betaalt het herstelpunt.")

    # International solidarity: North-South organisations.
    orgs = {}
    for slug, name, kind, number in ORGANISATIONS:
        orgs[slug], _created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "enterprise_number": number}
        )
    kasai_rep = _user("kasai@demo.samen.genk.be", "Jean-Pierre Mbuyi", year_of_birth=1966)
    tamale_rep = _user("tamale@demo.samen.genk.be", "Abena Mensah", year_of_birth=1983)
    for user, slug in ((kasai_rep, "genk-kasai-voorbeeld"), (tamale_rep, "waterputten-voor-tamale-voorbeeld")):
        OrganisationMembership.objects.get_or_create(
            organisation=orgs[slug], user=user, role=OrganisationMembership.Role.REPRESENTATIVE
        )

    # 12. Granted, advance and balance paid (report due).
    file, new = m.start(
        "subsidie-internationale-solidariteit",
        kasai_rep,
        applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
        organisation=orgs["genk-kasai-voorbeeld"],
        title="Zonnepanelen voor de kraamkliniek van Tshikapa",
        description=(
            "Met onze partner in Tshikapa (DR Congo) plaatsen we zonnepanelen en batterijen op de kraamkliniek, "
            "zodat bevallingen 's nachts niet meer bij zaklampen gebeuren. In Genk vertellen we het verhaal op "
            "de Wereldmarkt."
        ),
        amount="5000",
        city_wide=True,
        lines=[
            (cost, "Zonnepanelen en batterijen", "7200"),
            (cost, "Transport en installatie", "1800"),
            (income, "Eigen fondsenwerving", "3000"),
            (income, "Provincie Limburg", "1000"),
        ],
    )
    if new:
        m.submit(file, kasai_rep)
        m.intake(file, assessors=[m.world, m.staff])
        m.assess(file, amount="5000")
        m.propose(file, amount="4500")
        m.decide(file, amount="4500", decided_on=today - timedelta(days=40))
        m.pay(file, Payment.Kind.ADVANCE, "3375.00")

    # 13. In assessment, the other organisation (its scheme's window permitting).
    file, new = m.start(
        "subsidie-internationale-solidariteit",
        tamale_rep,
        applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
        organisation=orgs["waterputten-voor-tamale-voorbeeld"],
        title="Een waterput voor de school van Kpalsi",
        description=(
            "Met de oudervereniging van de basisschool van Kpalsi (Tamale, Ghana) boren we een waterput met "
            "handpomp, en leggen we een moestuin aan die de schoolmaaltijden aanvult."
        ),
        amount="3800",
        city_wide=True,
        lines=[
            (cost, "Boring en handpomp", "4100"),
            (cost, "Moestuin en omheining", "900"),
            (income, "Benefietavond in Genk", "1200"),
        ],
    )
    if new and file.scheme.is_open(today):
        m.submit(file, tamale_rep)
        m.intake(file)

    ctx["stdout"].write(
        f"  subsidies: {Scheme.objects.count()} schemes, {SubsidyFile.objects.count()} files in "
        f"{SubsidyFile.objects.values('status').distinct().count()} states"
    )
