"""The permission matrix: every rule, for each persona, in every state."""

import pytest

from genk.core.permissions import can
from initiatives.models import Initiative

from .conftest import PERSONAS
from .factories import CommentFactory, in_state

pytestmark = pytest.mark.django_db

S = Initiative.Status
ALL = set(S.values)
PUBLIC = {S.COLLECTING, S.THRESHOLD_REACHED, S.CLOSED, S.ANSWERED, S.IN_PROGRESS, S.REALISED, S.WITHDRAWN}
NOT_DRAFT = ALL - {S.DRAFT}
EDITABLE = {S.DRAFT, S.CHANGES_REQUESTED}
NOT_FINAL = ALL - {S.REJECTED, S.REALISED, S.WITHDRAWN}
WITHDRAWABLE = {S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.COLLECTING, S.THRESHOLD_REACHED, S.CLOSED}
UPDATES = {S.COLLECTING, S.THRESHOLD_REACHED, S.CLOSED, S.ANSWERED, S.IN_PROGRESS}
SUPPORTS_OPEN = {S.COLLECTING, S.THRESHOLD_REACHED}
COMMENTS = PUBLIC - {S.WITHDRAWN}
NONE = set()
SIGNED_IN = [p for p in PERSONAS if p != "visitor"]


def matrix(**by_persona):
    """Expected states per persona; personas not named: none."""
    return {persona: by_persona.get(persona, NONE) for persona in PERSONAS}


