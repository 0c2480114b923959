"""Staff pages for subsidy files: managing schemes."""

from decimal import Decimal

import pytest

from genk.core.models import AuditLogEntry
from initiatives.subsidies.models import (
    Criterion,
    Scheme,
    SchemeBudget,
)
from tests.factories import DepartmentFactory

from .factories import make_file
from .staff_pages import BASE, S, html_of

pytestmark = pytest.mark.django_db

# Schemes.


def _scheme_post(scheme=None, **overrides):
    data = {
        "scheme-name": "Subsidie buurtinitiatieven",
        "scheme-slug": "buurtinitiatieven",
        "scheme-summary": "Voor initiatieven van buren.",
        "scheme-legal_basis": "Gemeenteraad van 19 december 2023.",
        "scheme-exclusions": "Geen straatfeesten.",
        "scheme-department": "",
        "scheme-allows_resident_group": "on",
        "scheme-min_group_size": "5",
        "scheme-min_distinct_addresses": "5",
        "scheme-once_per_group_per_year": "on",
        "scheme-min_amount": "100",
        "scheme-max_amount": "2.500,00",
        "scheme-advance_percentage": "80",
        "scheme-intake_days": "10",
        "scheme-assessment_days": "20",
        "scheme-decision_days": "30",
        "scheme-report_days": "60",
        "scheme-is_active": "on",
        "scheme-position": "1",
        "budgets-TOTAL_FORMS": "2",
        "budgets-INITIAL_FORMS": "0",
        "budgets-0-year": "2025",
        "budgets-0-amount": "40.000",
        "budgets-1-year": "",
        "budgets-1-amount": "",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Meerwaarde voor de buurt",
        "criteria-0-description": "",
        "criteria-0-weight": "2",
        "criteria-0-position": "0",
        "criteria-1-name": "",
        "criteria-1-weight": "",
        "criteria-1-position": "",
        "documents-TOTAL_FORMS": "2",
        "documents-INITIAL_FORMS": "0",
        "documents-0-name": "Offerte",
        "documents-0-description": "",
        "documents-0-stage": "application",
        "documents-0-position": "0",
        "documents-1-name": "",
        "documents-1-stage": "application",
        "documents-1-position": "",
    }
    data.update(overrides)
    return data


def test_a_department_head_creates_and_edits_a_scheme_without_javascript(
    client, scheme, department_head, civil_servant
):
    client.force_login(civil_servant)
    assert client.get(f"{BASE}reglementen/nieuw/").status_code == 403
    assert client.get(f"{BASE}reglementen/{scheme.slug}/bewerken/").status_code == 403
    html = html_of(client.get(f"{BASE}reglementen/"))
    assert "Wijkbudget" in html and "bewerken" not in html

    client.force_login(department_head)
    html = html_of(client.get(f"{BASE}reglementen/nieuw/"))
    assert 'name="budgets-TOTAL_FORMS"' in html and "<script" not in html
    response = client.post(
        f"{BASE}reglementen/nieuw/", _scheme_post(**{"scheme-department": scheme.department_id}), follow=True
    )
    assert "Het reglement ‘Subsidie buurtinitiatieven’ is aangemaakt." in html_of(response)
    created = Scheme.objects.get(slug="buurtinitiatieven")
    assert created.max_amount == Decimal("2500.00") and created.department == scheme.department
    assert list(created.budgets.values_list("year", "amount")) == [(2025, Decimal("40000.00"))]
    assert list(created.criteria.values_list("name", "weight")) == [("Meerwaarde voor de buurt", 2)]
    assert list(created.required_documents.values_list("name", flat=True)) == ["Offerte"]
    assert AuditLogEntry.objects.filter(action="subsidies.scheme_created", object_id=str(created.pk)).exists()

    # Invalid input: the page says what is wrong and keeps what was typed.
    response = client.post(
        f"{BASE}reglementen/nieuw/",
        _scheme_post(
            **{
                "scheme-slug": "ander-reglement",
                "scheme-department": scheme.department_id,
                "scheme-min_amount": "3000",
                "budgets-1-year": "2025",
                "budgets-1-amount": "100",
            }
        ),
    )
    html = html_of(response)
    assert response.status_code == 200 and "Er is iets niet in orde" in html
    assert "Het maximumbedrag is minstens het minimumbedrag." in html and "Elk jaar heeft één budget." in html
    assert 'value="ander-reglement"' in html

    # Editing: the remaining budget per year is shown; the budget cannot drop below what is granted.
    make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("1200.00"), amount_requested=Decimal("1200.00"))
    budget = scheme.budgets.get()
    url = f"{BASE}reglementen/{scheme.slug}/bewerken/"
    html = html_of(client.get(url))
    assert "toegekend €\u00a01.200,00, resterend €\u00a048.800,00" in html
    criteria = list(scheme.criteria.order_by("position"))
    data = _scheme_post(
        **{
            "scheme-name": scheme.name,
            "scheme-slug": scheme.slug,
            "scheme-department": scheme.department_id,
            "budgets-TOTAL_FORMS": "1",
            "budgets-INITIAL_FORMS": "1",
            "budgets-0-id": budget.pk,
            "budgets-0-scheme": scheme.pk,
            "budgets-0-year": budget.year,
            "budgets-0-amount": "1000",
            "criteria-TOTAL_FORMS": str(len(criteria)),
            "criteria-INITIAL_FORMS": str(len(criteria)),
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        }
    )
    for n, criterion in enumerate(criteria):
        data.update(
            {
                f"criteria-{n}-id": criterion.pk,
                f"criteria-{n}-scheme": scheme.pk,
                f"criteria-{n}-name": criterion.name,
                f"criteria-{n}-description": "",
                f"criteria-{n}-weight": criterion.weight,
                f"criteria-{n}-position": criterion.position,
            }
        )
    data[f"criteria-{len(criteria) - 1}-DELETE"] = "on"
    response = client.post(url, data)
    html = html_of(response)
    assert f"Voor {budget.year} is al €\u00a01.200,00 toegekend: het budget kan niet lager." in html
    budget.refresh_from_db()
    assert budget.amount == Decimal("50000.00")
    data["budgets-0-amount"] = "1200"
    response = client.post(url, data, follow=True)
    assert "is bewaard" in html_of(response)
    budget.refresh_from_db()
    assert budget.amount == Decimal("1200.00")
    assert Criterion.objects.filter(scheme=scheme).count() == len(criteria) - 1
    html = html_of(client.get(f"{BASE}reglementen/"))
    assert "€\u00a01.200,00" in html and "€\u00a00,00" in html  # budget, granted, remaining per year


def test_a_department_head_cannot_move_a_scheme_to_another_department(client, scheme, department_head):
    other = DepartmentFactory(name="Cultuur", slug="cultuur")
    client.force_login(department_head)
    response = client.post(f"{BASE}reglementen/nieuw/", _scheme_post(**{"scheme-department": other.pk}))
    assert response.status_code == 200
    assert "Select a valid choice" in html_of(response) or "geldige keuze" in html_of(response)
    assert not Scheme.objects.filter(slug="buurtinitiatieven").exists()
    assert SchemeBudget.objects.count() == 1
