"""Staff pages for subsidy files: the file's page (its data, budget, documents and notes) and its
query count."""

from decimal import Decimal

import pytest

from initiatives.subsidies.models import (
    Message,
    Payment,
    RequiredDocument,
)

from .factories import department_member, make_file
from .staff_pages import S, file_url, html_of

pytestmark = pytest.mark.django_db

# The file page.


def test_the_file_page_query_count_does_not_grow_with_its_rows(
    client, scheme, handler, assessor, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives.subsidies.models import BudgetLine, Document

    def build(extra):
        people = [department_member(scheme.department) for _ in range(1 + extra // 10)]
        file = make_file(S.GRANTED, scheme=scheme, handler=handler, assessors=[assessor, *people], paid=Decimal("1"))
        Message.objects.bulk_create(
            [
                Message(file=file, author=people[n % len(people)], kind=Message.Kind.NOTE, body=f"N{n}")
                for n in range(extra)
            ]
        )
        Payment.objects.bulk_create(
            [
                Payment(file=file, kind="other", amount=Decimal("1"), paid_on=file.decided_on, recorded_by=handler)
                for _ in range(extra)
            ]
        )
        BudgetLine.objects.bulk_create(
            [BudgetLine(file=file, kind="cost", description=f"Kost {n}", amount=Decimal("10")) for n in range(extra)]
        )
        # Documents of the applicants and of the city: each asks whether it may be removed.
        stages = [Document.Stage.APPLICATION, Document.Stage.REPORT, Document.Stage.DECISION, Document.Stage.OTHER]
        Document.objects.bulk_create(
            [
                Document(
                    file=file, stage=stages[n % 4], title=f"Document {n}", attachment=f"subsidies/d{n}.pdf", size=1
                )
                for n in range(extra)
            ]
        )
        return file

    small, big = build(1), build(30)
    client.force_login(handler)
    client.get(file_url(small))
    with CaptureQueriesContext(connection) as few:
        assert client.get(file_url(small)).status_code == 200
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(file_url(big)).status_code == 200


def test_the_file_page_shows_the_data_budget_documents_and_internal_notes(client, scheme, civil_servant, applicant):
    from django.core.files.base import ContentFile

    from initiatives.subsidies.models import Document

    required = RequiredDocument.objects.create(scheme=scheme, name="Offerte", stage=RequiredDocument.Stage.APPLICATION)
    RequiredDocument.objects.create(scheme=scheme, name="Foto's van de activiteit", stage=RequiredDocument.Stage.REPORT)
    RequiredDocument.objects.create(scheme=scheme, name="Verzekeringsattest", stage=RequiredDocument.Stage.APPLICATION)
    file = make_file(S.SUBMITTED, scheme=scheme, applicant=applicant, title="Buurtfeest Bret")
    document = Document(file=file, required_document=required, title="Offerte tentverhuur", original_name="offerte.pdf")
    document.attachment.save("offerte.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.size = 13
    document.save()
    Message.objects.create(file=file, author=civil_servant, kind=Message.Kind.NOTE, body="Bel de aanvrager even.")

    client.force_login(civil_servant)
    html = html_of(client.get(file_url(file)))
    assert html.count("<h1") == 1 and "style=" not in html
    assert "Huur van materiaal" in html and "Eigen inbreng" in html
    assert "€\u00a01.500,00" in html and "€\u00a0200,00" in html and "€\u00a01.300,00" in html  # costs, income, deficit
    assert f'href="/subsidies/documenten/{document.pk}/"' in html and "Offerte tentverhuur" in html
    assert "Verzekeringsattest" in html  # a required document still missing
    assert "Foto&#x27;s van de activiteit" not in html  # the report's documents come later
    assert "Bel de aanvrager even." in html
    assert "Stalenstraat" in html and "BE68 5390 0754 7034" in html
    assert "Document: Offerte" in html and "Document: Verzekeringsattest" in html  # the checklist
