"""Handing the lead over: the lead makes a co-initiator the initiatiefnemer and stays in the
team as co-initiator (rule `initiatives.transfer_lead`, the service, the pages, the
notification and the audit)."""

import pytest
from django.core.exceptions import PermissionDenied

from genk.core.audit import history
from genk.core.models import Notification
from genk.core.permissions import can
from initiatives import services
from initiatives.models import Initiative, Initiator

from .conftest import PERSONAS
from .factories import add_co_initiator, in_state

pytestmark = pytest.mark.django_db

S = Initiative.Status
NOT_FINAL = set(S.values) - {S.REJECTED, S.REALISED, S.WITHDRAWN}
PERM = "initiatives.transfer_lead"


def place(initiative, user) -> Initiator:
    return Initiator.objects.select_related("initiative").get(initiative=initiative, user=user)


def transfer_url(initiative, user) -> str:
    return f"/initiatieven/{initiative.pk}/initiatiefnemers/{place(initiative, user).pk}/overdragen/"


def test_handing_over_per_persona_and_state(personas, by_state, initiator, co_initiator):
    """Only the lead, only to a co-initiator, only while the initiative is not final."""
    expected = {persona: set() for persona in PERSONAS} | {"initiator": NOT_FINAL}
    wrong = []
    for persona, user in personas.items():
        for status, initiative in by_state.items():
            if can(user, PERM, place(initiative, co_initiator)) != (status in expected[persona]):
                wrong.append(f"{persona} in {status}")
            if can(user, PERM, place(initiative, initiator)):  # the lead's own place: nothing to hand over
                wrong.append(f"{persona} in {status} (the lead's place)")
    assert not wrong, "\n".join(wrong)


def test_the_co_initiator_becomes_the_lead_and_the_former_lead_stays(
    initiator, co_initiator, django_capture_on_commit_callbacks
):
    initiative = in_state(S.COLLECTING, created_by=initiator, title="Repair Café Winterslag")
    add_co_initiator(initiative, co_initiator)
    assert can(initiator, "initiatives.withdraw_initiative", initiative)
    with django_capture_on_commit_callbacks(execute=True):
        services.transfer_lead(place(initiative, co_initiator), initiator, message="Ik verhuis naar Hasselt.")
    initiative.refresh_from_db()
    assert initiative.created_by == co_initiator
    roles = dict(Initiator.objects.filter(initiative=initiative).values_list("user_id", "role"))
    assert roles == {co_initiator.pk: Initiator.Role.LEAD, initiator.pk: Initiator.Role.CO}
    # The rights follow the lead.
    assert can(co_initiator, "initiatives.withdraw_initiative", initiative)
    assert not can(initiator, "initiatives.withdraw_initiative", initiative)
    assert can(initiator, "initiatives.post_update", initiative)  # still in the team
    assert can(co_initiator, "initiatives.remove_initiator", place(initiative, initiator))
    # Audited, and the new lead is told, with the message.
    entry = history(initiative).get(action="initiatives.lead_transferred")
    assert entry.actor == initiator
    assert entry.reason == "Ik verhuis naar Hasselt."
    assert "Annelies Jacobs" in str(entry.before) and "Mehmet Demir" in str(entry.after)
    note = Notification.objects.get(recipient=co_initiator)
    assert "Repair Café Winterslag" in note.subject
    assert "Ik verhuis naar Hasselt." in note.body
    assert note.url == f"/initiatieven/{initiative.pk}/initiatiefnemers/"
    # Handing it back is possible, by the new lead.
    services.transfer_lead(place(initiative, initiator), co_initiator)
    initiative.refresh_from_db()
    assert initiative.created_by == initiator


def test_only_the_lead_hands_over(initiator, co_initiator, resident, moderator):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    for user in (co_initiator, resident, moderator):
        with pytest.raises(PermissionDenied):
            services.transfer_lead(place(initiative, co_initiator), user)
    assert Initiative.objects.get(pk=initiative.pk).created_by == initiator


@pytest.mark.parametrize("status", [S.REJECTED, S.REALISED, S.WITHDRAWN])
def test_a_final_initiative_keeps_its_lead(status, initiator, co_initiator):
    initiative = in_state(status, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    with pytest.raises(services.NotAllowed, match="afgesloten"):
        services.transfer_lead(place(initiative, co_initiator), initiator)


def test_the_committee_page_offers_it_to_the_lead_only(client, initiator, co_initiator):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    client.force_login(initiator)
    html = client.get(f"/initiatieven/{initiative.pk}/initiatiefnemers/").content.decode()
    assert html.count("Maak initiatiefnemer") == 1
    assert f'href="{transfer_url(initiative, co_initiator)}"' in html
    client.force_login(co_initiator)
    assert "Maak initiatiefnemer" not in client.get(f"/initiatieven/{initiative.pk}/initiatiefnemers/").content.decode()


def test_the_lead_confirms_on_a_page_then_hands_over(client, draft, initiator, co_initiator):
    client.force_login(initiator)
    url = transfer_url(draft, co_initiator)
    html = client.get(url).content.decode()
    assert "‘Repair Café Winterslag’ overdragen aan Mehmet Demir" in html
    assert "Bericht aan Mehmet Demir (niet verplicht)" in html
    assert Initiative.objects.get(pk=draft.pk).created_by == initiator  # a GET changes nothing

    response = client.post(url, {"message": "x" * 1001})  # too long: explained, nothing lost
    assert response.status_code == 200
    assert "x" * 1001 in response.content.decode()
    assert Initiative.objects.get(pk=draft.pk).created_by == initiator

    response = client.post(url, {"message": "Succes!"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/initiatieven/{draft.pk}/schrijven/initiatiefnemers/"
    html = response.content.decode()
    assert "Mehmet Demir is nu de initiatiefnemer en krijgt daarvan bericht." in html
    assert Initiative.objects.get(pk=draft.pk).created_by == co_initiator
    # A second click (another tab): told, not an error page.
    response = client.post(url, {"message": ""}, follow=True)
    assert response.status_code == 200
    assert "Mehmet Demir is al de initiatiefnemer." in response.content.decode()


def test_who_may_not_hand_over_is_refused(client, initiator, co_initiator, resident, moderator):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    add_co_initiator(initiative, co_initiator)
    url = transfer_url(initiative, co_initiator)
    assert client.get(url).status_code == 302  # a visitor signs in first
    for user in (co_initiator, resident, moderator):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"message": ""}).status_code == 403
    assert Initiative.objects.get(pk=initiative.pk).created_by == initiator


def test_a_draft_s_transfer_page_is_not_found_by_outsiders(client, draft, co_initiator, resident):
    client.force_login(resident)
    assert client.get(transfer_url(draft, co_initiator)).status_code == 404
