"""The demo (the three Genk schemes, files in every state, run through the workflow) and the
city-scale seed (at 1 %: files in every state that respect every invariant)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.db.models import Sum

from initiatives.subsidies.models import Payment, Scheme, SchemeBudget, SubsidyFile
from tests.factories import DepartmentMembershipFactory, NeighbourhoodFactory, UserFactory

S = SubsidyFile.Status
pytestmark = pytest.mark.django_db


def invariants_hold(files):
    for file in files.with_totals():
        assert file.amount_requested <= file.scheme.max_amount
        if file.amount_granted is not None:
            assert file.amount_granted <= file.amount_requested
            assert file.total_paid <= file.amount_granted - file.amount_recovered, file.reference
        else:
            assert file.total_paid == 0
        if file.status == S.CLOSED:
            assert file.outstanding == 0, file.reference
    for budget in SchemeBudget.objects.with_committed():
        assert budget.remaining >= 0, budget


def test_the_demo_has_the_three_schemes_and_a_file_in_every_state():
    from genk.accounts.demo import personas
    from initiatives.subsidies.demo import subsidies

    ctx = {"stdout": StringIO(), "personas": {}}
    personas(ctx)
    subsidies(ctx)
    wijkbudget = Scheme.objects.get(slug="wijkbudget")
    assert wijkbudget.max_amount == Decimal("2500.00")
    assert (wijkbudget.min_group_size, wijkbudget.min_distinct_addresses) == (5, 5)
    assert wijkbudget.once_per_group_per_year
    assert "straat- of wijkfeesten" in wijkbudget.exclusions
    assert Scheme.objects.get(slug="subsidie-internationale-solidariteit").organisation_kinds == ["north_south"]
    assert set(SubsidyFile.objects.values_list("status", flat=True)) == set(S.values)
    assert (
        ctx["personas"]["decision_maker"]["user"]
        .department_memberships.filter(department__slug="secretariaat")
        .exists()
    )
    invariants_hold(SubsidyFile.objects.all())
    count = SubsidyFile.objects.count()
    subsidies(ctx)  # idempotent
    assert SubsidyFile.objects.count() == count


def test_the_seed_makes_files_in_every_state_and_is_idempotent():
    from initiatives.subsidies.seed import REFERENCE_PREFIX, reset, seed

    for _ in range(8):
        UserFactory(neighbourhood=NeighbourhoodFactory())
    DepartmentMembershipFactory(department__slug="participatie", department__name="Participatie")
    DepartmentMembershipFactory(department__slug="wereldburgerschap", department__name="Wereldburgerschap")
    report = seed(scale=0.01, rng_seed=1)
    seeded = SubsidyFile.objects.filter(reference__startswith=REFERENCE_PREFIX)
    assert seeded.count() == 20, report
    assert set(seeded.values_list("status", flat=True)) == set(S.values)
    invariants_hold(seeded)
    assert Payment.objects.filter(file__in=seeded).aggregate(total=Sum("amount"))["total"] > 0
    assert seed(scale=0.01) == "subsidies: already seeded"
    reset()
    assert not SubsidyFile.objects.filter(reference__startswith=REFERENCE_PREFIX).exists()
    assert not Scheme.objects.filter(slug__startswith="bench-").exists()
