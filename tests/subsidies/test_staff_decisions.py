"""Staff pages for subsidy files: blind assessments, the decision and the budget limit, payments
and the decision letter."""

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from initiatives.subsidies.models import (
    Assessment,
    Payment,
)

from .factories import SchemeFactory, make_file
from .staff_pages import BASE, S, file_url, html_of

pytestmark = pytest.mark.django_db

# Blind assessment.


def test_assessors_see_each_others_scores_only_after_submitting_their_own(client, scheme, handler, assessor):
    file = make_file(S.ASSESSMENT, scheme=scheme, handler=handler, assessors=[handler, assessor])
    criteria = list(scheme.criteria.order_by("position"))

    def assess(user, scores, comment, draft=False):
        client.force_login(user)
        data = {f"assess-score_{c.pk}": s for c, s in zip(criteria, scores, strict=True)}
        data.update({"assess-recommendation": "partial", "assess-recommended_amount": "600", "assess-comment": comment})
        if draft:
            data["klad"] = "1"
        return client.post(file_url(file, "beoordelen"), data, follow=True)

    response = assess(handler, (1, 2), "Twijfelachtige haalbaarheid.")
    assert "Je beoordeling is ingediend." in html_of(response)

    # The other assessor has not submitted: they do not see the handler's comment or scores.
    client.force_login(assessor)
    html = html_of(client.get(file_url(file)))
    assert "Twijfelachtige haalbaarheid." not in html
    assert "De scores van de andere beoordelaars zie je nadat je je eigen beoordeling hebt ingediend." in html
    assert "Gewogen score" not in html

    # A draft of their own keeps it hidden, and nobody else sees the draft.
    response = assess(assessor, (5, 4), "Een sterk idee.", draft=True)
    assert "Je beoordeling is bewaard als klad" in html_of(response)
    html = html_of(client.get(file_url(file)))
    assert "Twijfelachtige haalbaarheid." not in html
    client.force_login(handler)
    html = html_of(client.get(file_url(file)))
    assert "Twijfelachtige haalbaarheid." in html and "Een sterk idee." not in html

    # Once submitted, they see both, with the weighted totals (1×2+2×1)/3 and (5×2+4×1)/3.
    response = assess(assessor, (5, 4), "Een sterk idee.")
    html = html_of(response)
    assert "Twijfelachtige haalbaarheid." in html and "Een sterk idee." in html
    assert "Gewogen score: 1,33 / 5" in html and "Gewogen score: 4,67 / 5" in html
    assert "Dien je beoordeling in" not in html


def test_an_assessor_saves_an_incomplete_draft(client, scheme, assessor):
    file = make_file(S.ASSESSMENT, scheme=scheme, assessors=[assessor])
    first = scheme.criteria.order_by("position").first()
    client.force_login(assessor)
    response = client.post(
        file_url(file, "beoordelen"),
        {f"assess-score_{first.pk}": "2", f"assess-score_comment_{first.pk}": "Weinig buren", "klad": "1"},
        follow=True,
    )
    assert "Je beoordeling is bewaard als klad" in html_of(response)
    assessment = Assessment.objects.get(file=file)
    assert assessment.submitted_at is None
    assert list(assessment.scores.values_list("score", "comment")) == [(2, "Weinig buren")]
    html = html_of(response)
    assert re.search(rf'<input[^>]*name="assess-score_{first.pk}" value="2"[^>]*checked', html)
    assert "Weinig buren" in html


def test_the_decision_makers_tab_lists_the_files_to_decide(client, scheme, decision_maker):
    proposed = make_file(S.PROPOSED, scheme=scheme, title="Zitbanken")
    make_file(S.ASSESSMENT, scheme=scheme, title="Moestuin")
    client.force_login(decision_maker)
    html = html_of(client.get(f"{BASE}?lijst=te-beslissen"))
    assert "Te beslissen door het college (1)" in html
    assert proposed.reference in html and "Moestuin" not in html


def test_an_assessment_needs_every_score_and_an_amount_for_a_partial_grant(client, scheme, assessor):
    file = make_file(S.ASSESSMENT, scheme=scheme, assessors=[assessor])
    first = scheme.criteria.order_by("position").first()
    client.force_login(assessor)
    response = client.post(
        file_url(file, "beoordelen"),
        {f"assess-score_{first.pk}": "3", "assess-recommendation": "partial", "assess-comment": "Half."},
    )
    html = html_of(response)
    assert "Geef een score van 0 tot 5." in html and "Geef het bedrag dat je voorstelt." in html
    assert "Half." in html
    assert Assessment.objects.get(file=file).submitted_at is None


# Decisions and the budget.


def test_only_the_decision_maker_records_the_decision(client, scheme, civil_servant, decision_maker):
    file = make_file(S.PROPOSED, scheme=scheme)
    data = {
        "decide-decided_on": timezone.localdate().isoformat(),
        "decide-outcome": "refused",
        "decide-amount": "",
        "decide-reference": "CBS/1",
        "decide-text": "Valt onder de uitsluitingen.",
    }
    client.force_login(civil_servant)
    assert "Registreer de beslissing" not in html_of(client.get(file_url(file)))
    response = client.post(file_url(file, "beslissing"), data)
    assert response.status_code == 403 and "Je mag dit niet doen voor dit dossier." in html_of(response)
    file.refresh_from_db()
    assert file.status == S.PROPOSED

    client.force_login(decision_maker)
    response = client.post(file_url(file, "beslissing"), data, follow=True)
    assert "De weigering is geregistreerd" in html_of(response)
    file.refresh_from_db()
    assert file.status == S.REFUSED and file.amount_granted is None


