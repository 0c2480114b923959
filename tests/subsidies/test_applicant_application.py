"""The applicant's pages: applying (project and budget, without JavaScript), and who sees or
changes a file."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from genk.accounts.models import Organisation, OrganisationMembership
from initiatives.subsidies.models import SubsidyFile
from tests.factories import NeighbourhoodFactory, OrganisationMembershipFactory

from .applicant_pages import S, apply_data, budget_data, errors_of, url
from .factories import (
    SchemeFactory,
    SubsidyFileFactory,
)

pytestmark = pytest.mark.django_db

# Applying.


def test_visitors_are_sent_to_log_in_before_applying(client, scheme):
    response = client.get(url("apply", slug=scheme.slug))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_applying_as_a_resident_creates_a_private_draft(client, resident, scheme):
    neighbourhood = NeighbourhoodFactory()
    client.force_login(resident)
    response = client.get(url("apply", slug=scheme.slug))
    assert response.status_code == 200
    response = client.post(url("apply", slug=scheme.slug), apply_data(neighbourhood))
    file = SubsidyFile.objects.get()
    assert response["Location"] == url("budget", file)
    assert file.status == S.DRAFT
    assert file.applicant == resident
    assert file.applicant_kind == SubsidyFile.ApplicantKind.RESIDENT_GROUP
    assert file.iban == "BE68539007547034"
    assert file.neighbourhood == neighbourhood and not file.city_wide
    assert file.reference.startswith(f"SUB-{timezone.localdate().year}-")


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(client, resident, scheme):
    neighbourhood = NeighbourhoodFactory()
    client.force_login(resident)
    data = apply_data(neighbourhood, iban="BE68 5390 0754 7035", title="", ends_on="2020-01-01")
    html = errors_of(client.post(url("apply", slug=scheme.slug), data))
    assert "Rekeningnummer (IBAN): Dit rekeningnummer klopt niet" in html
    assert "Naam van het project: Dit veld is verplicht." in html
    assert "De einddatum ligt vóór de startdatum." in html
    # What was typed comes back.
    assert 'value="BE68 5390 0754 7035"' in html
    assert "Met de buren leggen we een moestuin aan" in html
    assert 'value="Stalenstraat 12"' in html
    assert not SubsidyFile.objects.exists()

    html = errors_of(
        client.post(url("apply", slug=scheme.slug), apply_data(neighbourhood, scope="wijk", neighbourhood=""))
    )
    assert "Kies de wijk, of duid aan dat het project voor heel Genk is." in html


def test_an_initiative_links_only_for_its_initiators(client, resident, other_resident, scheme):
    from tests.initiatives.factories import InitiativeFactory

    initiative = InitiativeFactory(created_by=resident, title="Groene Vennestraat", help_subsidy=True)
    client.force_login(other_resident)
    response = client.get(url("apply", slug=scheme.slug) + f"?initiatief={initiative.pk}")
    assert response.status_code == 403
    assert "Alleen de initiatiefnemers" in response.content.decode()

    client.force_login(resident)
    html = client.get(url("schemes") + f"?initiatief={initiative.pk}").content.decode()
    assert "Groene Vennestraat" in html
    assert f"?initiatief={initiative.pk}" in html
    response = client.get(url("apply", slug=scheme.slug) + f"?initiatief={initiative.pk}")
    html = response.content.decode()
    assert 'value="Groene Vennestraat"' in html
    data = apply_data(initiative.neighbourhood, title="Groene Vennestraat")
    client.post(url("apply", slug=scheme.slug) + f"?initiatief={initiative.pk}", data)
    assert SubsidyFile.objects.get().initiative == initiative


def test_an_organisation_representative_applies_for_their_organisation(client, organisation_rep, scheme):
    organisation = Organisation.objects.get(memberships__user=organisation_rep)
    client.force_login(organisation_rep)
    html = client.get(url("apply", slug=scheme.slug)).content.decode()
    assert organisation.name in html
    data = apply_data(NeighbourhoodFactory(), applicant_kind="organisation", organisation="")
    html = errors_of(client.post(url("apply", slug=scheme.slug), data))
    assert "Kies de organisatie waarvoor je de subsidie aanvraagt." in html
    data["organisation"] = organisation.pk
    client.post(url("apply", slug=scheme.slug), data)
    file = SubsidyFile.objects.get()
    assert file.organisation == organisation
    assert file.applicant_kind == SubsidyFile.ApplicantKind.ORGANISATION
    assert file.applicant_address == ""  # an organisation's file keeps no private address


def test_a_scheme_for_organisations_only_tells_a_resident_why_not(client, resident):
    scheme = SchemeFactory(allows_resident_group=False, allows_organisation=True)
    client.force_login(resident)
    html = client.get(url("apply", slug=scheme.slug)).content.decode()
    assert "Dit reglement is alleen voor organisaties" in html
    assert '<form method="post"\n              class="stack"' not in html


# The budget.


def test_the_budget_is_saved_and_the_totals_and_deficit_are_computed(client, resident, scheme):
    file = SubsidyFileFactory(scheme=scheme, applicant=resident, budget_lines=False, amount_requested=0)
    client.force_login(resident)
    response = client.get(url("budget", file))
    assert response.status_code == 200
    data = budget_data(
        costs=[("Plantenbakken", "1.200"), ("Aarde en zaden", "350,50"), ("", "")],
        income=[("Eigen inbreng", "150")],
        amount="1.400",
        bewaar="1",
    )
    response = client.post(url("budget", file), data)
    assert response.status_code == 302
    lines = list(file.budget_lines.order_by("kind", "position").values_list("kind", "description", "amount"))
    assert lines == [
        ("cost", "Plantenbakken", Decimal("1200.00")),
        ("cost", "Aarde en zaden", Decimal("350.50")),
        ("income", "Eigen inbreng", Decimal("150.00")),
    ]
    file.refresh_from_db()
    assert file.amount_requested == Decimal("1400.00")
    html = client.get(url("budget", file)).content.decode()
    assert '<td class="number" id="totaal-kosten">€\xa01.550,50</td>' in html
    assert '<td class="number" id="tekort">€\xa01.400,50</td>' in html
    assert 'value="1400,00"' in html


def test_budget_mistakes_keep_the_rows_and_say_what_is_wrong(client, resident, scheme):
    file = SubsidyFileFactory(scheme=scheme, applicant=resident, budget_lines=False, amount_requested=0)
    client.force_login(resident)
    data = budget_data(costs=[("Huur van een tent", "3000"), ("Affiches", "veel")], amount="2600")
    html = errors_of(client.post(url("budget", file), data))
    assert "Vul een bedrag in euro in" in html
    assert "Je kunt hoogstens €\xa02.500,00 vragen in dit reglement." in html
    assert 'value="Huur van een tent"' in html and 'value="veel"' in html and 'value="2600"' in html
    assert not file.budget_lines.exists()

    # More than the deficit (costs − other income) is refused too.
    data = budget_data(costs=[("Huur van een tent", "1000")], income=[("Sponsor", "500")], amount="800")
    html = errors_of(client.post(url("budget", file), data))
    assert "Je vraagt meer dan het tekort van je begroting" in html
    assert not file.budget_lines.exists()


def test_add_a_row_without_javascript_and_remove_one(client, resident, scheme):
    file = SubsidyFileFactory(scheme=scheme, applicant=resident, budget_lines=False, amount_requested=0)
    client.force_login(resident)
    html = client.get(url("budget", file)).content.decode()
    assert 'name="kosten-TOTAL_FORMS" value="2"' in html
    response = client.post(url("budget", file), budget_data(costs=[("Tent", "400")], rij_kosten="1"))
    assert response["Location"].startswith(url("budget", file) + "?kosten=3")
    html = client.get(response["Location"]).content.decode()
    assert 'name="kosten-TOTAL_FORMS" value="4"' in html  # the saved line and three empty rows
    line = file.budget_lines.get()
    data = budget_data(existing_costs=[(line.pk, "Tent", "400")], costs=[("Stoelen", "100")])
    data["kosten-0-DELETE"] = "on"
    client.post(url("budget", file), data)
    assert list(file.budget_lines.values_list("description", flat=True)) == ["Stoelen"]


# Persona access.


@pytest.mark.parametrize(
    "persona, status",
    [
        ("applicant", 200),
        ("co_applicant", 200),
        ("other_resident", 404),
        ("organisation_rep", 404),
        ("civil_servant", 404),  # a draft is the applicants' own
        ("visitor", 302),
    ],
)
def test_who_sees_a_draft(client, request, group_file, persona, status):
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(url("file", group_file))
    assert response.status_code == status
    if status == 200:
        assert "Speelstraat Zwartberg" in response.content.decode()


def test_only_the_applicants_edit_a_draft_and_staff_see_it_once_submitted(
    client, group_file, co_applicant, other_resident, civil_servant
):
    client.force_login(co_applicant)
    assert client.get(url("edit", group_file)).status_code == 200
    client.force_login(other_resident)
    assert client.get(url("edit", group_file)).status_code == 404
    assert client.post(url("budget", group_file), {}).status_code == 404
    assert client.post(url("submit", group_file)).status_code == 404
    group_file.status = S.SUBMITTED
    group_file.save()
    client.force_login(civil_servant)
    html = client.get(url("file", group_file)).content.decode()
    assert "Behandelen (medewerkers)" in html
    assert "Pas het project aan" not in html
    client.force_login(co_applicant)
    response = client.get(url("edit", group_file))
    assert response["Location"] == url("file", group_file)


def test_an_organisations_file_is_seen_by_its_current_representatives(client, organisation_rep, scheme):
    organisation = Organisation.objects.get(memberships__user=organisation_rep)
    colleague = OrganisationMembershipFactory(organisation=organisation).user
    former = OrganisationMembershipFactory(organisation=organisation, end=timezone.localdate() - timedelta(days=1)).user
    coordinator = OrganisationMembershipFactory(
        organisation=organisation, role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR
    ).user
    file = SubsidyFileFactory(
        scheme=scheme,
        applicant=organisation_rep,
        applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
        organisation=organisation,
    )
    for user, status in ((colleague, 200), (former, 404), (coordinator, 404)):
        client.force_login(user)
        assert client.get(url("file", file)).status_code == status
