"""Supports: once per person, exact counters, the burgervoorstel's age rule, concurrency."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from initiatives import services
from initiatives.models import Follow, Initiative, Support
from tests.concurrency import in_threads
from tests.factories import NeighbourhoodFactory, UserFactory

from .factories import in_state

S = Initiative.Status


def resident_of(neighbourhood, **kwargs):
    return UserFactory(neighbourhood=neighbourhood, **kwargs)


def counters(initiative):
    initiative.refresh_from_db()
    rows = Support.objects.filter(initiative=initiative)
    return (initiative.support_count, initiative.counted_support_count), (
        rows.count(),
        rows.filter(counted=True).count(),
    )


@pytest.mark.django_db
def test_one_support_per_person_by_the_database():
    initiative = in_state(S.COLLECTING)
    user = resident_of(initiative.neighbourhood)
    Support.objects.create(initiative=initiative, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(initiative=initiative, user=user)


@pytest.mark.django_db
def test_support_and_withdraw_keep_the_counters_equal_to_the_rows():
    initiative = in_state(S.COLLECTING)
    people = [resident_of(initiative.neighbourhood) for _ in range(3)]
    for person in people:
        services.support(initiative, person)
    with pytest.raises(services.AlreadyDone):
        services.support(initiative, people[0])
    services.withdraw_support(initiative, people[1])
    with pytest.raises(services.AlreadyDone):
        services.withdraw_support(initiative, people[1])
    stored, rows = counters(initiative)
    assert stored == rows == (2, 2)
    assert services.recount(initiative) == {"support_count": 2, "counted_support_count": 2, "comment_count": 0}
    assert Follow.objects.filter(initiative=initiative).count() == 3  # supporting follows; withdrawing keeps it


@pytest.mark.django_db
def test_no_support_outside_the_period_or_without_the_basics(resident):
    closed = in_state(S.CLOSED)
    draft = in_state(S.DRAFT)
    collecting = in_state(S.COLLECTING)
    person = resident_of(collecting.neighbourhood)
    for initiative in (closed, draft):
        with pytest.raises(services.NotAllowed, match="steunperiode is niet open"):
            services.support(initiative, person)
    with pytest.raises(services.NotAllowed, match="in welke wijk je woont"):
        services.support(collecting, resident)
    unverified = UserFactory(neighbourhood=collecting.neighbourhood, verified=False)
    with pytest.raises(services.NotAllowed, match="Bevestig eerst je e-mailadres"):
        services.support(collecting, unverified)
    services.support(collecting, person)
    Initiative.objects.filter(pk=collecting.pk).update(supports_close_at=timezone.now())
    with pytest.raises(services.NotAllowed, match="kan niet meer ingetrokken"):
        services.withdraw_support(collecting, person)


@pytest.mark.django_db
def test_for_a_burgervoorstel_only_residents_aged_16_plus_count():
    year = timezone.localdate().year
    proposal = in_state(S.COLLECTING, kind=Initiative.Kind.PROPOSAL, threshold=557)
    hood = proposal.neighbourhood
    adult = resident_of(hood, year_of_birth=year - 40)
    certainly_16 = resident_of(hood, year_of_birth=year - 17)
    maybe_15 = resident_of(hood, year_of_birth=year - 16)  # turns 16 this year: not yet certain
    child = resident_of(hood, year_of_birth=year - 12)
    unknown = resident_of(hood, year_of_birth=None)
    for person in (adult, certainly_16, maybe_15, child, unknown):
        services.support(proposal, person)
    counted = dict(Support.objects.filter(initiative=proposal).values_list("user_id", "counted"))
    assert counted == {adult.pk: True, certainly_16.pk: True, maybe_15.pk: False, child.pk: False, unknown.pk: False}
    stored, rows = counters(proposal)
    assert stored == rows == (5, 2)
    services.withdraw_support(proposal, child)
    services.withdraw_support(proposal, adult)
    stored, rows = counters(proposal)
    assert stored == rows == (3, 1)

    ordinary = in_state(S.COLLECTING)
    services.support(ordinary, child)
    assert Support.objects.get(initiative=ordinary).counted is True


@pytest.mark.django_db
def test_the_support_that_reaches_the_threshold_moves_the_state(settings, django_capture_on_commit_callbacks):
    initiative = in_state(S.COLLECTING, threshold=2)
    first, second, third = (resident_of(initiative.neighbourhood) for _ in range(3))
    services.support(initiative, first)
    assert initiative.status == S.COLLECTING
    with django_capture_on_commit_callbacks(execute=True):
        services.support(initiative, second)
    assert initiative.status == S.THRESHOLD_REACHED
    services.support(initiative, third)  # supports stay open after the threshold
    services.withdraw_support(initiative, third)
    services.withdraw_support(initiative, second)
    initiative.refresh_from_db()
    assert initiative.status == S.THRESHOLD_REACHED  # reached is a fact, dated
    assert initiative.counted_support_count == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_clicks_by_one_person_count_once():
    initiative = in_state(S.COLLECTING)
    person = resident_of(initiative.neighbourhood)
    errors = in_threads([lambda: services.support(Initiative.objects.get(pk=initiative.pk), person)] * 8)
    assert all(isinstance(e, services.AlreadyDone) for e in errors), errors
    assert len(errors) == 7
    stored, rows = counters(initiative)
    assert stored == rows == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_by_many_people_are_all_counted(settings):
    initiative = in_state(S.COLLECTING, threshold=10)
    people = [resident_of(initiative.neighbourhood) for _ in range(12)]
    errors = in_threads(
        [lambda p=p: services.support(Initiative.objects.get(pk=initiative.pk), p) for p in people]
        + [lambda p=p: services.support(Initiative.objects.get(pk=initiative.pk), p) for p in people[:4]]
    )
    assert len(errors) == 4 and all(isinstance(e, services.AlreadyDone) for e in errors), errors
    stored, rows = counters(initiative)
    assert stored == rows == (12, 12)
    assert initiative.status == S.THRESHOLD_REACHED
    from genk.core import audit

    assert audit.history(initiative).filter(action="initiatives.reach_threshold").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_support_and_withdrawal_keep_the_counters_exact():
    initiative = in_state(S.COLLECTING)
    people = [resident_of(initiative.neighbourhood) for _ in range(10)]
    for person in people[:5]:
        services.support(initiative, person)
    errors = in_threads(
        [lambda p=p: services.withdraw_support(Initiative.objects.get(pk=initiative.pk), p) for p in people[:5]]
        + [lambda p=p: services.support(Initiative.objects.get(pk=initiative.pk), p) for p in people[5:]]
    )
    assert not errors
    stored, rows = counters(initiative)
    assert stored == rows == (5, 5)


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(st.tuples(st.sampled_from(["support", "withdraw"]), st.integers(0, 5)), max_size=30),
    proposal=st.booleans(),
)
def test_any_sequence_of_supports_and_withdrawals_keeps_the_counters_exact(steps, proposal):
    year = timezone.localdate().year
    hood = NeighbourhoodFactory()
    initiative = in_state(
        S.COLLECTING, neighbourhood=hood, kind="proposal" if proposal else "initiative", threshold=1000
    )
    people = [resident_of(hood, year_of_birth=year - age) for age in (10, 15, 16, 17, 40, 80)]
    for action, index in steps:
        try:
            if action == "support":
                services.support(initiative, people[index])
            else:
                services.withdraw_support(initiative, people[index])
        except services.AlreadyDone:
            pass
    stored, rows = counters(initiative)
    assert stored == rows


@pytest.mark.django_db
def test_a_support_is_one_transaction_without_savepoints():
    """Lock, email check, the support row, the counters and the follow: no savepoint around the
    insert (a second support rolls the whole transaction back instead). In this test the
    transaction is itself a savepoint inside the test's: one SAVEPOINT, one RELEASE."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    initiative = in_state(S.COLLECTING)
    user = resident_of(initiative.neighbourhood)
    with CaptureQueriesContext(connection) as captured:
        services.support(initiative, user)
    statements = [q["sql"].split()[0] for q in captured.captured_queries]
    assert statements == ["SAVEPOINT", "SELECT", "SELECT", "INSERT", "UPDATE", "INSERT", "RELEASE"], statements
    with pytest.raises(services.AlreadyDone):
        services.support(initiative, user)
    assert counters(initiative) == ((1, 1), (1, 1))