def test_a_decision_that_would_overcommit_the_budget_is_refused_with_the_remaining_amount(client, decision_maker):
    scheme = SchemeFactory(name="Wijkbudget", slug="wijkbudget", budget=Decimal("2000.00"))
    make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("1500.00"), amount_requested=Decimal("1500.00"))
    file = make_file(S.PROPOSED, scheme=scheme, amount_requested=Decimal("1000.00"))
    client.force_login(decision_maker)
    html = html_of(client.get(file_url(file)))
    year = timezone.localdate().year
    assert f"Resterend budget {year}: €\u00a0500,00 van €\u00a02.000,00." in html
    data = {
        "decide-decided_on": timezone.localdate().isoformat(),
        "decide-outcome": "granted",
        "decide-amount": "1.000,00",
        "decide-reference": "CBS/2025/77",
        "decide-text": "Een goed project.",
    }
    response = client.post(file_url(file, "beslissing"), data)
    html = html_of(response)
    assert response.status_code == 409
    assert f"Dit zou het budget van {year} overschrijden: er blijft nog € 500,00 over, je kent € 1.000,00 toe." in html
    assert 'value="CBS/2025/77"' in html and "Een goed project." in html  # the input is kept
    file.refresh_from_db()
    assert file.status == S.PROPOSED

    data["decide-amount"] = "500"
    response = client.post(file_url(file, "beslissing"), data, follow=True)
    file.refresh_from_db()
    assert file.status == S.GRANTED and file.amount_granted == Decimal("500.00")
    assert "€\u00a00,00 van €\u00a02.000,00" in html_of(response)


def test_a_decision_form_without_the_college_reference_keeps_the_input(client, scheme, decision_maker):
    file = make_file(S.PROPOSED, scheme=scheme)
    client.force_login(decision_maker)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        file_url(file, "beslissing"),
        {"decide-decided_on": tomorrow, "decide-outcome": "granted", "decide-text": "Motivering hier."},
    )
    html = html_of(response)
    assert response.status_code == 200 and "Er is iets niet in orde" in html
    assert "Geef het nummer van de collegebeslissing." in html and "Geef het bedrag dat wordt toegekend." in html
    assert "Een beslissing ligt niet in de toekomst" in html and "Motivering hier." in html


# Payments.


def test_a_payment_above_the_grant_is_refused_with_a_message(client, scheme, handler):
    file = make_file(S.GRANTED, scheme=scheme, handler=handler, amount_granted=Decimal("1000.00"), paid=Decimal("800"))
    client.force_login(handler)
    html = html_of(client.get(file_url(file)))
    assert "Toegekend €\u00a01.000,00, al betaald €\u00a0800,00, nog te betalen €\u00a0200,00." in html
    today = timezone.localdate().isoformat()
    response = client.post(
        file_url(file, "betalingen"),
        {"payments-kind": "balance", "payments-amount": "250", "payments-paid_on": today, "payments-reference": "X"},
    )
    html = html_of(response)
    assert response.status_code == 409
    assert (
        "Dat is te veel: er is al € 800,00 betaald van € 1.000,00; er kan nog hoogstens € 200,00 betaald worden."
        in html
    )
    assert Payment.objects.filter(file=file).count() == 1
    # A second advance above the scheme's 80 % is refused too.
    response = client.post(
        file_url(file, "betalingen"),
        {"payments-kind": "advance", "payments-amount": "100", "payments-paid_on": today},
    )
    assert "Het voorschot is hoogstens 80 % van de subsidie" in html_of(response)
    # A payment in the future is not a payment yet.
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        file_url(file, "betalingen"),
        {"payments-kind": "balance", "payments-amount": "200", "payments-paid_on": tomorrow},
    )
    assert "Registreer een betaling pas als ze is uitgevoerd." in html_of(response)
    assert Payment.objects.filter(file=file).count() == 1


# The decision letter.


def test_the_decision_letter_is_printable_and_says_what_was_decided(client, scheme, handler, applicant):
    scheme.legal_basis = "Reglement wijkbudget, gemeenteraad van 19 december 2023."
    scheme.save()
    file = make_file(
        S.GRANTED,
        scheme=scheme,
        handler=handler,
        applicant=applicant,
        title="Buurtfeest Bret",
        amount_granted=Decimal("750.00"),
        applicant_address="Stalenstraat 12",
    )
    client.force_login(handler)
    response = client.get(file_url(file, "brief"))
    html = html_of(response)
    assert response.status_code == 200
    assert html.count("<h1") == 1 and "style=" not in html and "<script" not in html
    assert "Beslissing over je subsidieaanvraag ‘Buurtfeest Bret’" in html
    assert "Annelies Jacobs" in html and "Stalenstraat 12" in html
    assert file.reference in html and "CBS/2024/123" in html
    assert file.decided_on.strftime("%Y") in html
    assert "Het college kent je een subsidie toe van €\u00a0750,00." in html
    assert "voorschot van €\u00a0600,00 (80 %)" in html
    assert "BE68 5390 0754 7034" in html
    assert "Het college kent de subsidie toe." in html  # the reasoned text
    assert "Reglement wijkbudget, gemeenteraad van 19 december 2023." in html
    assert "subsidies/subsidies.css" in html
    css = (Path(settings.BASE_DIR) / "initiatives/subsidies/static/subsidies/subsidies.css").read_text()
    assert "@media print" in css and ".letter-tools" in css

    refused = make_file(S.REFUSED, scheme=scheme, handler=handler)
    html = html_of(client.get(file_url(refused, "brief")))
    assert "Het college kent de gevraagde subsidie niet toe." in html and "voorschot" not in html

    undecided = make_file(S.PROPOSED, scheme=scheme, handler=handler)
    response = client.get(file_url(undecided, "brief"))
    assert response.status_code == 403 and "Er is nog geen beslissing in dit dossier." in html_of(response)
