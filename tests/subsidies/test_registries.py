"""What subsidies contribute to the shared registries: dashboard figures (per neighbourhood,
district, SDG and period), the data download and erasure, the staff dashboard."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from genk.core import gdpr, indicators, portal
from initiatives.subsidies import indicators as subsidy_indicators
from initiatives.subsidies.models import SubsidyFile
from tests.factories import NeighbourhoodFactory

from .factories import SchemeFactory, make_file

S = SubsidyFile.Status
pytestmark = pytest.mark.django_db


def test_granted_per_neighbourhood_district_sdg_and_period():
    from worldcitizenship.models import Goal

    goal, _ = Goal.objects.get_or_create(
        number=11,
        defaults={
            "short_title_nl": "Steden",
            "short_title_en": "Cities",
            "short_title_fr": "Villes",
            "title_en": "Cities",
            "title_fr": "Villes",
        },
    )
    scheme = SchemeFactory()
    scheme.sdgs.add(goal)
    hood = NeighbourhoodFactory()
    make_file(S.GRANTED, scheme=scheme, neighbourhood=hood, amount_granted=Decimal("1000"))
    closed = make_file(S.CLOSED, scheme=scheme, neighbourhood=hood, amount_granted=Decimal("500"))
    SubsidyFile.objects.filter(pk=closed.pk).update(amount_recovered=Decimal("100"))
    make_file(S.REFUSED, scheme=scheme, neighbourhood=hood)
    make_file(S.PROPOSED, scheme=scheme, neighbourhood=hood)
    period = indicators.Period.year(timezone.localdate().year)
    amount = indicators.get("subsidies.granted_amount")
    count = indicators.get("subsidies.granted_count")
    assert amount.by_neighbourhood(period) == {hood.pk: Decimal("1400.00")}
    assert count.by_neighbourhood(period) == {hood.pk: 2}
    assert amount.combine(amount.by_neighbourhood(period), [hood.pk]) == Decimal("1400.00")
    assert subsidy_indicators.granted_per_sdg(period) == {11: Decimal("1400.00")}
    last_year = indicators.Period.year(timezone.localdate().year - 1)
    assert amount.by_neighbourhood(last_year) == {}


def test_data_download_and_erasure(resident):
    submitted = make_file(S.SUBMITTED, applicant=resident)
    draft = make_file(S.DRAFT, applicant=resident)
    data = gdpr.export_sections(resident)["subsidies"]
    assert {f["reference"] for f in data["subsidy_files"]} == {submitted.reference, draft.reference}
    assert data["subsidy_files"][0]["iban"] == "BE68539007547034"
    gdpr.erase_all(resident)
    assert SubsidyFile.objects.filter(pk=submitted.pk).exists()  # a financial record is kept
    assert not SubsidyFile.objects.filter(pk=draft.pk).exists()


def test_staff_dashboard(civil_servant, decision_maker, resident):
    late = make_file(S.SUBMITTED)
    SubsidyFile.objects.filter(pk=late.pk).update(intake_due=timezone.localdate() - timedelta(days=1))
    make_file(S.PROPOSED)
    items = {i.label: i.count for i in portal.dashboard_items(civil_servant) if i.section == "Subsidies"}
    assert items["Niet toegewezen"] == 1 and items["Te laat"] == 1
    decider = {i.label: i.count for i in portal.dashboard_items(decision_maker) if i.section == "Subsidies"}
    assert decider["Te beslissen door het college"] == 1
    assert not [i for i in portal.dashboard_items(resident) if i.section == "Subsidies"]
