"""What the tests of the applicant's pages share: URLs, form data and an uploaded PDF."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from initiatives.subsidies.models import SubsidyFile

S = SubsidyFile.Status
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name="offerte.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def errors_of(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "Er is iets niet in orde" in html, html[:3000]
    return html


def url(name, file=None, **kwargs) -> str:
    from django.urls import reverse

    if file is not None:
        kwargs["reference"] = file.reference
    return reverse(f"subsidies:{name}", kwargs=kwargs)


def apply_data(neighbourhood, /, **overrides) -> dict:
    data = {
        "applicant_kind": "resident_group",
        "title": "Buurtmoestuin Winterslag",
        "description": "Met de buren leggen we een moestuin aan op het pleintje, met bakken voor iedereen.",
        "scope": "wijk",
        "neighbourhood": neighbourhood.pk,
        "starts_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "ends_on": (timezone.localdate() + timedelta(days=80)).isoformat(),
        "iban": "be68 5390 0754 7034",
        "account_holder": "Feitelijke vereniging Moestuin",
        "applicant_address": "Stalenstraat 12",
        "verder": "1",
    }
    data.update(overrides)
    return data


def budget_data(costs=(), income=(), amount="", existing_costs=(), existing_income=(), **extra) -> dict:
    """A POST of the budget page: new rows (description, amount), existing rows (pk, description, amount)."""
    data = {}
    for prefix, new, existing in (("kosten", costs, existing_costs), ("inkomsten", income, existing_income)):
        rows = [*existing, *[(None, d, a) for d, a in new]]
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(existing))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "100"
        for i, (pk, description, value) in enumerate(rows):
            data[f"{prefix}-{i}-description"] = description
            data[f"{prefix}-{i}-amount"] = value
            if pk:
                data[f"{prefix}-{i}-id"] = str(pk)
    data["bedrag-amount_requested"] = amount
    data.update(extra)
    return data
