"""The workflow: every transition checked, atomic, audited, notifying on commit."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from genk.core import audit, pagecache
from genk.core.models import Notification
from initiatives import conf, services, workflow
from initiatives.models import Initiative, Update

from .factories import SupportFactory, add_co_initiator, in_state

pytestmark = pytest.mark.django_db
S = Initiative.Status


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what the code queues with transaction.on_commit (the notifications)."""

    class Runner:
        def __call__(self, func, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return func(*args, **kwargs)

    return Runner()


def subjects(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("subject", flat=True))


def test_the_whole_journey_is_audited_and_notified(
    draft, initiator, co_initiator, moderator, supporter, run_on_commit, settings
):
    settings.INITIATIVES_THRESHOLD = 1
    run_on_commit(workflow.submit, draft, co_initiator)
    assert subjects(initiator) == ["Je initiatief ‘Repair Café Winterslag’ is ingediend"]
    assert subjects(moderator) == ["Nieuw initiatief ter moderatie: ‘Repair Café Winterslag’"]

    run_on_commit(workflow.publish, draft, moderator, message="Mooi initiatief!")
    draft.refresh_from_db()
    assert draft.status == S.COLLECTING
    assert draft.threshold == 1
    assert draft.handler == moderator
    assert (draft.supports_close_at - draft.published_at).days == 90
    assert "Je initiatief ‘Repair Café Winterslag’ is gepubliceerd" in subjects(co_initiator)
    assert "Mooi initiatief!" in Notification.objects.get(recipient=co_initiator, kind="initiatives.published").body

    run_on_commit(services.support, draft, supporter)
    draft.refresh_from_db()
    assert draft.status == S.THRESHOLD_REACHED
    assert draft.support_count == draft.counted_support_count == 1
    assert draft.answer_due is not None
    assert "‘Repair Café Winterslag’ heeft genoeg steun verzameld" in subjects(moderator)

    run_on_commit(
        workflow.answer,
        draft,
        moderator,
        outcome=Initiative.Outcome.ACCEPTED,
        text="De stad stelt het buurthuis en gereedschap ter beschikking, elke eerste zaterdag.",
    )
    assert "De stad antwoordt op ‘Repair Café Winterslag’" in subjects(supporter)
    assert "aanvaard" in Notification.objects.get(recipient=supporter, kind="initiatives.answered").body

    run_on_commit(workflow.start_progress, draft, moderator, text="We plannen de eerste editie in maart.")
    run_on_commit(workflow.realise, draft, moderator)
    draft.refresh_from_db()
    assert draft.status == S.REALISED
    assert Update.objects.filter(initiative=draft, by_city=True).count() == 1
    assert "‘Repair Café Winterslag’ is gerealiseerd" in subjects(supporter)

    actions = [(e.action, e.before.get("status"), e.after.get("status")) for e in reversed(audit.history(draft))]
    assert actions == [
        ("initiatives.submit", "draft", "submitted"),
        ("initiatives.publish", "submitted", "collecting"),
        ("initiatives.reach_threshold", "collecting", "threshold_reached"),
        ("initiatives.answer", "threshold_reached", "answered"),
        ("initiatives.start_progress", "answered", "in_progress"),
        ("initiatives.realise", "in_progress", "realised"),
    ]
    entry = audit.history(draft).get(action="initiatives.publish")
    assert entry.actor == moderator
    assert entry.reason == "Mooi initiatief!"
    assert audit.history(draft).get(action="initiatives.reach_threshold").actor is None


def test_notifications_wait_for_the_commit(draft, co_initiator, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit(draft, co_initiator)
    assert Notification.objects.count() == 0
    callbacks = [c for c in callbacks if getattr(c, "func", None) is not pagecache.replace]  # the cached pages' version
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert Notification.objects.filter(kind="initiatives.to_moderate", recipient=moderator).exists()


def test_submit_refuses_an_incomplete_draft(draft, initiator):
    draft.description = "Te kort."
    draft.neighbourhood = None
    draft.save()
    with pytest.raises(workflow.TransitionNotAllowed) as error:
        workflow.submit(draft, initiator)
    assert "minstens 50 tekens" in str(error.value)
    assert "Kies een wijk" in str(error.value)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_a_burgervoorstel_needs_a_co_initiator(initiator, neighbourhood):
    proposal = services.create_initiative(
        initiator,
        kind=Initiative.Kind.PROPOSAL,
        title="Meer zitbanken langs de Stiemerbeek",
        summary="Zitbanken om even uit te rusten tijdens een wandeling langs de beek.",
        description="Langs het wandelpad van de Stiemerbeek staan bijna geen banken. Wij vragen de gemeenteraad er tien te plaatsen.",
        neighbourhood=neighbourhood,
    )
    with pytest.raises(workflow.TransitionNotAllowed, match="minstens één mede-initiatiefnemer"):
        workflow.submit(proposal, initiator)
    add_co_initiator(proposal)
    workflow.submit(proposal, initiator)
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED


def test_a_burgervoorstel_threshold_is_one_percent_of_residents_aged_16_plus(moderator, initiator, settings):
    proposal = in_state(S.SUBMITTED, created_by=initiator, kind=Initiative.Kind.PROPOSAL)
    assert conf.burgervoorstel_threshold() == 557  # ceil(55,700 / 100), the documented estimate
    workflow.publish(proposal, moderator)
    proposal.refresh_from_db()
    assert proposal.threshold == 557
    assert (proposal.supports_close_at - proposal.published_at).days == 180

    settings.INITIATIVES_BURGERVOORSTEL_ELIGIBLE = 56_012
    other = in_state(S.SUBMITTED, created_by=initiator, kind=Initiative.Kind.PROPOSAL)
    workflow.publish(other, moderator)
    other.refresh_from_db()
    assert other.threshold == 561
    proposal.refresh_from_db()
    assert proposal.threshold == 557  # fixed at publication


def test_request_changes_and_resubmit(draft, initiator, moderator, run_on_commit):
    workflow.submit(draft, initiator)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.request_changes(draft, moderator, message="  ")
    run_on_commit(workflow.request_changes, draft, moderator, message="Vermeld waar het Repair Café plaatsvindt.")
    draft.refresh_from_db()
    assert draft.status == S.CHANGES_REQUESTED
    assert draft.moderation_message == "Vermeld waar het Repair Café plaatsvindt."
    body = Notification.objects.get(recipient=initiator, kind="initiatives.changes_requested").body
    assert "Vermeld waar het Repair Café plaatsvindt." in body
    workflow.submit(draft, initiator)
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED


def test_reject_tells_the_initiators_why(draft, initiator, moderator, run_on_commit):
    workflow.submit(draft, initiator)
    run_on_commit(workflow.reject, draft, moderator, reason="Dit is een commerciële activiteit.")
    draft.refresh_from_db()
    assert draft.status == S.REJECTED
    assert "Dit is een commerciële activiteit." in Notification.objects.get(recipient=initiator).body
    assert mail.outbox and "commerciële activiteit" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("persona", "error"),
    [("resident", PermissionDenied), ("initiator", PermissionDenied), ("other_civil_servant", PermissionDenied)],
)
def test_only_moderators_publish(personas, initiator, persona, error):
    submitted = in_state(S.SUBMITTED, created_by=initiator)
    with pytest.raises(error):
        workflow.publish(submitted, personas[persona])
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_a_transition_from_the_wrong_state_says_so(moderator, initiator):
    collecting = in_state(S.COLLECTING, created_by=initiator)
    with pytest.raises(workflow.TransitionNotAllowed, match="verzamelt steun"):
        workflow.answer(collecting, moderator, outcome="accepted", text="Een antwoord dat lang genoeg is om te tellen.")
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.publish(collecting, moderator)


def test_answer_redirected_needs_a_target(moderator, initiator):
    reached = in_state(S.THRESHOLD_REACHED, created_by=initiator)
    with pytest.raises(workflow.TransitionNotAllowed, match="waarnaar je doorverwijst"):
        workflow.answer(reached, moderator, outcome="redirected", text="We verwijzen door naar een reglement.")
    workflow.answer(
        reached,
        moderator,
        outcome="redirected",
        text="Dit past in het reglement voor burgerinitiatieven.",
        redirect_target=Initiative.RedirectTarget.SUBSIDY,
        redirect_detail="Subsidie voor burgerinitiatieven",
    )
    reached.refresh_from_db()
    assert (reached.outcome, reached.redirect_target) == ("redirected", "subsidy")


def test_the_support_period_closes_by_task(initiator, moderator, run_on_commit):
    from initiatives.tasks import close_expired_support_periods

    ended = in_state(
        S.COLLECTING, created_by=initiator, supports_close_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    running = in_state(S.COLLECTING, created_by=initiator)
    assert run_on_commit(close_expired_support_periods) == 1
    assert run_on_commit(close_expired_support_periods) == 0  # rerun: nothing twice
    ended.refresh_from_db()
    running.refresh_from_db()
    assert ended.status == S.CLOSED and ended.answer_due is not None
    assert running.status == S.COLLECTING
    assert Notification.objects.filter(recipient=initiator, kind="initiatives.supports_closed").count() == 1


def test_withdraw_by_the_lead_only_and_supporters_are_told(initiator, co_initiator, supporter, run_on_commit):
    collecting = in_state(S.COLLECTING, created_by=initiator)
    add_co_initiator(collecting, co_initiator)
    SupportFactory(initiative=collecting, user=supporter)
    with pytest.raises(PermissionDenied):
        workflow.withdraw(collecting, co_initiator)
    run_on_commit(workflow.withdraw, collecting, initiator, reason="We verhuizen.")
    collecting.refresh_from_db()
    assert collecting.status == S.WITHDRAWN and collecting.is_public
    assert Notification.objects.filter(recipient=supporter, kind="initiatives.withdrawn").exists()
    assert not Notification.objects.filter(recipient=initiator, kind="initiatives.withdrawn").exists()
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.withdraw(collecting, initiator)


def test_the_transition_table_matches_the_functions_and_the_readme():
    readme = (Path(workflow.__file__).parent / "README.md").read_text()
    for name, transition in workflow.FLOW.transitions.items():
        assert callable(getattr(workflow, name)), name
        assert f"`{name}`" in readme, f"{name} is not documented in initiatives/README.md"
        for source in transition.sources:
            assert source in S.values


def test_nothing_but_the_workflow_writes_the_status():
    root = Path(workflow.__file__).parent
    writers = []
    for path in root.glob("*.py"):
        if path.name in {"workflow.py", "seed.py", "demo.py"}:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if re.search(r"\.status\s*=[^=]|[\(,]\s*status\s*=\s*(Initiative\.)?(S|Status)\.", line):
                writers.append(f"{path.name}:{number}: {line.strip()}")
    assert not writers, "\n".join(writers)
