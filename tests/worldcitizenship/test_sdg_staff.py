"""Local indicators, the yearly report and the international-solidarity directory: per-persona
rules, the officer's and the representative's forms, what visitors see, and query counts."""

from decimal import Decimal
from io import StringIO

import pytest
from django.utils import timezone

from genk.accounts.models import Organisation, OrganisationMembership
from genk.core.models import AuditLogEntry
from genk.core.permissions import can
from tests.factories import OrganisationFactory, OrganisationMembershipFactory
from worldcitizenship import sdg_indicators, solidarity
from worldcitizenship.models import Goal
from worldcitizenship.sdg_models import IndicatorValue, LocalIndicator, SolidarityProfile

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor", "resident", "organisation_rep", "worldcitizenship_officer", "civil_servant", "admin_user"]


@pytest.fixture
def indicator(sdgs):
    indicator = LocalIndicator.objects.create(
        goal=Goal.objects.get(number=13),
        name="CO₂-uitstoot van de stad",
        unit="ton CO₂",
        source="Stad Genk, energiebeheer",
        target_value=Decimal("6500"),
        target_year=2030,
    )
    for year, value in [(2022, "9800"), (2023, "9300"), (2024, "8900.5")]:
        IndicatorValue.objects.create(indicator=indicator, year=year, value=Decimal(value))
    return indicator


@pytest.fixture
def profile(sdgs):
    organisation = OrganisationFactory(name="Vrienden van Cochabamba", kind=Organisation.Kind.NORTH_SOUTH)
    profile = SolidarityProfile.objects.create(
        organisation=organisation,
        countries=["BO", "PE"],
        description="Koffieboeren in Cochabamba.",
        projects="Een koffiebranderij\nWereldlessen",
    )
    profile.sdgs.set(Goal.objects.filter(number__in=[1, 8]))
    return profile


@pytest.fixture
def representative(profile):
    return OrganisationMembershipFactory(
        organisation=profile.organisation, role=OrganisationMembership.Role.REPRESENTATIVE
    ).user


# The rules, per persona.

EXPECTED = {
    # persona: (manage indicators, manage directory, change the profile, view an unlisted profile)
    "visitor": (False, False, False, False),
    "resident": (False, False, False, False),
    "organisation_rep": (False, False, False, False),  # of another organisation
    "worldcitizenship_officer": (True, True, True, True),
    "civil_servant": (False, False, False, False),  # another department
    "admin_user": (True, True, True, True),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_rules_per_persona(request, profile, persona):
    user = request.getfixturevalue(persona)
    profile.is_listed = False
    expected = EXPECTED[persona]
    assert can(user, "worldcitizenship.manage_indicators", user) is expected[0]
    assert can(user, "worldcitizenship.manage_solidarity", user) is expected[1]
    assert can(user, "worldcitizenship.change_solidarity_profile", profile) is expected[2]
    assert can(user, "worldcitizenship.view_solidarity_profile", profile) is expected[3]
    profile.is_listed = True
    assert can(user, "worldcitizenship.view_solidarity_profile", profile)  # listed: everyone


def test_the_representative_edits_only_their_own_profile(profile, representative):
    assert can(representative, "worldcitizenship.change_solidarity_profile", profile)
    assert not can(representative, "worldcitizenship.manage_solidarity", representative)
    assert not can(representative, "worldcitizenship.list_solidarity_profile", profile)
    other = SolidarityProfile.objects.create(organisation=OrganisationFactory(), description="Andere")
    assert not can(representative, "worldcitizenship.change_solidarity_profile", other)


def test_an_ended_representative_no_longer_edits(profile):
    membership = OrganisationMembershipFactory(
        organisation=profile.organisation, end=timezone.localdate().replace(year=2020)
    )
    assert not can(membership.user, "worldcitizenship.change_solidarity_profile", profile)


def test_the_officer_without_mfa_is_refused(profile):
    from tests.factories import DepartmentMembershipFactory

    user = DepartmentMembershipFactory(department__slug="wereldburgerschap", department__name="Wereldburgerschap").user
    assert not can(user, "worldcitizenship.manage_indicators", user)


# The officer's pages.


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("visitor", 302),
        ("resident", 403),
        ("organisation_rep", 403),
        ("civil_servant", 403),
        ("worldcitizenship_officer", 200),
        ("admin_user", 200),
    ],
)
def test_indicator_pages_per_persona(client, request, sdgs, persona, status):
    user = request.getfixturevalue(persona)
    if persona != "visitor":
        client.force_login(user)
    response = client.get("/beheer/wereldburgerschap/sdg/")
    assert response.status_code == status
    if status == 403:
        assert "dienst wereldburgerschap" in response.content.decode()  # says why and whom to ask


