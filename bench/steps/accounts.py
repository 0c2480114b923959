"""Residents, civil servants (with MFA) in departments, organisations with their people."""

from datetime import date, timedelta

from bench import seed
from bench.distribution import allocate, geometry_area, weights, year_of_birth

# Invented names in the mix of a city with more than a hundred nationalities.
FIRST_NAMES = [
    "Jan", "Marleen", "Luc", "Sofie", "Dirk", "An", "Koen", "Els", "Wim", "Lotte", "Tom", "Nele",
    "Giuseppe", "Maria", "Salvatore", "Rosa", "Antonio", "Giulia", "Mehmet", "Fatma", "Ahmet", "Ayşe",
    "Mustafa", "Elif", "Emre", "Zeynep", "Mohamed", "Nadia", "Youssef", "Salma", "Karim", "Imane",
    "Dimitris", "Eleni", "Piotr", "Agnieszka", "Andrei", "Ioana", "Thabo", "Amahle", "Ana", "José",
    "Ibrahim", "Hatice", "Bilal", "Sara", "Lukas", "Emma", "Noah", "Olivia", "Adam", "Lina",
]  # fmt: skip
LAST_NAMES = [
    "Peeters", "Janssens", "Vanhees", "Claes", "Maes", "Jacobs", "Mertens", "Willems", "Vandebroek",
    "Ramaekers", "Vanderhoven", "Hendrikx", "Russo", "Esposito", "Bianchi", "Lombardo", "Greco",
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "El Amrani", "Benali", "Bouzid", "El Idrissi",
    "Papadopoulos", "Nowak", "Kowalski", "Popescu", "Molefe", "Dlamini", "Garcia", "Fernandes",
    "Aydın", "Arslan", "Haddou", "Ouali", "Schepers", "Thijs", "Swinnen", "Vrancken", "Bollen",
]  # fmt: skip

# (language, share %) of the interface language people choose; (frequency, share %) of e-mail.
LANGUAGES = [("nl", 86), ("en", 8), ("fr", 6)]
FREQUENCIES = [("immediately", 55), ("daily", 30), ("never", 15)]


def _pick(rng, table):
    return rng.choices([value for value, _ in table], weights=[share for _, share in table])[0]


def name(rng) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def resident_plan(total: int, city_population: int) -> tuple[dict, dict]:
    """Residents per wijk (pk → count) and the basis of each wijk's share."""
    from neighbourhoods.models import Neighbourhood

    rows = list(Neighbourhood.objects.values_list("pk", "population", "boundary"))
    if not rows:
        raise RuntimeError("No wijken loaded: the neighbourhoods step must run first.")
    population = {pk: pop for pk, pop, _ in rows}
    area = {pk: geometry_area(boundary) for pk, _, boundary in rows}
    wijk_weights, basis = weights(population, area, city_population)
    return allocate(total, wijk_weights), basis


@seed.step(order=20)
def residents(ctx: seed.SeedContext) -> str:
    """`ctx.residents` accounts spread over the wijken by population share (by area where
    the population is unknown), with a verified primary e-mail address each."""
    from allauth.account.models import EmailAddress
    from django.conf import settings

    from genk.accounts.models import User

    per_wijk, basis = resident_plan(ctx.residents, settings.GENK_POPULATION)
    by_area = sum(1 for b in basis.values() if b == "area")
    share = f"share by population for {len(basis) - by_area} wijken, by area for {by_area}"
    existing = User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}").count()
    verified = EmailAddress.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}", verified=True).count()
    if existing >= ctx.residents and verified >= ctx.residents:
        return f"{existing:,} residents already there ({share})"

    homes = [pk for pk, count in sorted(per_wijk.items()) for _ in range(count)]
    ctx.rng("homes").shuffle(homes)
    rng = ctx.rng("residents")
    this_year = ctx.now.year

    def users():
        for index, home in enumerate(homes):
            joined = ctx.moment(rng, days=3 * 365)
            yield User(
                email=seed.resident_email(index),
                password=ctx.password_hash,
                display_name=name(rng),
                year_of_birth=year_of_birth(rng, this_year),
                neighbourhood_id=home,
                language=_pick(rng, LANGUAGES),
                notification_frequency=_pick(rng, FREQUENCIES),
                residency_verified_at=joined + timedelta(days=rng.randint(0, 30)) if rng.random() < 0.7 else None,
                date_joined=joined,
                last_login=joined + timedelta(days=rng.randint(0, 300)) if rng.random() < 0.8 else None,
            )

    seed.bulk_insert(User, users())
    ctx.data.pop("resident_ids", None)
    ids = ctx.resident_ids()
    emails = (
        EmailAddress(user_id=pk, email=seed.resident_email(i), verified=True, primary=True) for i, pk in enumerate(ids)
    )
    seed.bulk_insert(EmailAddress, emails)
    return f"{len(ids):,} residents with verified e-mail ({share})"


