"""Demo personas: one account per role. Names are invented; roles are data."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from genk.core import demo

from .models import Department, DepartmentMembership, Organisation, OrganisationMembership, User

DEMO_PASSWORD = "Genk-demo-2026"

# The staff personas: they get a TOTP authenticator and recovery codes at the first run.
MFA_PERSONAS = ["civil_servant", "neighbourhood_director", "worldcitizenship_officer", "admin"]

DEPARTMENTS = [
    ("participatie", "Participatie en Wijkwerking", "participatie@genk.be"),
    ("gebiedsgerichte-werking", "Gebiedsgerichte werking", "wijkregie@genk.be"),
    ("wereldburgerschap", "Wereldburgerschap", "wereldburgerschap@genk.be"),
    ("subsidies", "Subsidies en Verenigingen", "subsidies@genk.be"),
    ("vrijwilligerspunt", "Vrijwilligerspunt", "vrijwilligers@genk.be"),
]

PERSONAS = [
    # key, role label, email, display name, year of birth
    ("resident", "inwoner", "inwoner@demo.samen.genk.be", "Fatma Yılmaz", 1988),
    ("organisation_rep", "vertegenwoordiger organisatie", "vereniging@demo.samen.genk.be", "Luc Vanhees", 1967),
    ("civil_servant", "medewerker (dienst Participatie)", "medewerker@demo.samen.genk.be", "Sofie Claes", 1984),
    ("council_member", "lid adviesraad", "adviesraad@demo.samen.genk.be", "Giuseppe Russo", 1952),
    ("neighbourhood_director", "wijkregisseur", "wijkregisseur@demo.samen.genk.be", "Nadia El Amrani", 1979),
    ("volunteer_coordinator", "vrijwilligerscoördinator", "vrijwilligers@demo.samen.genk.be", "Marleen Peeters", 1971),
    (
        "worldcitizenship_officer",
        "medewerker wereldburgerschap",
        "wereldburger@demo.samen.genk.be",
        "Thabo Molefe",
        1990,
    ),
    ("admin", "beheerder", "beheer@demo.samen.genk.be", "Beheerder Samen Genk", 1980),
]


def _user(email, name, year, **extra):
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": name, "year_of_birth": year, "language": "nl", **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def enroll_totp(user):
    """Enrol `user` in TOTP (a new random secret at the first run) and return the secret
    and the unused recovery codes, read back from the database on later runs."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        totp = TOTP.activate(user, generate_totp_secret()).instance
    codes = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    if codes is None:
        codes = RecoveryCodes.activate(user).instance
    return get_adapter().decrypt(totp.data["secret"]), RecoveryCodes(codes).get_unused_codes()


@demo.step(order=10)
def personas(ctx):
    departments = {
        slug: Department.objects.get_or_create(slug=slug, defaults={"name": name, "email": email})[0]
        for slug, name, email in DEPARTMENTS
    }
    ctx["departments"] = departments
    for key, role, email, name, year in PERSONAS:
        extra = {"is_staff": True, "is_superuser": True} if key == "admin" else {}
        user = _user(email, name, year, **extra)
        ctx["personas"][key] = {"role": role, "user": user}

    def member(key, slug, title):
        DepartmentMembership.objects.get_or_create(
            department=departments[slug], user=ctx["personas"][key]["user"], defaults={"job_title": title}
        )

    member("civil_servant", "participatie", "Participatiemedewerker")
    member("neighbourhood_director", "gebiedsgerichte-werking", "Wijkregisseur")
    member("worldcitizenship_officer", "wereldburgerschap", "Beleidsmedewerker wereldburgerschap")

    organisation, _ = Organisation.objects.get_or_create(
        slug="buurtvereniging-winterslag-voorbeeld",
        defaults={
            "name": "Buurtvereniging Winterslag (voorbeeld)",
            "kind": Organisation.Kind.ASSOCIATION,
            "description": "Een voorbeeldvereniging voor de demo.",
        },
    )
    OrganisationMembership.objects.get_or_create(
        organisation=organisation, user=ctx["personas"]["organisation_rep"]["user"], role="representative"
    )
    volunteer_desk, _ = Organisation.objects.get_or_create(
        slug="vzw-samen-sterk-voorbeeld",
        defaults={"name": "vzw Samen Sterk (voorbeeld)", "kind": Organisation.Kind.ASSOCIATION},
    )
    OrganisationMembership.objects.get_or_create(
        organisation=volunteer_desk,
        user=ctx["personas"]["volunteer_coordinator"]["user"],
        role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR,
    )
    ctx["organisations"] = {"association": organisation, "volunteer_desk": volunteer_desk}

    for key in MFA_PERSONAS:
        persona = ctx["personas"][key]
        persona["totp_secret"], persona["recovery_codes"] = enroll_totp(persona["user"])