def test_the_officer_adds_an_indicator_with_yearly_values(client, sdgs, worldcitizenship_officer):
    client.force_login(worldcitizenship_officer)
    response = client.post(
        "/beheer/wereldburgerschap/sdg/nieuw/",
        {
            "goal": Goal.objects.get(number=7).pk,
            "name": "Zonnestroom op stadsgebouwen",
            "unit": "MWh",
            "source": "Energiebeheer",
            "target_value": "900",
            "target_year": "2030",
            "figure_key": "",
            "chart": "bars",
            "position": "0",
            "values_text": "2023: 480\n2024: 1.234,5\n",
        },
    )
    assert response.status_code == 302
    indicator = LocalIndicator.objects.get(name="Zonnestroom op stadsgebouwen")
    assert dict(indicator.values.values_list("year", "value")) == {2023: Decimal("480"), 2024: Decimal("1234.5")}
    assert AuditLogEntry.objects.filter(action="worldcitizenship.indicator_created").exists()
    html = client.get("/wereldburgerschap/sdg/7/").content.decode()
    assert "Zonnestroom op stadsgebouwen" in html
    assert "<svg" in html and "<rect" in html  # bars
    assert "2024: 1.234,5 MWh (2023: 480); streefwaarde 900 tegen 2030." in html


