"""The city-scale seed, at a small scale: 500 residents."""

import io

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import Count

from bench import seed
from bench.steps.accounts import DEPARTMENTS, resident_plan
from bench.steps.councils import COUNCILS
from genk.accounts.models import DepartmentMembership, Organisation, OrganisationMembership, User
from genk.core.models import AuditLogEntry, Notification
from neighbourhoods.models import Neighbourhood, TeamMembership
from participation.councils.models import CouncilMembership
from worldcitizenship.models import Goal

RESIDENTS = 500


def run_seed(residents=RESIDENTS):
    out = io.StringIO()
    seed.run(seed.SeedContext(residents=residents, write=lambda line: print(line, file=out)))
    return out.getvalue()


def counts():
    bench_users = User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}")
    return {
        "users": bench_users.count(),
        "emails": EmailAddress.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}").count(),
        "departments": DepartmentMembership.objects.count(),
        "authenticators": Authenticator.objects.count(),
        "teams": TeamMembership.objects.count(),
        "organisations": Organisation.objects.count(),
        "organisation_members": OrganisationMembership.objects.count(),
        "councils": CouncilMembership.objects.count(),
        "notifications": Notification.objects.count(),
        "audit": AuditLogEntry.objects.count(),
        "wijken": Neighbourhood.objects.count(),
        "goals": Goal.objects.count(),
    }


@pytest.fixture
def seeded(db):
    return run_seed()


def test_residents_are_spread_over_the_31_wijken_by_share(seeded):
    assert Neighbourhood.objects.count() == 31
    per_wijk = dict(
        User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}")
        .values_list("neighbourhood")
        .annotate(n=Count("pk"))
        .values_list("neighbourhood", "n")
    )
    assert None not in per_wijk
    assert sum(per_wijk.values()) == RESIDENTS
    plan, basis = resident_plan(RESIDENTS, settings.GENK_POPULATION)
    assert len(basis) == 31
    for wijk in Neighbourhood.objects.all():
        assert per_wijk.get(wijk.pk, 0) == plan[wijk.pk]
    # Proportional: the biggest share gets more people than the smallest.
    assert max(per_wijk.values()) > min(per_wijk.values())


def test_residents_are_verified_with_realistic_profiles(seeded):
    residents = User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}")
    assert EmailAddress.objects.filter(user__in=residents, verified=True, primary=True).count() == RESIDENTS
    assert residents.filter(notification_frequency=User.NotificationFrequency.DAILY).count() > RESIDENTS // 10
    assert residents.filter(year_of_birth__isnull=True).count() == 0
    years = residents.values_list("year_of_birth", flat=True)
    assert min(years) >= 1925 and max(years) <= 2015
    assert residents.get(email=seed.BENCH_RESIDENT_EMAIL).check_password(seed.PASSWORD)


def test_roles_exist(seeded):
    heads = DepartmentMembership.objects.filter(role=DepartmentMembership.Role.HEAD)
    assert heads.values("department").distinct().count() == len(DEPARTMENTS)
    civil_servants = User.objects.filter(department_memberships__isnull=False).distinct()
    assert civil_servants.count() >= 24
    assert all(user.is_city_staff and user.has_mfa for user in civil_servants)
    for wijk in Neighbourhood.objects.all():
        team = wijk.team.all()
        assert team.filter(role=TeamMembership.Role.DIRECTOR).count() == 1
        assert 2 <= team.exclude(role=TeamMembership.Role.DIRECTOR).count() <= 4
    organisations = Organisation.objects.filter(slug__startswith=seed.SLUG_PREFIX)
    assert organisations.count() >= 10
    assert not organisations.filter(memberships__isnull=True).exists()
    assert OrganisationMembership.objects.filter(role="volunteer_coordinator").exists()
    assert CouncilMembership.objects.values("council").distinct().count() == len(COUNCILS)
    assert CouncilMembership.objects.filter(role="chair").count() == len(COUNCILS)


def test_notifications_and_audit_log_have_data(seeded):
    bench_resident = User.objects.get(email=seed.BENCH_RESIDENT_EMAIL)
    assert bench_resident.notifications.count() == 60
    assert bench_resident.notifications.filter(read_at__isnull=True).exists()
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()  # no digest goes out for them
    assert AuditLogEntry.objects.count() >= 100
    # The timestamps are spread over the past, not all "now".
    assert AuditLogEntry.objects.dates("created", "day").count() > 30


def test_running_twice_adds_nothing(seeded):
    before = counts()
    report = run_seed()
    assert counts() == before
    assert "already there" in report


def test_reset_removes_the_seeded_data(seeded):
    seed.reset(write=io.StringIO().write)
    assert not User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}").exists()
    assert not Organisation.objects.filter(slug__startswith=seed.SLUG_PREFIX).exists()
    assert AuditLogEntry.objects.count() == 0
    assert Notification.objects.count() == 0
    run_seed()
    assert User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}").count() == RESIDENTS


def test_the_seeded_pages_work_for_the_bench_accounts(seeded, client):
    resident = User.objects.get(email=seed.BENCH_RESIDENT_EMAIL)
    client.force_login(resident)
    response = client.get("/meldingen/")
    assert response.status_code == 200
    assert resident.notifications.order_by("-created", "-pk").first().subject in response.content.decode()

    head = DepartmentMembership.objects.filter(department__slug="participatie", role="head").get().user
    client.force_login(head)
    response = client.get("/beheer/auditlog/")
    assert response.status_code == 200
    assert AuditLogEntry.objects.first().action in response.content.decode()
