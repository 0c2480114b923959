"""The city-scale seed, at a small scale: 500 residents."""

import io
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import Count, F

from bench import seed
from bench.steps.accounts import DEPARTMENTS, resident_plan
from bench.steps.councils import COUNCILS
from bench.steps.worldcitizenship import SDG_ORG_PREFIX
from genk.accounts.models import DepartmentMembership, Organisation, OrganisationMembership, User
from genk.core.models import AuditLogEntry, Notification
from initiatives.models import Comment, Initiative, Support
from initiatives.subsidies.models import SubsidyFile
from neighbourhoods.models import Neighbourhood, TeamMembership
from participation.budgets import services as budget_services
from participation.budgets.models import Ballot, BallotChoice, Cycle, Phase, Proposal, VoterRecord
from participation.councils.models import AgendaDocument, Council, CouncilMembership, Meeting
from participation.councils.storage import private_storage
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
        "council_meetings": Meeting.objects.count(),
        "notifications": Notification.objects.count(),
        "audit": AuditLogEntry.objects.count(),
        "wijken": Neighbourhood.objects.count(),
        "goals": Goal.objects.count(),
        "initiatives": Initiative.objects.count(),
        "supports": Support.objects.count(),
        "comments": Comment.objects.count(),
        "budget_projects": Proposal.objects.count(),
        "ballots": Ballot.objects.count(),
        "ballot_choices": BallotChoice.objects.count(),
        "subsidy_files": SubsidyFile.objects.count(),
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
    # The accounts step's organisations all have people; the solidarity directory's (the
    # worldcitizenship step) are listed without representatives, as many are in reality.
    organisations = Organisation.objects.filter(slug__startswith=seed.SLUG_PREFIX).exclude(
        slug__startswith=SDG_ORG_PREFIX
    )
    assert organisations.count() >= 10
    assert not organisations.filter(memberships__isnull=True).exists()
    assert OrganisationMembership.objects.filter(role="volunteer_coordinator").exists()
    # The roles step gives each of Genk's councils a chair, a vice-chair, a secretary and
    # members (other steps add councils of their own: only these eight are asserted on).
    for slug, _name, _size in COUNCILS:
        council = Council.objects.get(slug=slug)
        roles = list(council.memberships.values_list("role", flat=True))
        assert roles.count("chair") == roles.count("vice_chair") == roles.count("secretary") == 1, slug
        assert len(roles) >= 4, slug
        assert not council.memberships.exclude(user__email__endswith=f"@{seed.EMAIL_DOMAIN}").exists()


def test_notifications_and_audit_log_have_data(seeded):
    bench_resident = User.objects.get(email=seed.BENCH_RESIDENT_EMAIL)
    assert bench_resident.notifications.count() == 60
    assert bench_resident.notifications.filter(read_at__isnull=True).exists()
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()  # no digest goes out for them
    assert AuditLogEntry.objects.count() >= 100
    # The timestamps are spread over the past, not all "now".
    assert AuditLogEntry.objects.dates("created", "day").count() > 30


def test_the_apps_get_their_city_scale_data(seeded):
    scale = RESIDENTS / seed.CITY_RESIDENTS
    initiatives = Initiative.objects.filter(slug__startswith=seed.SLUG_PREFIX)
    assert initiatives.count() == round(5_000 * scale)
    assert Support.objects.filter(initiative__in=initiatives).count() == pytest.approx(200_000 * scale, rel=0.05)
    assert Comment.objects.filter(initiative__in=initiatives).count() == round(50_000 * scale)
    assert initiatives.filter(status=Initiative.Status.COLLECTING).exists()

    cycle = Cycle.objects.get(slug="bench-burgerbudget")
    heading = cycle.headings.get(slug="heel-genk")
    assert Proposal.objects.filter(heading=heading).count() == 10  # the seed's minimum
    assert Ballot.objects.filter(heading=heading).count() == round(100_000 * scale)
    outcome = budget_services.compute(heading)
    assert outcome.ballots == round(100_000 * scale) and outcome.selected

    council = Council.objects.get(slug="bench-00")
    assert council.meetings.count() == 50
    assert council.memberships.filter(role="chair").count() == 1

    files = SubsidyFile.objects.filter(reference__startswith="BENCH-SUB-")
    assert files.count() == round(2_000 * scale)
    assert set(files.values_list("status", flat=True)) == set(SubsidyFile.Status.values)


def test_a_later_run_moves_the_budget_cycle_back_into_its_voting_phase(seeded):
    cycle = Cycle.objects.get(slug="bench-burgerbudget")
    assert cycle.spec().vote
    Phase.objects.filter(cycle=cycle).update(starts_at=F("starts_at") - timedelta(days=45))  # a month and a half on
    assert not Cycle.objects.get(pk=cycle.pk).spec().vote
    assert "voting open again" in run_seed()
    assert Cycle.objects.get(pk=cycle.pk).spec().vote
    assert "voting open again" not in run_seed()


def test_running_twice_adds_nothing(seeded):
    before = counts()
    report = run_seed()
    assert counts() == before
    assert "already there" in report


def test_reset_removes_the_seeded_data(seeded):
    storage = private_storage()
    pdfs = set(AgendaDocument.objects.values_list("file", flat=True))
    assert pdfs and all(storage.exists(name) for name in pdfs)
    seed.reset(write=io.StringIO().write)
    assert not any(storage.exists(name) for name in pdfs)
    assert not User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}").exists()
    assert not Organisation.objects.filter(slug__startswith=seed.SLUG_PREFIX).exists()
    assert AuditLogEntry.objects.count() == 0
    assert Notification.objects.count() == 0
    assert not Initiative.objects.exists()
    assert not Cycle.objects.filter(slug="bench-burgerbudget").exists()
    assert not Ballot.objects.exists() and not VoterRecord.objects.exists()
    assert not Council.objects.filter(slug__startswith=seed.SLUG_PREFIX).exists()
    assert Council.objects.filter(slug=COUNCILS[0][0]).exists()  # Genk's councils stay; their members went
    assert not SubsidyFile.objects.exists()
    run_seed()
    assert User.objects.filter(email__endswith=f"@{seed.EMAIL_DOMAIN}").count() == RESIDENTS
    assert Initiative.objects.count() == round(5_000 * RESIDENTS / seed.CITY_RESIDENTS)
    assert Meeting.objects.count() == 50


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
