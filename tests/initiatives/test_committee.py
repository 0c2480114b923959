"""The committee: the lead removes a co-initiator, a co-initiator leaves (rule
`initiatives.remove_initiator`, the service, the pages, the notifications and the audit)."""

import pytest
from django.core.exceptions import PermissionDenied

from genk.core.audit import history
from genk.core.models import Notification
from genk.core.permissions import can
from initiatives import services, workflow
from initiatives.models import Follow, Initiative, Initiator, Invitation
from tests.factories import UserFactory

from .conftest import PERSONAS
from .factories import add_co_initiator, in_state

pytestmark = pytest.mark.django_db

S = Initiative.Status
ALL = set(S.values)
NOT_FINAL = ALL - {S.REJECTED, S.REALISED, S.WITHDRAWN}
PERM = "initiatives.remove_initiator"


def membership(initiative, user) -> Initiator:
    return Initiator.objects.select_related("initiative").get(initiative=initiative, user=user)


# The rule, per persona and state.

# Removing the co-initiator's place: the lead may, the co-initiator may (leaving), nobody else.
EXPECTED_FOR_CO = {persona: set() for persona in PERSONAS} | {"initiator": NOT_FINAL, "co_initiator": NOT_FINAL}


def test_removing_a_co_initiator_per_persona_and_state(personas, by_state, co_initiator):
    wrong = []
    for persona, user in personas.items():
        for status, initiative in by_state.items():
            place = membership(initiative, co_initiator)
            expected = status in EXPECTED_FOR_CO[persona]
            if can(user, PERM, place) != expected:
                wrong.append(f"{persona} in {status}: expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_nobody_removes_the_lead(personas, by_state, initiator):
    allowed = [
        f"{persona} in {status}"
        for persona, user in personas.items()
        for status, initiative in by_state.items()
        if can(user, PERM, membership(initiative, initiator))
    ]
    assert allowed == []


def test_a_co_initiator_removes_only_themselves(initiator, co_initiator):
    draft = in_state(S.DRAFT, created_by=initiator)
    add_co_initiator(draft, co_initiator)
    other = add_co_initiator(draft)
    assert not can(co_initiator, PERM, membership(draft, other.user))
    assert can(co_initiator, PERM, membership(draft, co_initiator))
    assert can(initiator, PERM, membership(draft, other.user))


def test_the_rule_needs_a_place_in_a_committee(initiator, co_initiator, draft):
    assert not can(initiator, PERM, draft)
    assert not can(initiator, PERM, None)


# The service.


def test_the_lead_removes_a_co_initiator_who_is_told_why(
    draft, initiator, co_initiator, django_capture_on_commit_callbacks
):
    Follow.objects.create(initiative=draft, user=co_initiator)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_initiator(membership(draft, co_initiator), initiator, message="We gaan verder met twee.")
    assert not Initiator.objects.filter(initiative=draft, user=co_initiator).exists()
    # A draft they can no longer see: no longer followed, no longer visible.
    assert not Follow.objects.filter(initiative=draft, user=co_initiator).exists()
    draft.forget_cached_initiators()
    assert not can(co_initiator, "initiatives.view_initiative", draft)
    assert not can(co_initiator, "initiatives.change_initiative", draft)

    notification = Notification.objects.get(recipient=co_initiator, kind="initiatives.initiator_removed")
    assert notification.subject == "Je bent geen mede-initiatiefnemer meer van ‘Repair Café Winterslag’"
    assert 'Annelies Jacobs heeft je uit het team van "Repair Café Winterslag" gehaald' in notification.body
    assert "We gaan verder met twee." in notification.body
    assert notification.url == ""  # the draft is not public: no link to a page they cannot open
    assert not Notification.objects.filter(recipient=initiator).exists()

    [entry] = history(draft)
    assert entry.action == "initiatives.initiator_removed"
    assert entry.actor == initiator
    assert entry.before == {"co_initiator": f"Mehmet Demir (#{co_initiator.pk})"}
    assert entry.after == {"co_initiator": None}
    assert entry.reason == "We gaan verder met twee."


def test_a_co_initiator_leaves_and_the_lead_is_told(initiator, co_initiator, django_capture_on_commit_callbacks):
    initiative = in_state(S.COLLECTING, created_by=initiator, title="Speelstraat Waterschei")
    add_co_initiator(initiative, co_initiator)
    Follow.objects.create(initiative=initiative, user=co_initiator)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_initiator(membership(initiative, co_initiator), co_initiator)
    assert list(Initiator.objects.filter(initiative=initiative).values_list("user", flat=True)) == [initiator.pk]
    # A public initiative stays followed (they can unfollow on its page), and visible.
    assert Follow.objects.filter(initiative=initiative, user=co_initiator).exists()
    assert can(co_initiator, "initiatives.view_initiative", initiative)
    assert not can(co_initiator, "initiatives.post_update", initiative)

    notification = Notification.objects.get(recipient=initiator, kind="initiatives.initiator_left")
    assert notification.subject == "Mehmet Demir is geen mede-initiatiefnemer meer van ‘Speelstraat Waterschei’"
    assert notification.url == f"/initiatieven/{initiative.pk}/initiatiefnemers/"
    assert not Notification.objects.filter(recipient=co_initiator).exists()
    assert history(initiative).get().action == "initiatives.initiator_left"


def test_the_removed_person_of_a_public_initiative_gets_its_link(
    initiator, co_initiator, django_capture_on_commit_callbacks
):
    initiative = in_state(S.THRESHOLD_REACHED, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_initiator(membership(initiative, co_initiator), initiator)
    notification = Notification.objects.get(recipient=co_initiator)
    assert notification.url == initiative.get_absolute_url()
    assert "Je steun en je reacties blijven staan." in notification.body


@pytest.mark.parametrize("status", [S.REJECTED, S.REALISED, S.WITHDRAWN])
def test_a_final_initiative_keeps_its_committee(status, initiator, co_initiator):
    initiative = in_state(status, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    with pytest.raises(services.NotAllowed, match="afgesloten"):
        services.remove_initiator(membership(initiative, co_initiator), initiator)
    with pytest.raises(services.NotAllowed):
        services.remove_initiator(membership(initiative, co_initiator), co_initiator)
    assert Initiator.objects.filter(initiative=initiative).count() == 2
    assert not history(initiative).exists()


def test_others_cannot_remove_anyone(draft, initiator, co_initiator, moderator, admin_user, resident):
    place = membership(draft, co_initiator)
    for user in (moderator, admin_user, resident):
        with pytest.raises(PermissionDenied):
            services.remove_initiator(place, user)
    with pytest.raises(PermissionDenied):
        services.remove_initiator(membership(draft, initiator), initiator)  # the lead stays
    with pytest.raises(PermissionDenied):
        services.remove_initiator(membership(draft, initiator), co_initiator)
    assert Initiator.objects.filter(initiative=draft).count() == 2


def test_removing_twice_says_it_was_done(draft, initiator, co_initiator):
    place = membership(draft, co_initiator)
    services.remove_initiator(place, initiator)
    with pytest.raises(services.AlreadyDone):
        services.remove_initiator(place, initiator)
    assert history(draft).count() == 1


def test_a_burgervoorstel_without_co_initiator_cannot_be_submitted_until_someone_joins(
    initiator, co_initiator, django_capture_on_commit_callbacks
):
    proposal = in_state(S.DRAFT, created_by=initiator, kind=Initiative.Kind.PROPOSAL)
    invitation = services.invite(proposal, initiator, co_initiator.email)
    services.accept_invitation(invitation.token, co_initiator)
    services.remove_initiator(membership(proposal, co_initiator), initiator)

    proposal = Initiative.objects.get(pk=proposal.pk)
    with pytest.raises(workflow.TransitionNotAllowed, match="minstens één mede-initiatiefnemer"):
        workflow.submit(proposal, initiator)
    assert proposal.status == S.DRAFT

    # The removed person can be invited again (their old invitation was accepted once).
    again = services.invite(proposal, initiator, co_initiator.email)
    assert again.pk == invitation.pk and again.token != invitation.token and again.accepted_at is None
    services.accept_invitation(again.token, co_initiator)
    proposal = Initiative.objects.get(pk=proposal.pk)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(proposal, initiator)
    assert proposal.status == S.SUBMITTED


def test_an_invitation_accepted_by_a_current_member_is_not_sent_again(draft, initiator):
    member = UserFactory(email="nog.erbij@example.be")
    invitation = services.invite(draft, initiator, "nog.erbij@example.be")
    services.accept_invitation(invitation.token, member)
    draft = Initiative.objects.get(pk=draft.pk)
    with pytest.raises(services.AlreadyDone, match="al initiatiefnemer"):
        services.invite(draft, initiator, "nog.erbij@example.be")
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == member


# The pages.


def committee_url(initiative) -> str:
    return f"/initiatieven/{initiative.pk}/initiatiefnemers/"


def remove_url(initiative, user) -> str:
    return f"/initiatieven/{initiative.pk}/initiatiefnemers/{membership(initiative, user).pk}/verwijderen/"


def test_the_committee_page_offers_removal_to_the_lead_and_leaving_to_a_co_initiator(client, initiator, co_initiator):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    client.force_login(initiator)
    html = client.get(committee_url(initiative)).content.decode()
    assert html.count("Uit het team halen") == 1
    assert f'href="{remove_url(initiative, co_initiator)}"' in html
    assert "Uit het team stappen" not in html

    client.force_login(co_initiator)
    html = client.get(committee_url(initiative)).content.decode()
    assert "Uit het team halen" not in html
    assert "Uit het team stappen" in html
    assert f'href="{remove_url(initiative, co_initiator)}"' in html
    # The detail page leads to the team.
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert f'href="{committee_url(initiative)}"' in html and "Het team van initiatiefnemers" in html


def test_the_lead_confirms_and_removes_a_co_initiator_from_a_draft(
    client, draft, initiator, co_initiator, django_capture_on_commit_callbacks
):
    client.force_login(initiator)
    html = client.get(f"/initiatieven/{draft.pk}/schrijven/initiatiefnemers/").content.decode()
    assert "Uit het team halen" in html
    url = remove_url(draft, co_initiator)
    html = client.get(url).content.decode()
    assert "Mehmet Demir uit het team van ‘Repair Café Winterslag’ halen" in html
    assert "Bericht aan Mehmet Demir (niet verplicht)" in html
    assert "Haal Mehmet Demir uit het team" in html
    assert Initiator.objects.filter(initiative=draft).count() == 2  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Bedankt voor je hulp!"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/initiatieven/{draft.pk}/schrijven/initiatiefnemers/"
    html = response.content.decode()
    assert "Mehmet Demir maakt geen deel meer uit van het team en krijgt daarvan bericht." in html
    assert "Mehmet Demir – mede-initiatiefnemer" not in html
    assert "Bedankt voor je hulp!" in Notification.objects.get(recipient=co_initiator).body

    # A second click (another tab): told, not an error page.
    response = client.post(url, {"message": ""}, follow=True)
    assert response.status_code == 200
    assert "Deze persoon maakt al geen deel meer uit van het team." in response.content.decode()


def test_a_too_long_message_is_explained_and_kept(client, draft, initiator, co_initiator):
    client.force_login(initiator)
    response = client.post(remove_url(draft, co_initiator), {"message": "x" * 1001})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is iets niet in orde" in html
    assert "x" * 1001 in html
    assert Initiator.objects.filter(initiative=draft).count() == 2


def test_a_co_initiator_leaves_a_draft_and_lands_on_their_initiatives(client, draft, initiator, co_initiator):
    client.force_login(co_initiator)
    url = remove_url(draft, co_initiator)
    html = client.get(url).content.decode()
    assert "Uit het team van ‘Repair Café Winterslag’ stappen" in html
    assert "Bericht aan wie het initiatief startte (niet verplicht)" in html
    response = client.post(url, {"message": ""}, follow=True)
    assert response.redirect_chain[-1][0] == "/initiatieven/mijn/"
    html = response.content.decode()
    assert "Je maakt geen deel meer uit van het team van ‘Repair Café Winterslag’." in html
    assert "Repair Café Winterslag</a>" not in html
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_co_initiator_leaves_a_public_initiative_and_sees_its_page(client, initiator, co_initiator):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    client.force_login(co_initiator)
    response = client.post(remove_url(initiative, co_initiator), {"message": "Ik verhuis."}, follow=True)
    assert response.redirect_chain[-1][0] == initiative.get_absolute_url()
    assert "Je maakt geen deel meer uit van het team" in response.content.decode()


def test_a_burgervoorstel_losing_its_last_co_initiator_is_flagged(client, initiator, co_initiator):
    proposal = in_state(S.DRAFT, created_by=initiator, kind=Initiative.Kind.PROPOSAL, title="Een skatepark")
    add_co_initiator(proposal, co_initiator)
    client.force_login(initiator)
    url = remove_url(proposal, co_initiator)
    html = client.get(url).content.decode()
    assert "Een burgervoorstel dien je in met minstens één mede-initiatiefnemer" in html
    response = client.post(url, {"message": ""}, follow=True)
    assert "Nodig iemand uit: indienen kan zodra die de uitnodiging aanvaardt." in response.content.decode()
    html = client.get(f"/initiatieven/{proposal.pk}/schrijven/nakijken/").content.decode()
    assert "Een burgervoorstel heeft minstens één mede-initiatiefnemer die de uitnodiging aanvaardde." in html
    assert "Dien mijn initiatief in" not in html


def test_an_ordinary_initiative_losing_its_co_initiator_is_not_flagged(client, draft, initiator, co_initiator):
    client.force_login(initiator)
    url = remove_url(draft, co_initiator)
    assert "minstens één mede-initiatiefnemer" not in client.get(url).content.decode()


def test_who_may_not_remove_is_refused(client, initiator, co_initiator, resident, moderator):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    other = add_co_initiator(initiative).user
    url = remove_url(initiative, other)

    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    for user in (co_initiator, resident, moderator):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"message": ""}).status_code == 403
    client.force_login(initiator)
    assert client.get(remove_url(initiative, initiator)).status_code == 403  # the lead stays
    assert Initiator.objects.filter(initiative=initiative).count() == 3


def test_a_draft_s_committee_is_not_found_by_outsiders(client, draft, co_initiator, resident):
    client.force_login(resident)
    assert client.get(remove_url(draft, co_initiator)).status_code == 404
    assert client.post(remove_url(draft, co_initiator), {}).status_code == 404


def test_a_final_initiative_offers_no_removal(client, initiator, co_initiator):
    initiative = in_state(S.REALISED, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    client.force_login(initiator)
    assert client.get(remove_url(initiative, co_initiator)).status_code == 403
    assert "Uit het team" not in client.get(initiative.get_absolute_url()).content.decode()
