"""The activity workflow: submit, review, publish, cancel, took_place; series move together."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from genk.core.audit import history
from genk.core.models import Notification
from genk.core.workflow import TransitionNotAllowed
from neighbourhoods.agenda import services, workflow
from neighbourhoods.agenda.models import Activity, Series

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db
A = Activity.Status


@pytest.fixture
def first_of_organisation(organisation, rep):
    return ActivityFactory(
        organiser_kind=Activity.OrganiserKind.ORGANISATION,
        department=None,
        organisation=organisation,
        status=A.DRAFT,
        published_at=None,
        created_by=rep,
    )


def test_first_activity_of_an_organisation_goes_through_review(
    first_of_organisation, rep, reviewer, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        workflow.publish(first_of_organisation, rep)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(first_of_organisation, rep)
    assert first_of_organisation.status == A.IN_REVIEW
    assert Notification.objects.get(recipient=reviewer).kind == "agenda.to_review"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.send_back(first_of_organisation, reviewer, "Vermeld de prijs voor niet-leden.")
    assert first_of_organisation.status == A.DRAFT
    assert Notification.objects.get(recipient=rep).kind == "agenda.sent_back"
    workflow.submit(first_of_organisation, rep)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(first_of_organisation, reviewer)
    assert first_of_organisation.status == A.PUBLISHED
    assert first_of_organisation.published_at is not None
    actions = [entry.action for entry in history(first_of_organisation)]
    assert "agenda.activity.approve" in actions and "agenda.activity.send_back" in actions


def test_the_second_activity_is_published_by_the_organisation(first_of_organisation, rep, reviewer, organisation):
    workflow.submit(first_of_organisation, rep)
    workflow.approve(first_of_organisation, reviewer)
    second = ActivityFactory(
        organiser_kind=Activity.OrganiserKind.ORGANISATION,
        department=None,
        organisation=organisation,
        status=A.DRAFT,
        published_at=None,
    )
    workflow.publish(second, rep)
    assert second.status == A.PUBLISHED


def test_wrong_state_is_refused_with_a_message(activity, organising_servant):
    with pytest.raises(TransitionNotAllowed, match="gepubliceerd"):
        workflow.publish(activity, organising_servant)


def test_a_series_is_published_as_a_whole_and_cancelled_per_occurrence(organising_servant, culture):
    template = ActivityFactory.build(department=culture, status=A.DRAFT, published_at=None, neighbourhood=None)
    made = services.create_activity(organising_servant, template, frequency=Series.Frequency.WEEKLY, count=3)
    workflow.publish(made[1], organising_servant)
    assert set(Activity.objects.values_list("status", flat=True)) == {A.PUBLISHED}
    workflow.cancel(made[0], organising_servant, "Feestdag")
    assert sorted(Activity.objects.values_list("status", flat=True)) == [A.CANCELLED, A.PUBLISHED, A.PUBLISHED]


def test_took_place_only_after_the_end(activity):
    assert workflow.mark_took_place(activity) is False
    activity.starts_at = timezone.now() - timedelta(hours=3)
    activity.ends_at = timezone.now() - timedelta(hours=1)
    activity.save()
    assert workflow.mark_took_place(activity) is True
    assert activity.status == A.TOOK_PLACE
    assert workflow.mark_took_place(activity) is False