EXPECTED = {
    "initiatives.view_initiative": matrix(
        visitor=PUBLIC,
        resident=PUBLIC,
        initiator=ALL,
        co_initiator=ALL,
        moderator=NOT_DRAFT,
        other_civil_servant=PUBLIC,
        admin_user=NOT_DRAFT,
    ),
    "initiatives.change_initiative": matrix(initiator=EDITABLE, co_initiator=EDITABLE),
    "initiatives.submit_initiative": matrix(initiator=EDITABLE, co_initiator=EDITABLE),
    "initiatives.invite_initiator": matrix(initiator=NOT_FINAL, co_initiator=NOT_FINAL),
    "initiatives.withdraw_initiative": matrix(initiator=WITHDRAWABLE),
    "initiatives.post_update": matrix(initiator=UPDATES, co_initiator=UPDATES, moderator=UPDATES, admin_user=UPDATES),
    "initiatives.view_staff_initiative": matrix(moderator=NOT_DRAFT, admin_user=NOT_DRAFT),
    "initiatives.moderate_initiative": matrix(moderator={S.SUBMITTED}, admin_user={S.SUBMITTED}),
    "initiatives.assign_handler": matrix(moderator=NOT_FINAL, admin_user=NOT_FINAL),
    "initiatives.answer_initiative": matrix(
        moderator={S.THRESHOLD_REACHED, S.CLOSED}, admin_user={S.THRESHOLD_REACHED, S.CLOSED}
    ),
    "initiatives.manage_progress": matrix(
        moderator={S.ANSWERED, S.IN_PROGRESS}, admin_user={S.ANSWERED, S.IN_PROGRESS}
    ),
    # The resident persona has no neighbourhood yet; the initiators have one.
    "initiatives.support_initiative": matrix(initiator=SUPPORTS_OPEN, co_initiator=SUPPORTS_OPEN),
    "initiatives.withdraw_support": matrix(**dict.fromkeys(SIGNED_IN, SUPPORTS_OPEN)),
    "initiatives.follow_initiative": matrix(**dict.fromkeys(SIGNED_IN, PUBLIC)),
    "initiatives.comment_initiative": matrix(**dict.fromkeys(SIGNED_IN, COMMENTS)),
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_permission_matrix(perm, personas, by_state):
    wrong = []
    for persona, user in personas.items():
        for status, initiative in by_state.items():
            expected = status in EXPECTED[perm][persona]
            if can(user, perm, initiative) != expected:
                wrong.append(f"{persona} in {status}: expected {expected}")
    assert not wrong, f"{perm}:\n" + "\n".join(wrong)


def test_our_rules_do_not_give_the_administrator_everything(admin_user, initiator):
    """Django's user.has_perm says yes to a superuser for anything; our code asks `can`."""
    draft = in_state(S.DRAFT, created_by=initiator)
    assert admin_user.has_perm("initiatives.change_initiative", draft)
    assert not can(admin_user, "initiatives.change_initiative", draft)
    assert not can(admin_user, "initiatives.view_initiative", draft)


def test_a_draft_is_visible_to_its_initiators_only(personas, by_state):
    draft = by_state[S.DRAFT]
    allowed = {name for name, user in personas.items() if can(user, "initiatives.view_initiative", draft)}
    assert allowed == {"initiator", "co_initiator"}


def test_a_rejected_initiative_never_published_stays_private(personas, initiator):
    rejected = in_state(S.REJECTED, created_by=initiator)
    assert not can(personas["visitor"], "initiatives.view_initiative", rejected)
    assert not can(personas["resident"], "initiatives.view_initiative", rejected)
    assert can(personas["moderator"], "initiatives.view_initiative", rejected)


def test_withdrawn_before_publication_stays_private(personas, initiator):
    withdrawn = in_state(S.WITHDRAWN, created_by=initiator, published_at=None, threshold=None)
    assert not can(personas["visitor"], "initiatives.view_initiative", withdrawn)
    assert can(personas["initiator"], "initiatives.view_initiative", withdrawn)


def test_the_handler_from_another_department_answers_and_manages_progress(other_civil_servant, initiator):
    reached = in_state(S.THRESHOLD_REACHED, created_by=initiator, handler=other_civil_servant)
    answered = in_state(S.ANSWERED, created_by=initiator, handler=other_civil_servant)
    not_theirs = in_state(S.THRESHOLD_REACHED, created_by=initiator)
    assert can(other_civil_servant, "initiatives.answer_initiative", reached)
    assert can(other_civil_servant, "initiatives.view_staff_initiative", reached)
    assert can(other_civil_servant, "initiatives.manage_progress", answered)
    assert can(other_civil_servant, "initiatives.post_update", answered)
    assert not can(other_civil_servant, "initiatives.answer_initiative", not_theirs)
    assert not can(other_civil_servant, "initiatives.moderate_initiatives")


def test_a_declined_initiative_has_no_progress(moderator, initiator):
    declined = in_state(S.ANSWERED, created_by=initiator, outcome=Initiative.Outcome.DECLINED)
    assert not can(moderator, "initiatives.manage_progress", declined)


def test_supporting_needs_a_verified_email_and_a_neighbourhood(resident, initiator):
    from allauth.account.models import EmailAddress

    initiative = in_state(S.COLLECTING, created_by=initiator)
    assert not can(resident, "initiatives.support_initiative", initiative)  # no neighbourhood
    resident.neighbourhood = initiative.neighbourhood
    resident.save()
    assert can(resident, "initiatives.support_initiative", initiative)
    EmailAddress.objects.filter(user=resident).update(verified=False)
    del resident._initiatives_verified_email
    assert not can(resident, "initiatives.support_initiative", initiative)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", False),
        ("resident", False),
        ("initiator", False),
        ("co_initiator", False),
        ("moderator", True),
        ("other_civil_servant", False),
        ("admin_user", True),
    ],
)
def test_moderation_queue_export_and_hiding_comments(personas, persona, expected):
    user = personas[persona]
    comment = CommentFactory()
    assert can(user, "initiatives.moderate_initiatives") is expected
    assert can(user, "initiatives.export_initiatives") is expected
    assert can(user, "initiatives.hide_comment", comment) is expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_reports_a_visible_comment_on_a_public_initiative(personas, persona):
    from django.utils import timezone

    user = personas[persona]
    comment = CommentFactory()
    assert can(user, "initiatives.report_comment", comment)
    comment.hidden_at = timezone.now()
    comment.hidden_reason = "Beledigend."
    assert not can(user, "initiatives.report_comment", comment)


@pytest.mark.parametrize("persona", PERSONAS)
def test_starting_an_initiative_needs_an_account(personas, persona):
    assert can(personas[persona], "initiatives.add_initiative") is (persona != "visitor")
