"""The database keeps subsidy money consistent whatever the code does: constraints, references,
computed totals."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from initiatives.subsidies.models import (
    Assessment,
    BudgetLine,
    CoApplicant,
    Criterion,
    Payment,
    Scheme,
    SchemeBudget,
    Score,
    SubsidyFile,
    normalise_address,
)
from tests.factories import DepartmentFactory, UserFactory

from .factories import SchemeFactory, SubsidyFileFactory, add_co_applicant, make_file

S = SubsidyFile.Status
pytestmark = pytest.mark.django_db


def refused(**changes):
    """The constraint refuses the row."""
    with pytest.raises(IntegrityError), transaction.atomic():
        changes.pop("model").objects.create(**changes)


def update_refused(queryset, **changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**changes)


def test_scheme_constraints():
    department = DepartmentFactory()
    base = {"model": Scheme, "name": "X", "department": department}
    refused(**base, slug="a", min_amount=Decimal("3000"), max_amount=Decimal("2500"))
    refused(**base, slug="b", max_amount=Decimal("2500"), advance_percentage=101)
    refused(**base, slug="c", max_amount=Decimal("2500"), opens_on="2025-02-01", closes_on="2025-01-01")
    Scheme.objects.create(**{k: v for k, v in base.items() if k != "model"}, slug="d", max_amount=Decimal("2500"))


def test_budget_once_per_year_and_not_negative(scheme):
    year = timezone.localdate().year
    refused(model=SchemeBudget, scheme=scheme, year=year, amount=Decimal("10"))
    refused(model=SchemeBudget, scheme=scheme, year=year + 1, amount=Decimal("-1"))


def test_criterion_weight_and_score_range(scheme):
    refused(model=Criterion, scheme=scheme, name="Nul", weight=0)
    criterion = scheme.criteria.first()
    refused(model=Criterion, scheme=scheme, name=criterion.name, weight=1)
    file = make_file(S.ASSESSMENT)
    assessment = file.assessments.get()
    refused(model=Score, assessment=assessment, criterion=file.scheme.criteria.first(), score=6)
    Score.objects.create(assessment=assessment, criterion=file.scheme.criteria.first(), score=5)
    refused(model=Score, assessment=assessment, criterion=file.scheme.criteria.first(), score=4)


def test_file_money_constraints():
    file = make_file(S.GRANTED, amount_granted=Decimal("800"), paid=0)
    rows = SubsidyFile.objects.filter(pk=file.pk)
    update_refused(rows, amount_requested=Decimal("-1"))
    update_refused(rows, amount_granted=Decimal("-1"))
    update_refused(rows, amount_recovered=Decimal("800.01"))
    update_refused(rows, amount_recovered=Decimal("-0.01"))
    update_refused(rows, amount_granted=None)  # outcome granted needs an amount
    rows.update(amount_recovered=Decimal("800"))
    draft = SubsidyFileFactory()
    update_refused(SubsidyFile.objects.filter(pk=draft.pk), amount_recovered=Decimal("1"))  # nothing granted
    update_refused(SubsidyFile.objects.filter(pk=draft.pk), city_wide=True)  # and a neighbourhood
    update_refused(SubsidyFile.objects.filter(pk=draft.pk), ends_on=draft.starts_on.replace(year=2000))


def test_positive_amounts_and_unique_rows():
    file = make_file(S.GRANTED, paid=0)
    refused(model=BudgetLine, file=file, kind="cost", description="x", amount=Decimal("0"))
    refused(model=Payment, file=file, kind="advance", amount=Decimal("0"), paid_on=timezone.localdate())
    refused(model=Assessment, file=file, assessor=file.handler)  # once per assessor (make_file made one)
    co = add_co_applicant(file)
    refused(model=CoApplicant, file=file, email=co.email)
    refused(model=Assessment, file=file, assessor=UserFactory(), submitted_at=timezone.now())  # no recommendation


def test_reference_numbers_per_year_and_iban_normalised():
    year = timezone.localdate().year
    first, second = SubsidyFileFactory(iban="be68 5390 0754 7034"), SubsidyFileFactory()
    assert first.reference == f"SUB-{year}-0001"
    assert second.reference == f"SUB-{year}-0002"
    first.refresh_from_db()
    assert first.iban == "BE68539007547034"
    first.title = "Nieuwe titel"
    first.save()
    first.refresh_from_db()
    assert first.reference == f"SUB-{year}-0001"


def test_totals_are_computed_from_the_rows():
    file = make_file(S.GRANTED, amount_granted=Decimal("1000"), paid=Decimal("800"))
    assert file.total_costs == Decimal("1500.00")
    assert file.total_income == Decimal("200.00")
    assert file.deficit == Decimal("1300.00")
    assert file.total_paid == Decimal("800.00")
    assert file.outstanding == Decimal("200.00")
    annotated = SubsidyFile.objects.with_totals().get(pk=file.pk)
    assert (annotated.total_costs, annotated.total_income, annotated.total_paid) == (
        Decimal("1500.00"),
        Decimal("200.00"),
        Decimal("800.00"),
    )
    assert annotated.outstanding == Decimal("200.00")


def test_budget_committed_and_remaining():
    scheme = SchemeFactory(budget=Decimal("5000"))
    make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("1000"))
    make_file(S.CLOSED, scheme=scheme, amount_granted=Decimal("900"))
    make_file(S.PROPOSED, scheme=scheme)  # not committed yet
    make_file(S.REFUSED, scheme=scheme)
    approved = make_file(S.REPORT_APPROVED, scheme=scheme, amount_granted=Decimal("500"), paid=0)
    SubsidyFile.objects.filter(pk=approved.pk).update(amount_recovered=Decimal("100"))
    budget = SchemeBudget.objects.with_committed().get(scheme=scheme)
    assert budget.committed == Decimal("2300.00")
    assert budget.remaining == Decimal("2700.00")
    assert scheme.remaining_for(timezone.localdate().year) == Decimal("2700.00")
    plain = SchemeBudget.objects.get(scheme=scheme)
    assert plain.remaining_amount() == Decimal("2700.00")


def test_group_size_and_distinct_addresses():
    file = SubsidyFileFactory(applicant_address="Vennestraat 5")
    add_co_applicant(file, address="  vennestraat   5 ")  # the same address, typed differently
    add_co_applicant(file, address="Vennestraat 7")
    add_co_applicant(file, address="Vennestraat 9", accepted=False)  # not accepted: does not count
    assert file.group_size() == 3
    assert file.distinct_addresses() == {"vennestraat 5", "vennestraat 7"}
    assert normalise_address(" Vennestraat\t5 ") == "vennestraat 5"


def test_queryset_views():
    today = timezone.localdate()
    late = make_file(S.SUBMITTED)
    SubsidyFile.objects.filter(pk=late.pk).update(intake_due=today.replace(year=today.year - 1), handler=None)
    on_time = make_file(S.ASSESSMENT)
    granted = make_file(S.GRANTED)
    refused_file = make_file(S.REFUSED)
    make_file(S.DRAFT)
    assert set(SubsidyFile.objects.overdue(today)) == {late}
    assert set(SubsidyFile.objects.unassigned()) == {late}
    assert set(SubsidyFile.objects.assigned_to(on_time.handler)) == {on_time}
    assert set(SubsidyFile.objects.in_register()) == {granted}
    assert refused_file not in SubsidyFile.objects.granted()
