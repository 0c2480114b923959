import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from factory.django import DjangoModelFactory

from genk.accounts.models import Department, DepartmentMembership, Organisation, OrganisationMembership, User
from neighbourhoods.models import District, Neighbourhood, TeamMembership
from participation.councils.models import Council, CouncilMembership


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.be")
    display_name = factory.Sequence(lambda n: f"Persoon {n}")
    year_of_birth = 1985
    language = "nl"
    password = factory.PostGenerationMethodCall("set_password", "een-sterk-wachtwoord")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        if extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def enroll_mfa(user) -> str:
    """Give `user` a TOTP authenticator and recovery codes; returns the TOTP secret."""
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)).instance.data["secret"]
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Stadsdeel {n}")
    slug = factory.Sequence(lambda n: f"stadsdeel-{n}")


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"TEST{n:04d}")
    name = factory.Sequence(lambda n: f"Testwijk {n}")
    slug = factory.Sequence(lambda n: f"testwijk-{n}")
    district = factory.SubFactory(DistrictFactory)
    population = 2000
    population_year = 2024


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Dienst {n}")
    slug = factory.Sequence(lambda n: f"dienst-{n}")


class DepartmentMembershipFactory(DjangoModelFactory):
    class Meta:
        model = DepartmentMembership

    department = factory.SubFactory(DepartmentFactory)
    user = factory.SubFactory(UserFactory)
    job_title = "Medewerker"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Vereniging {n}")
    slug = factory.Sequence(lambda n: f"vereniging-{n}")


class OrganisationMembershipFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class TeamMembershipFactory(DjangoModelFactory):
    class Meta:
        model = TeamMembership

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamMembership.Role.DIRECTOR
    public_email = factory.LazyAttribute(lambda o: "wijkregie@genk.be")


class CouncilFactory(DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Adviesraad {n}")
    slug = factory.Sequence(lambda n: f"adviesraad-{n}")


class CouncilMembershipFactory(DjangoModelFactory):
    class Meta:
        model = CouncilMembership

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)
