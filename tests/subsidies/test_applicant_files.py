"""The applicant's pages: my files, the file page and the decision letter, and their query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.subsidies.models import BudgetLine, CoApplicant, Message, SubsidyFile

from .applicant_pages import S, pdf, url
from .factories import (
    VALID_IBAN,
    SubsidyFileFactory,
    add_co_applicant,
    make_file,
)

pytestmark = pytest.mark.django_db

# My files.


def test_my_files_lists_own_and_co_applied_files_with_invitations(client, applicant, co_applicant, scheme):
    mine = SubsidyFileFactory(scheme=scheme, applicant=applicant, title="Mijn eigen project")
    theirs = SubsidyFileFactory(scheme=scheme, applicant=co_applicant, title="Project van de buurman")
    add_co_applicant(theirs, user=applicant)
    SubsidyFileFactory(scheme=scheme, title="Iemand anders")
    invited = SubsidyFileFactory(scheme=scheme, title="Uitgenodigd project")
    CoApplicant.objects.create(file=invited, email=applicant.email, name="Annelies")
    client.force_login(applicant)
    html = client.get(url("my_files")).content.decode()
    assert "Mijn eigen project" in html and "Project van de buurman" in html
    assert "Iemand anders" not in html
    assert "Uitnodigingen voor jou" in html and "Uitgenodigd project" in html
    assert mine.reference in html


def test_my_files_needs_a_login(client):
    assert client.get(url("my_files"))["Location"].startswith("/account/login/")


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _my_files_queries(client, user) -> int:
    return _queries(client, url("my_files"))


def test_my_files_query_count_is_constant(client, applicant, scheme):
    client.force_login(applicant)
    statuses = [S.DRAFT, S.SUBMITTED, S.GRANTED, S.INFO_REQUESTED, S.CLOSED]
    for i in range(5):
        make_file(statuses[i % 5], scheme=scheme, applicant=applicant)
    few = _my_files_queries(client, applicant)
    for i in range(45):
        file = SubsidyFileFactory(scheme=scheme, applicant=applicant, budget_lines=False)
        if i % 3 == 0:
            BudgetLine.objects.create(file=file, kind="cost", description="x", amount=10)
    assert SubsidyFile.objects.for_applicant(applicant).count() == 50
    many = _my_files_queries(client, applicant)
    assert few == many, (few, many)


def test_iban_is_shown_in_groups_of_four(client, group_file, applicant):
    assert group_file.iban == VALID_IBAN
    client.force_login(applicant)
    assert "BE68 5390 0754 7034" in client.get(url("file", group_file)).content.decode()


def test_the_file_page_query_count_does_not_grow_with_its_rows(client, applicant, scheme):
    from initiatives.subsidies import services

    file = make_file(S.GRANTED, scheme=scheme, applicant=applicant)
    client.force_login(applicant)
    few = _queries(client, url("file", file))
    for i in range(10):
        BudgetLine.objects.create(file=file, kind="cost", description=f"Kost {i}", amount=5)
        Message.objects.create(file=file, kind=Message.Kind.SYSTEM, body=f"Bericht {i}")
        add_co_applicant(file)
        file.status = S.DRAFT  # documents are added while a draft
        services.add_document(file, applicant, pdf(f"bewijs-{i}.pdf"))
        file.status = S.GRANTED
    file.save()
    many = _queries(client, url("file", file))
    assert few == many, (few, many)


def test_the_applicants_get_the_decision_letter_once_the_college_decided(client, applicant, other_resident, scheme):
    file = make_file(S.GRANTED, scheme=scheme, applicant=applicant, amount_granted=Decimal("2000"))
    letter_url = f"/subsidies/dossiers/{file.reference}/beslissingsbrief/"
    client.force_login(applicant)
    page = client.get(file.get_absolute_url()).content.decode()
    assert letter_url in page
    letter = client.get(letter_url)
    assert letter.status_code == 200
    text = letter.content.decode()
    assert file.reference in text and "2.000,00" in text

    client.force_login(other_resident)
    assert client.get(letter_url).status_code == 404

    undecided = make_file(S.ASSESSMENT, scheme=scheme, applicant=applicant)
    client.force_login(applicant)
    assert client.get(f"/subsidies/dossiers/{undecided.reference}/beslissingsbrief/").status_code == 403


def test_the_initiative_page_offers_its_initiators_to_ask_a_subsidy(client, resident, other_resident, scheme):
    from initiatives.models import Initiative
    from tests.initiatives.factories import in_state

    initiative = in_state(Initiative.Status.ANSWERED, created_by=resident, help_subsidy=True)
    link = f"/subsidies/?initiatief={initiative.pk}"
    client.force_login(resident)
    assert link in client.get(initiative.get_absolute_url()).content.decode()
    client.force_login(other_resident)
    assert link not in client.get(initiative.get_absolute_url()).content.decode()
    without_subsidy = in_state(Initiative.Status.ANSWERED, created_by=resident, help_subsidy=False)
    client.force_login(resident)
    assert f"?initiatief={without_subsidy.pk}" not in client.get(without_subsidy.get_absolute_url()).content.decode()
