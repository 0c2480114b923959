"""Staff pages for subsidy files (/beheer/subsidies/): who may see what, and the workbench's
lists, filters and query count."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from genk.accounts.models import Organisation
from initiatives.subsidies.models import (
    SubsidyFile,
)
from tests.factories import DepartmentFactory, UserFactory

from .factories import SchemeFactory, department_member, make_file
from .staff_pages import BASE, S, file_url, html_of, page

pytestmark = pytest.mark.django_db

# Who may see what.


@pytest.fixture
def other_civil_servant(db):
    """A civil servant of a department without schemes, not involved in the file."""
    return department_member(DepartmentFactory(name="Mobiliteit", slug="mobiliteit"), display_name="Mo Mobiliteit")


def test_the_workbench_and_a_file_per_persona(
    client,
    scheme,
    civil_servant,
    handler,
    assessor,
    decision_maker,
    other_civil_servant,
    resident,
    civil_servant_without_mfa,
    admin_user,
):
    file = make_file(S.ASSESSMENT, scheme=scheme, handler=handler, assessors=[assessor], title="Buurtfeest Bret")
    proposed = make_file(S.PROPOSED, scheme=scheme, title="Zitbanken Winterslag")
    expected = {
        # persona: (workbench, file in assessment, file proposed)
        "civil_servant": (200, 200, 200),
        "handler": (200, 200, 200),
        "assessor": (200, 200, 403),
        "decision_maker": (200, 403, 200),
        "other_civil_servant": (403, 403, 403),
        "admin_user": (200, 200, 200),
    }
    users = {
        "civil_servant": civil_servant,
        "handler": handler,
        "assessor": assessor,
        "decision_maker": decision_maker,
        "other_civil_servant": other_civil_servant,
        "admin_user": admin_user,
    }
    for name, (bench, in_assessment, in_proposal) in expected.items():
        client.force_login(users[name])
        assert client.get(BASE).status_code == bench, name
        assert client.get(file_url(file)).status_code == in_assessment, name
        assert client.get(file_url(proposed)).status_code == in_proposal, name
    response = page(client, other_civil_servant, file_url(file))
    assert "behandelende dienst" in html_of(response)

    # A resident: the staff area is not theirs; a visitor: log in first; staff without MFA: set it up.
    response = page(client, resident, BASE)
    assert response.status_code == 403 and "alleen voor medewerkers" in html_of(response)
    assert page(client, resident, file_url(file)).status_code == 403
    client.logout()
    response = client.get(file_url(file))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    response = page(client, civil_servant_without_mfa, BASE)
    assert response.status_code == 302 and response["Location"].startswith("/account/2fa/totp/activate/")


def test_an_assessor_from_another_department_sees_only_assigned_files(client, scheme, assessor):
    mine = make_file(S.ASSESSMENT, scheme=scheme, assessors=[assessor], title="Repair café Zwartberg")
    other = make_file(S.ASSESSMENT, scheme=scheme, title="Speelstraat Sledderlo")
    html = html_of(page(client, assessor, f"{BASE}?lijst=alle"))
    assert "Repair café Zwartberg" in html and "Speelstraat Sledderlo" not in html
    assert "Je ziet de dossiers die je behandelt of beoordeelt." in html
    html = html_of(client.get(f"{BASE}?lijst=te-beoordelen"))
    assert mine.reference in html
    assert client.get(file_url(other)).status_code == 403
    html = html_of(client.get(file_url(mine)))
    assert "Jouw beoordeling" in html and "Dien je beoordeling in" in html
    # No staff steps for someone who only assesses.
    for step in ("Verklaar ontvankelijk", "Leg het voorstel voor", "Neem dit dossier op je", "Wijs de behandelaar toe"):
        assert step not in html
    response = client.post(
        file_url(mine, "voorstel"), {"propose-outcome": "granted", "propose-amount": "500", "propose-text": "Goed."}
    )
    assert response.status_code == 403
    assert "Je mag dit niet doen voor dit dossier." in html_of(response)


# The workbench.


def test_the_workbench_rows_lists_filters_and_search(client, scheme, civil_servant, handler):
    today = timezone.localdate()
    org = Organisation.objects.create(name="Vzw Buurtwerk Genk", slug="vzw-buurtwerk", kind="association")
    group = make_file(
        S.SUBMITTED,
        scheme=scheme,
        title="Buurtfeest Bret",
        applicant=UserFactory(display_name="Annelies Jacobs"),
        amount_requested=Decimal("1250.50"),
    )
    SubsidyFile.objects.filter(pk=group.pk).update(intake_due=today - timedelta(days=2))
    organisation_file = make_file(
        S.GRANTED,
        scheme=scheme,
        handler=civil_servant,
        title="Zomerkamp",
        applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
        organisation=org,
        amount_granted=Decimal("800.00"),
    )
    other_scheme = SchemeFactory(name="Burgerinitiatieven", slug="burgerinitiatieven", department=scheme.department)
    assessed = make_file(S.ASSESSMENT, scheme=other_scheme, handler=handler, title="Moestuin Waterschei")
    old = make_file(S.CLOSED, scheme=scheme, title="Afgesloten project")
    SubsidyFile.objects.filter(pk=old.pk).update(budget_year=today.year - 1)
    make_file(S.DRAFT, scheme=scheme, title="Kladversie")

    client.force_login(civil_servant)
    html = html_of(client.get(BASE))
    # The open files, soonest deadline first; the overdue one marked; drafts and closed files not here.
    assert "Kladversie" not in html and "Afgesloten project" not in html
    assert html.index("Buurtfeest Bret") < html.index("Moestuin Waterschei")
    assert "te laat" in html
    assert "groep inwoners" in html and "Annelies Jacobs" in html
    assert "Vzw Buurtwerk Genk" in html
    assert "€\u00a01.250,50" in html and "€\u00a0800,00" in html
    assert "Lopende dossiers (3)" in html
    assert "Mijn dossiers (1)" in html and "Niet toegewezen (1)" in html and "Te laat (1)" in html
    assert "Alle dossiers (4)" in html

    def listed(query):
        content = html_of(client.get(f"{BASE}?{query}"))
        return {f.title for f in (group, organisation_file, assessed, old) if f.reference in content}

    assert listed("lijst=mijn") == {"Zomerkamp"}
    assert listed("lijst=niet-toegewezen") == {"Buurtfeest Bret"}
    assert listed("lijst=te-laat") == {"Buurtfeest Bret"}
    assert listed("lijst=alle") == {"Buurtfeest Bret", "Zomerkamp", "Moestuin Waterschei", "Afgesloten project"}
    assert listed("lijst=alle&reglement=burgerinitiatieven") == {"Moestuin Waterschei"}
    assert listed("lijst=alle&status=granted") == {"Zomerkamp"}
    assert listed(f"lijst=alle&jaar={today.year - 1}") == {"Afgesloten project"}
    assert listed("lijst=alle&q=buurtwerk") == {"Zomerkamp"}
    assert listed("lijst=alle&q=moestuin") == {"Moestuin Waterschei"}
    assert listed(f"lijst=alle&q={group.reference}") == {"Buurtfeest Bret"}
    # Unknown values never break the page.
    assert client.get(f"{BASE}?lijst=onbekend&status=xyz&jaar=abc&pagina=99").status_code == 200


def _bulk_files(scheme, count, people, organisations, start):
    today = timezone.localdate()
    rows = []
    for n in range(count):
        organisation = organisations[n % len(organisations)] if n % 2 else None
        rows.append(
            SubsidyFile(
                reference=f"SUB-2099-{start + n:04d}",
                scheme=scheme,
                budget_year=today.year,
                applicant=people[n % len(people)],
                applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION
                if organisation
                else SubsidyFile.ApplicantKind.RESIDENT_GROUP,
                organisation=organisation,
                handler=people[(n + 1) % len(people)] if n % 3 else None,
                title=f"Project {start + n}",
                status=[S.SUBMITTED, S.ASSESSMENT, S.PROPOSED][n % 3],
                submitted_at=timezone.now(),
                intake_due=today + timedelta(days=n % 7 - 3),
                assessment_due=today + timedelta(days=n % 5 - 2),
                decision_due=today + timedelta(days=n % 9),
                amount_requested=Decimal("100.00") + n,
            )
        )
    SubsidyFile.objects.bulk_create(rows)


@pytest.mark.parametrize("lijst", ["", "?lijst=alle&q=project", "?lijst=te-laat&status=submitted"])
def test_the_workbench_query_count_is_constant(client, scheme, civil_servant, django_assert_num_queries, lijst):
    people = [UserFactory() for _ in range(12)]
    organisations = [
        Organisation.objects.create(name=f"Vereniging {n}", slug=f"vereniging-{n}", kind="association")
        for n in range(6)
    ]
    _bulk_files(scheme, 10, people, organisations, start=1)
    client.force_login(civil_servant)
    url = BASE + lijst
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the session and content type caches
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    _bulk_files(scheme, 490, people, organisations, start=11)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Pagina 1 van" in html_of(response)
