"""Money under concurrency: two decisions at the same moment cannot over-commit a scheme's
budget, and two payments at the same moment cannot pay more than was granted. Real threads,
each with its own PostgreSQL connection (transaction=True: the rows are committed)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from initiatives.subsidies import services, workflow
from initiatives.subsidies.models import Payment, SchemeBudget, SubsidyFile
from tests.concurrency import in_threads

from .factories import SchemeFactory, make_file

S = SubsidyFile.Status


def proposals(scheme, count, amount="1000"):
    files = []
    for _ in range(count):
        file = make_file(S.PROPOSED, scheme=scheme)
        SubsidyFile.objects.filter(pk=file.pk).update(proposed_amount=Decimal(amount))
        files.append(file)
    return files


def decide(file_pk, user, amount="1000"):
    workflow.decide(
        SubsidyFile.objects.get(pk=file_pk),
        user,
        outcome="granted",
        amount=amount,
        decided_on=timezone.localdate(),
        text="Toegekend.",
    )


def committed(scheme):
    return SchemeBudget.objects.with_committed().get(scheme=scheme)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_two_decisions_at_once_cannot_over_commit(round_, decision_maker):
    scheme = SchemeFactory(budget=Decimal("1500"))
    first, second = proposals(scheme, 2)
    errors = in_threads([lambda f=f: decide(f.pk, decision_maker) for f in (first, second)])
    assert len(errors) == 1 and isinstance(errors[0], workflow.TransitionNotAllowed), errors
    assert "overschrijden" in str(errors[0])
    budget = committed(scheme)
    assert budget.committed == Decimal("1000.00") and budget.remaining == Decimal("500.00")
    assert SubsidyFile.objects.filter(scheme=scheme, status=S.GRANTED).count() == 1
    assert SubsidyFile.objects.filter(scheme=scheme, status=S.PROPOSED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_many_decisions_at_once_fill_the_budget_exactly(decision_maker):
    scheme = SchemeFactory(budget=Decimal("3000"))
    files = proposals(scheme, 6)
    errors = in_threads([lambda f=f: decide(f.pk, decision_maker) for f in files])
    assert len(errors) == 3 and all(isinstance(e, workflow.TransitionNotAllowed) for e in errors), errors
    budget = committed(scheme)
    assert budget.committed == Decimal("3000.00") and budget.remaining == 0


@pytest.mark.django_db(transaction=True)
def test_a_second_decision_waits_for_the_first_to_commit(decision_maker):
    """The budget row is locked by the first decision: the second blocks until it commits,
    then sees the committed grant and refuses."""
    scheme = SchemeFactory(budget=Decimal("1500"))
    first, second = proposals(scheme, 2)
    outcome = {}

    def second_decision():
        try:
            decide(second.pk, decision_maker)
            outcome["result"] = "granted"
        except workflow.TransitionNotAllowed as error:
            outcome["result"] = str(error)
        finally:
            connection.close()

    with transaction.atomic():
        decide(first.pk, decision_maker)
        thread = threading.Thread(target=second_decision)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive(), "the second decision did not wait for the budget lock"
    thread.join(timeout=10)
    assert "overschrijden" in outcome["result"]
    assert committed(scheme).committed == Decimal("1000.00")


@pytest.mark.django_db(transaction=True)
def test_two_payments_at_once_cannot_exceed_the_grant(civil_servant):
    file = make_file(S.REPORT_APPROVED, handler=civil_servant, amount_granted=Decimal("1000"), paid=Decimal("0.01"))
    today = timezone.localdate()

    def pay():
        services.record_payment(
            SubsidyFile.objects.get(pk=file.pk), civil_servant, Payment.Kind.BALANCE, Decimal("600"), today
        )

    errors = in_threads([pay, pay, pay])
    assert len(errors) == 2 and all(isinstance(e, services.NotAllowed) for e in errors), errors
    file.refresh_from_db()
    assert file.total_paid == Decimal("600.01")
    assert file.total_paid <= file.amount_granted - file.amount_recovered