# slug, name, e-mail, share of the civil servants on the portal (%). The first five are the
# demo's departments (same slugs), the others the rest of a city administration.
DEPARTMENTS = [
    ("participatie", "Participatie en Wijkwerking", "participatie@genk.be", 10),
    ("gebiedsgerichte-werking", "Gebiedsgerichte werking", "wijkregie@genk.be", 15),
    ("wereldburgerschap", "Wereldburgerschap", "wereldburgerschap@genk.be", 4),
    ("subsidies", "Subsidies en Verenigingen", "subsidies@genk.be", 8),
    ("vrijwilligerspunt", "Vrijwilligerspunt", "vrijwilligers@genk.be", 4),
    ("welzijn", "Welzijn en Zorg", "welzijn@genk.be", 12),
    ("jeugd", "Jeugd", "jeugd@genk.be", 7),
    ("cultuur", "Cultuur en Erfgoed", "cultuur@genk.be", 8),
    ("sport", "Sport", "sport@genk.be", 6),
    ("onderwijs", "Onderwijs en Kinderopvang", "onderwijs@genk.be", 8),
    ("mobiliteit", "Mobiliteit en Openbaar Domein", "mobiliteit@genk.be", 10),
    ("communicatie", "Communicatie", "communicatie@genk.be", 8),
]
JOB_TITLES = ["Medewerker", "Beleidsmedewerker", "Projectmedewerker", "Dossierbeheerder", "Coördinator"]