def test_bad_values_keep_what_was_typed_and_save_nothing(client, sdgs, worldcitizenship_officer):
    client.force_login(worldcitizenship_officer)
    response = client.post(
        "/beheer/wereldburgerschap/sdg/nieuw/",
        {
            "goal": Goal.objects.get(number=7).pk,
            "name": "Zonnestroom",
            "unit": "MWh",
            "source": "Energiebeheer",
            "chart": "line",
            "position": "0",
            "values_text": "2023: 480\ntwintig: veel\n2023: 5",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regel 2" in html and "schrijf een jaar en een getal" in html
    assert "Het jaar 2023 staat er twee keer." in html
    assert "twintig: veel" in html  # nothing typed is lost
    assert not LocalIndicator.objects.exists()


def test_a_computed_indicator_takes_the_city_figure(sdgs):
    from genk.core import indicators as figures

    figures.register("tests.trees", label="Bomen")(lambda period: {1: 10, 2: 5} if period.start.year == 2024 else {})
    try:
        indicator = LocalIndicator.objects.create(
            goal=Goal.objects.get(number=15), name="Bomen", unit="bomen", source="Groendienst", figure_key="tests.trees"
        )
        assert sdg_indicators.refresh(indicator, first_year=2023, last_year=2024) == 2
        assert dict(indicator.values.values_list("year", "value")) == {2023: Decimal("0"), 2024: Decimal("15")}
        assert indicator.values.get(year=2024).computed
    finally:
        figures.unregister("tests.trees")


def test_indicator_chart_and_table_on_the_goal_page(client, indicator):
    html = client.get("/wereldburgerschap/sdg/13/").content.decode()
    assert "<polyline" in html  # a line chart
    assert 'stroke-dasharray="6 4"' in html  # the target
    assert (
        "<caption>\n                    CO₂-uitstoot van de stad (ton CO₂)" in html
        or "CO₂-uitstoot van de stad (ton CO₂)" in html
    )
    assert '<th scope="row">2024</th>' in html and "8.900,5 ton CO₂" in html
    assert "2024: 8.900,5 ton CO₂ (2022: 9.800); streefwaarde 6.500 tegen 2030." in html


def test_goal_page_queries_do_not_grow_with_indicators(client, rendered, indicator, django_assert_max_num_queries):
    client.get("/wereldburgerschap/sdg/13/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/wereldburgerschap/sdg/13/")
    for i in range(5):
        other = LocalIndicator.objects.create(goal=indicator.goal, name=f"Ander {i}", unit="x", source="y")
        IndicatorValue.objects.bulk_create([IndicatorValue(indicator=other, year=2000 + y, value=y) for y in range(20)])
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/wereldburgerschap/sdg/13/")


# The yearly report.


def test_the_report_shows_the_year_per_goal(client, indicator):
    from tests.agenda.factories import ActivityFactory

    year = timezone.localdate().year
    ActivityFactory(title="Klimaatcafé", sdgs=[13])
    html = client.get(f"/wereldburgerschap/sdg/rapport/{year}/").content.decode()
    assert f"Genk en de duurzame ontwikkelingsdoelen in {year}" in html
    assert "Klimaatcafé" in html
    assert html.count('class="sdg-report-goal"') == 17
    last = client.get("/wereldburgerschap/sdg/rapport/2024/").content.decode()
    assert "Klimaatcafé" not in last
    assert "8.900,5 ton CO₂" in last  # the indicator's value of 2024
    assert client.get("/wereldburgerschap/sdg/rapport/2014/").status_code == 404
    assert client.get(f"/wereldburgerschap/sdg/rapport/{year + 1}/").status_code == 404


# The directory.


def test_the_directory_lists_listed_profiles_with_countries_and_goals(client, profile):
    hidden = SolidarityProfile.objects.create(
        organisation=OrganisationFactory(name="Onzichtbare vzw"), description="x", is_listed=False
    )
    html = client.get("/wereldburgerschap/organisaties/").content.decode()
    assert "Vrienden van Cochabamba" in html and "Bolivia, Peru" in html
    assert "Onzichtbare vzw" not in html
    assert 'href="/wereldburgerschap/sdg/8/"' in html
    assert client.get("/wereldburgerschap/organisaties/?land=GH").content.decode().count("Vrienden van Cochabamba") == 0
    assert "Vrienden van Cochabamba" in client.get("/wereldburgerschap/organisaties/?land=BO").content.decode()
    assert "Vrienden van Cochabamba" in client.get("/wereldburgerschap/organisaties/?sdg=8").content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Een koffiebranderij" in page and "Het profiel aanpassen" not in page


def test_granted_files_of_north_south_organisations_appear_through_the_registry(client, profile):
    from initiatives.subsidies.models import SubsidyFile
    from tests.subsidies.factories import make_file

    make_file(
        SubsidyFile.Status.GRANTED,
        title="Koffiebranderij",
        applicant_kind="organisation",
        organisation=profile.organisation,
        amount_granted=Decimal("4500"),
    )
    make_file(
        SubsidyFile.Status.SUBMITTED,
        title="Nog niet beslist",
        applicant_kind="organisation",
        organisation=profile.organisation,
    )
    make_file(SubsidyFile.Status.GRANTED, title="Buurtfeest")  # a group of residents: not North–South
    assert [g.title for g in solidarity.grants()] == ["Koffiebranderij"]
    html = client.get("/wereldburgerschap/organisaties/").content.decode()
    assert "Koffiebranderij" in html and "€\xa04.500,00" in html and "Buurtfeest" not in html
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Koffiebranderij" in page and "Nog niet beslist" not in page


def test_directory_query_count_is_constant(client, rendered, sdgs, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for _ in range(n):
            p = SolidarityProfile.objects.create(organisation=OrganisationFactory(), description="x", countries=["GH"])
            p.sdgs.set(Goal.objects.filter(number__in=[1, 2]))

    add(2)
    client.get("/wereldburgerschap/organisaties/")
    with CaptureQueriesContext(connection) as small:
        client.get("/wereldburgerschap/organisaties/")
    add(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/wereldburgerschap/organisaties/")


def test_the_representative_edits_the_profile(client, profile, representative):
    client.force_login(representative)
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Het profiel aanpassen" in page
    form = client.get(f"/beheer/wereldburgerschap/organisaties/{profile.organisation.slug}/").content.decode()
    assert 'name="is_listed"' not in form  # only the officer takes a profile out of the guide
    response = client.post(
        f"/beheer/wereldburgerschap/organisaties/{profile.organisation.slug}/",
        {"description": "Koffie en wereldlessen.", "countries": ["BO"], "projects": "", "sdgs": [], "is_listed": ""},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.description == "Koffie en wereldlessen." and profile.countries == ["BO"] and profile.is_listed
    assert AuditLogEntry.objects.filter(action="worldcitizenship.profile_changed").exists()


def test_a_bad_country_is_refused_in_the_form(client, profile, representative):
    client.force_login(representative)
    response = client.post(
        f"/beheer/wereldburgerschap/organisaties/{profile.organisation.slug}/",
        {"description": "Nieuw", "countries": ["XX"]},
    )
    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.description == "Koffieboeren in Cochabamba."


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("resident", 403),
        ("organisation_rep", 403),
        ("civil_servant", 403),
        ("worldcitizenship_officer", 200),
        ("admin_user", 200),
    ],
)
def test_the_profile_form_per_persona(client, request, profile, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/beheer/wereldburgerschap/organisaties/{profile.organisation.slug}/").status_code == status
    assert client.get("/beheer/wereldburgerschap/organisaties/nieuw/").status_code == status


def test_the_officer_adds_an_organisation_to_the_guide(client, sdgs, worldcitizenship_officer):
    organisation = OrganisationFactory(name="Hand in Hand met Francistown", kind=Organisation.Kind.NORTH_SOUTH)
    client.force_login(worldcitizenship_officer)
    response = client.post(
        "/beheer/wereldburgerschap/organisaties/nieuw/",
        {"organisation": organisation.pk, "description": "Scholenbanden.", "countries": ["BW"], "is_listed": "on"},
    )
    assert response.status_code == 302
    assert "Botswana" in client.get("/wereldburgerschap/organisaties/").content.decode()


def test_the_demo_has_indicators_organisations_and_a_north_south_grant(sdgs):
    from genk.accounts.demo import personas
    from initiatives.subsidies.demo import subsidies
    from worldcitizenship.sdg_demo import sdg_overview

    ctx = {"stdout": StringIO(), "personas": {}}
    personas(ctx)
    subsidies(ctx)
    sdg_overview(ctx)
    sdg_overview(ctx)  # idempotent
    assert LocalIndicator.objects.values("goal").distinct().count() == 5
    assert SolidarityProfile.objects.count() == 3
    assert all("(voorbeeld)" in p.organisation.name for p in SolidarityProfile.objects.select_related("organisation"))
    assert any("kraamkliniek" in g.title for g in solidarity.grants())
