"""Demo figures: the demo director directs two wijken (Oud-Winterslag and Winterslag 1), a
head of the area-work department sees the district and city dashboards, every wijk gets an
*example* population (marked as such: not Statbel's figures), and a year of daily figures is
stored from the demo data of every app (the same task as in production, so the numbers match
the lists behind them). Idempotent."""

from datetime import date, timedelta

from django.utils import timezone

from genk.core import demo
from neighbourhoods.models import Neighbourhood, TeamMembership

from . import services
from .rules import area_work_department

SECOND_WIJK = "71016W28"  # Winterslag 1
EXAMPLE_SOURCE = "Voorbeeldcijfer voor de demo (geen officieel cijfer)"
MANAGER = ("area_work_head", "diensthoofd Gebiedsgerichte werking", "diensthoofd.wijken@demo.samen.genk.be")


def _manager(ctx):
    from allauth.account.models import EmailAddress

    from genk.accounts.demo import DEMO_PASSWORD, enroll_totp
    from genk.accounts.models import Department, DepartmentMembership, User

    key, role, email = MANAGER
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": "Karel Houben", "year_of_birth": 1969, "language": "nl"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    department, _created = Department.objects.get_or_create(
        slug=area_work_department(), defaults={"name": "Gebiedsgerichte werking", "email": "wijkregie@genk.be"}
    )
    DepartmentMembership.objects.update_or_create(
        department=department, user=user, defaults={"role": "head", "job_title": "Diensthoofd (voorbeeld)"}
    )
    persona = {"role": role, "user": user}
    persona["totp_secret"], persona["recovery_codes"] = enroll_totp(user)
    ctx["personas"][key] = persona


@demo.step(order=90)
def dashboards(ctx):
    director = ctx["personas"]["neighbourhood_director"]["user"]
    second = Neighbourhood.objects.filter(code=SECOND_WIJK).first()
    if second is not None:
        TeamMembership.objects.get_or_create(neighbourhood=second, user=director, role=TeamMembership.Role.DIRECTOR)
    _manager(ctx)
    # Example populations: a plausible size per wijk, clearly marked (31 wijken, about 68,000
    # residents in total). Never overwrites a figure that is not an example.
    reference = date(timezone.localdate().year, 1, 1)
    for index, wijk in enumerate(Neighbourhood.objects.order_by("code")):
        if wijk.population_figures.filter(is_example=False).exists():
            continue
        services.record_population(
            wijk, 800 + (index * 397) % 3600, reference, source=EXAMPLE_SOURCE, estimated=True, example=True
        )
    today = timezone.localdate()
    written = services.backfill(today - timedelta(days=365), today - timedelta(days=1))
    ctx["stdout"].write(f"  dashboards: {written} daily figures over the last year; director of 2 wijken")