@seed.step(order=30)
def civil_servants(ctx: seed.SeedContext) -> str:
    """About 400 civil servants in 12 departments (the first of each is its head), every one
    with TOTP and recovery codes enrolled, as staff must."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import generate_totp_secret
    from allauth.mfa.utils import encrypt

    from genk.accounts.models import Department, DepartmentMembership

    total = ctx.scaled(400, minimum=2 * len(DEPARTMENTS))
    per_department = allocate(total - len(DEPARTMENTS), {slug: share for slug, *_, share in DEPARTMENTS})
    rng = ctx.rng("civil_servants")
    departments = {}
    for slug, title, email, _share in DEPARTMENTS:
        departments[slug], _ = Department.objects.get_or_create(slug=slug, defaults={"name": title, "email": email})
    staff: dict[str, list[int]] = {}
    memberships = []
    for slug, *_ in DEPARTMENTS:
        people = ctx.people(per_department[slug] + 1)
        staff[slug] = people
        for number, user_id in enumerate(people):
            head = number == 0
            memberships.append(
                DepartmentMembership(
                    department=departments[slug],
                    user_id=user_id,
                    role=DepartmentMembership.Role.HEAD if head else DepartmentMembership.Role.STAFF,
                    job_title="Diensthoofd" if head else rng.choice(JOB_TITLES),
                    start=date(rng.randint(2005, 2024), rng.randint(1, 12), 1),
                )
            )
    seed.bulk_insert(DepartmentMembership, memberships)
    everyone = sorted({pk for people in staff.values() for pk in people})
    with_mfa = set(
        Authenticator.objects.filter(user_id__in=everyone, type=Authenticator.Type.TOTP).values_list(
            "user_id", flat=True
        )
    )
    authenticators = []
    for user_id in everyone:
        if user_id in with_mfa:
            continue
        authenticators.append(
            Authenticator(
                user_id=user_id, type=Authenticator.Type.TOTP, data={"secret": encrypt(generate_totp_secret())}
            )
        )
        authenticators.append(
            Authenticator(
                user_id=user_id,
                type=Authenticator.Type.RECOVERY_CODES,
                data={"seed": encrypt(RecoveryCodes.generate_seed()), "used_mask": 0},
            )
        )
    seed.bulk_insert(Authenticator, authenticators)
    ctx.data["department_staff"] = staff
    ctx.data["civil_servant_ids"] = everyone
    return f"{len(departments)} departments, {len(everyone)} civil servants with MFA"


# kind, share %, name patterns ({wijk} is the wijk's name)
ORGANISATION_KINDS = [
    ("association", 62, ["Buurtvereniging {wijk}", "Voetbalclub {wijk}", "Harmonie {wijk}", "Turnkring {wijk}",
                         "Seniorenvereniging {wijk}", "Jeugdhuis {wijk}", "Wandelclub {wijk}", "Buurtcomité {wijk}",
                         "Moestuinvereniging {wijk}", "Cultuurkring {wijk}", "Schaakclub {wijk}", "Fietsclub {wijk}"]),
    ("school", 8, ["Basisschool {wijk}", "Oudervereniging basisschool {wijk}"]),
    ("company", 12, ["Bakkerij {wijk}", "Garage {wijk}", "Apotheek {wijk}", "Handelaarsvereniging {wijk}"]),
    ("foundation", 6, ["Stichting Samen {wijk}", "vzw Thuis in {wijk}"]),
    ("north_south", 4, ["Noord-Zuidgroep {wijk}", "Vriendenkring Francistown {wijk}"]),
    ("other", 8, ["Feitelijke vereniging {wijk}", "Bewonersgroep {wijk}"]),
]  # fmt: skip


@seed.step(order=50)
def organisations(ctx: seed.SeedContext) -> str:
    """About 600 organisations, each with one or two representatives; half of them have a
    volunteer coordinator."""
    from genk.accounts.models import Organisation, OrganisationMembership
    from neighbourhoods.models import Neighbourhood

    total = ctx.scaled(600, minimum=10)
    rng = ctx.rng("organisations")
    wijken = list(Neighbourhood.objects.order_by("name").values_list("pk", "name"))
    names_used: dict[str, int] = {}
    planned = []
    for number in range(total):
        kind, _share, patterns = rng.choices(ORGANISATION_KINDS, weights=[k[1] for k in ORGANISATION_KINDS])[0]
        wijk_pk, wijk_name = rng.choice(wijken)
        base = rng.choice(patterns).format(wijk=wijk_name)
        names_used[base] = names_used.get(base, 0) + 1
        title = base if names_used[base] == 1 else f"{base} {names_used[base]}"
        planned.append(
            Organisation(
                slug=f"{seed.SLUG_PREFIX}org-{number:04d}",
                name=title,
                kind=kind,
                neighbourhood_id=wijk_pk,
                description="Een organisatie van de benchmarkdata (verzonnen).",
            )
        )
    seed.bulk_insert(Organisation, planned)
    ids = dict(Organisation.objects.filter(slug__startswith=seed.SLUG_PREFIX).values_list("slug", "pk"))
    memberships = []
    for organisation in planned:
        pk = ids[organisation.slug]
        for user_id in ctx.people(rng.choice([1, 1, 2])):
            memberships.append(OrganisationMembership(organisation_id=pk, user_id=user_id, role="representative"))
        if rng.random() < 0.5:
            user_id = ctx.people(1)[0]
            memberships.append(
                OrganisationMembership(organisation_id=pk, user_id=user_id, role="volunteer_coordinator")
            )
    seed.bulk_insert(OrganisationMembership, memberships)
    coordinators = sum(1 for m in memberships if m.role == "volunteer_coordinator")
    return (
        f"{len(planned)} organisations, {len(memberships) - coordinators} representatives, {coordinators} coordinators"
    )


@seed.on_reset
def delete_organisations():
    from genk.accounts.models import Organisation

    Organisation.objects.filter(slug__startswith=seed.SLUG_PREFIX).delete()
