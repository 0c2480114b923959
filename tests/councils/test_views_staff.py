"""The chair's and the secretary's pages, walked through the browser's requests (without JavaScript)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participation.councils.models import (
    Advice,
    AdviceRequest,
    AgendaItem,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    Vote,
)

from .factories import AdviceFactory, AdviceRequestFactory

pytestmark = pytest.mark.django_db


def follow_messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_plan_a_meeting_build_the_agenda_and_invite(
    client, council, board, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    day = timezone.localdate() + timedelta(days=20)
    response = client.post(
        reverse("councils_staff:meeting_new", kwargs={"slug": council.slug}),
        {
            "title": "",
            "day": day.isoformat(),
            "start_time": "19:30",
            "end_time": "21:30",
            "location": "Raadzaal",
            "online_url": "",
            "is_public": "on",
            "description": "",
            "rsvp_day": "",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "councils_staff:meeting", kwargs={"pk": meeting.pk}
    )
    assert timezone.localtime(meeting.starts_at).hour == 19 and timezone.localtime(meeting.starts_at).minute == 30
    url = reverse("councils_staff:item_add", kwargs={"pk": meeting.pk})
    client.post(url, {"title": "Zitbanken", "description": "", "purpose": "decision"})
    client.post(url, {"title": "Kandidaturen", "description": "", "purpose": "decision", "is_confidential": "on"})
    client.post(url, {"title": "Week van de senior", "description": "", "purpose": "information"})
    items = list(meeting.items.order_by("position"))
    assert [i.title for i in items] == ["Zitbanken", "Kandidaturen", "Week van de senior"]
    assert items[1].is_confidential
    client.post(reverse("councils_staff:item_move", kwargs={"pk": items[2].pk}), {"richting": "omhoog"})
    assert list(meeting.items.order_by("position").values_list("title", flat=True)) == [
        "Zitbanken",
        "Week van de senior",
        "Kandidaturen",
    ]
    page = client.get(reverse("councils_staff:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "Uitnodigingen versturen" in page and "Vergadering annuleren" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("councils_staff:meeting_transition", kwargs={"pk": meeting.pk, "name": "invite"}), follow=True
        )
    assert "De uitnodigingen worden verstuurd" in response.content.decode()
    assert len(mail.outbox) == 4
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED


def test_meeting_form_errors(client, council, secretary):
    client.force_login(secretary)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("councils_staff:meeting_new", kwargs={"slug": council.slug}),
        {"day": yesterday.isoformat(), "start_time": "21:00", "end_time": "20:00", "is_public": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is iets niet in orde" in html
    assert "Het einde ligt voor het begin." in html and "Plan een vergadering in de toekomst." in html
    assert not Meeting.objects.exists()


def test_record_attendance_and_votes(client, secretary, chair, member, other_member, past_meeting):
    client.force_login(secretary)
    rows = {a.user_id: a.pk for a in past_meeting.attendances.all()}
    data = {f"presence_{pk}": "present" for pk in rows.values()}
    data[f"presence_{rows[other_member.pk]}"] = "excused"
    response = client.post(reverse("councils_staff:attendance", kwargs={"pk": past_meeting.pk}), data, follow=True)
    assert "Het quorum is bereikt." in response.content.decode()
    item = past_meeting.items.get(position=1)
    vote_url = reverse("councils_staff:vote", kwargs={"pk": item.pk})
    page = client.get(vote_url).content.decode()
    assert "Maria Voorzitter" in page and "Giuseppe Lid" in page and "Hasan Lid" not in page
    response = client.post(
        vote_url,
        {"motion": "Advies zitbanken", "kind": "public", f"ballot_{chair.pk}": "for", f"ballot_{member.pk}": "for"},
        follow=True,
    )
    assert "De stemming is geregistreerd: aangenomen (2 voor, 0 tegen, 0 onthoudingen)." in response.content.decode()
    vote = Vote.objects.get()
    assert set(vote.ballots.values_list("user_id", "choice")) == {(chair.pk, "for"), (member.pk, "for")}
    response = client.post(
        vote_url, {"motion": "Geheim", "kind": "secret", "votes_for": "1", "votes_against": "2", "abstentions": "0"}
    )
    assert "meer stemmen (3) dan aanwezige stemgerechtigde leden (2)" in response.content.decode()
    html = client.get(past_meeting.get_absolute_url()).content.decode()
    assert "Advies zitbanken" in html  # members and managers see the vote before the minutes


def test_minutes_from_draft_to_published(
    client, council, secretary, chair, member, past_meeting, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    transition = lambda name: reverse("councils_staff:meeting_transition", kwargs={"pk": past_meeting.pk, "name": name})  # noqa: E731
    client.post(transition("hold"))
    response = client.post(transition("start_minutes"))
    assert response["Location"] == reverse("councils_staff:minutes", kwargs={"pk": past_meeting.pk})
    item = past_meeting.items.get(position=1)
    info = past_meeting.items.get(position=2)
    client.post(
        reverse("councils_staff:minutes", kwargs={"pk": past_meeting.pk}),
        {
            "introduction": "Welkom.",
            "closing": "Slot om 21 uur.",
            f"notes_{item.pk}": "Veel vragen over de zitbanken.",
            f"decision_{item.pk}": "Gunstig advies.",
            f"notes_{info.pk}": "Programma toegelicht.",
        },
    )
    item.refresh_from_db()
    assert item.decision == "Gunstig advies."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("councils_staff:minutes_send", kwargs={"pk": past_meeting.pk}), {"deadline": ""})
    past_meeting.refresh_from_db()
    assert past_meeting.status == Meeting.Status.MINUTES_REMARKS
    client.post(reverse("councils_staff:minutes_approve", kwargs={"pk": past_meeting.pk}), {"approved_in": ""})
    client.post(transition("publish_minutes"))
    past_meeting.refresh_from_db()
    assert past_meeting.status == Meeting.Status.PUBLISHED
    client.logout()
    html = client.get(past_meeting.get_absolute_url()).content.decode()
    assert "Veel vragen over de zitbanken." in html and "Slot om 21 uur." in html


def test_cancel_a_meeting(client, secretary, invited_meeting, django_capture_on_commit_callbacks):
    client.force_login(secretary)
    url = reverse("councils_staff:meeting_cancel", kwargs={"pk": invited_meeting.pk})
    response = client.post(url, {"reason": ""})
    assert "Er is iets niet in orde" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Zaal niet beschikbaar."})
    invited_meeting.refresh_from_db()
    assert invited_meeting.status == Meeting.Status.CANCELLED
    assert all("Geannuleerd" in m.subject for m in mail.outbox)
    html = client.get(invited_meeting.get_absolute_url()).content.decode()
    assert "Deze vergadering is geannuleerd." in html and "Zaal niet beschikbaar." in html


def test_edit_an_invited_meeting_sends_updates(client, secretary, invited_meeting, django_capture_on_commit_callbacks):
    client.force_login(secretary)
    url = reverse("councils_staff:meeting_edit", kwargs={"pk": invited_meeting.pk})
    start = timezone.localtime(invited_meeting.starts_at)
    assert "bijgewerkte uitnodiging" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "title": "",
                "day": start.date().isoformat(),
                "start_time": "20:00",
                "end_time": "22:00",
                "location": "Zaal 2",
                "is_public": "on",
            },
            follow=True,
        )
    assert "De leden krijgen een bijgewerkte uitnodiging." in response.content.decode()
    invited_meeting.refresh_from_db()
    assert invited_meeting.sequence == 1 and len(mail.outbox) == 4


def test_manage_members(client, council, secretary, resident, chair):
    client.force_login(chair)
    url = reverse("councils_staff:members", kwargs={"slug": council.slug})
    response = client.post(
        url, {"email": "niemand@example.be", "role": "member", "start": timezone.localdate().isoformat()}
    )
    assert "Er is geen account met dit e-mailadres" in response.content.decode()
    response = client.post(
        url,
        {
            "email": resident.email.upper(),
            "role": "expert",
            "start": timezone.localdate().isoformat(),
            "represents": "Dienstencentrum",
        },
        follow=True,
    )
    assert "Fatma Yilmaz is toegevoegd als deskundige." in response.content.decode()
    membership = CouncilMembership.objects.get(user=resident)
    end = timezone.localdate() + timedelta(days=1)
    client.post(reverse("councils_staff:membership_end", kwargs={"pk": membership.pk}), {"end": end.isoformat()})
    membership.refresh_from_db()
    assert membership.end == end
    page = client.get(url).content.decode()
    assert "Fatma Yilmaz" in page


def test_handle_applications(client, council, secretary, resident):
    application = MembershipApplication.objects.create(council=council, user=resident, motivation="Graag!")
    client.force_login(secretary)
    page = client.get(reverse("councils_staff:applications", kwargs={"slug": council.slug})).content.decode()
    assert "Graag!" in page
    client.post(
        reverse("councils_staff:application_decide", kwargs={"pk": application.pk}),
        {"decision": "accept", "role": "member", "start": timezone.localdate().isoformat(), "response": "Welkom"},
    )
    application.refresh_from_db()
    assert application.status == "accepted" and application.membership.user == resident


def test_advice_from_agenda_item_to_answer(
    client, council, secretary, chair, handler, past_meeting, django_capture_on_commit_callbacks
):
    item = past_meeting.items.get(position=1)
    vote = Vote.objects.create(item=item, motion="Advies", votes_for=3, result="adopted")
    client.force_login(secretary)
    new_url = reverse("councils_staff:advice_new", kwargs={"slug": council.slug})
    form = client.get(f"{new_url}?agendapunt={item.pk}").content.decode()
    assert 'value="Digitale zitdagen"' in form
    response = client.post(
        new_url,
        {
            "title": "Digitale zitdagen",
            "summary": "Zitdagen in elk dienstencentrum.",
            "body": "De raad adviseert wekelijkse zitdagen.",
            "agenda_item": item.pk,
        },
    )
    advice = Advice.objects.get()
    assert response["Location"] == reverse("councils_staff:advice", kwargs={"pk": advice.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Advies goedkeuren" in page
    client.post(reverse("councils_staff:advice_approve", kwargs={"pk": advice.pk}), {"vote": vote.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("councils_staff:advice_send", kwargs={"pk": advice.pk}))
    advice.refresh_from_db()
    assert advice.status == Advice.Status.SENT
    # The secretary cannot answer for the city.
    assert (
        client.post(
            reverse("councils_staff:advice_answer", kwargs={"pk": advice.pk}), {"outcome": "followed", "answer": "Ja"}
        ).status_code
        == 403
    )
    client.force_login(handler)
    index = client.get(reverse("councils_staff:index")).content.decode()
    assert "Digitale zitdagen" in index
    page = client.get(reverse("councils_staff:advice", kwargs={"pk": advice.pk})).content.decode()
    assert "Antwoord van de stad registreren" in page
    response = client.post(
        reverse("councils_staff:advice_answer", kwargs={"pk": advice.pk}),
        {"outcome": "followed", "answer": "Het college volgt het advies."},
        follow=True,
    )
    assert "Het antwoord van de stad is geregistreerd" in response.content.decode()
    advice.refresh_from_db()
    assert advice.status == Advice.Status.ANSWERED and advice.answered_by == handler


def test_request_advice_and_decline(client, council, civil_servant, secretary):
    client.force_login(civil_servant)
    url = reverse("councils_staff:request_new", kwargs={"slug": council.slug})
    deadline = timezone.localdate() + timedelta(days=30)
    response = client.post(
        url,
        {
            "title": "Mobiliteitsplan",
            "question": "Wat vindt de raad?",
            "deadline": deadline.isoformat(),
            "department": "",
        },
    )
    assert response.status_code == 302
    request = AdviceRequest.objects.get()
    assert request.requested_by == civil_servant
    client.force_login(secretary)
    page = client.get(reverse("councils_staff:council", kwargs={"slug": council.slug})).content.decode()
    assert "Mobiliteitsplan" in page
    client.post(reverse("councils_staff:request_decline", kwargs={"pk": request.pk}), {"reason": "Andere raad."})
    request.refresh_from_db()
    assert request.status == AdviceRequest.Status.DECLINED


@pytest.mark.parametrize("persona", ["resident", "member", "other_council_member", "civil_servant"])
def test_staff_pages_are_closed_to_non_managers(client, personas, council, invited_meeting, persona):
    client.force_login(personas[persona])
    item = invited_meeting.items.first()
    advice = AdviceFactory(council=council)
    for url in [
        reverse("councils_staff:council", kwargs={"slug": council.slug}),
        reverse("councils_staff:members", kwargs={"slug": council.slug}),
        reverse("councils_staff:meeting_new", kwargs={"slug": council.slug}),
        reverse("councils_staff:meeting", kwargs={"pk": invited_meeting.pk}),
        reverse("councils_staff:attendance", kwargs={"pk": invited_meeting.pk}),
        reverse("councils_staff:item", kwargs={"pk": item.pk}),
        reverse("councils_staff:vote", kwargs={"pk": item.pk}),
        reverse("councils_staff:advice", kwargs={"pk": advice.pk}),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
    response = client.post(
        reverse("councils_staff:meeting_transition", kwargs={"pk": invited_meeting.pk, "name": "hold"})
    )
    assert response.status_code == 403


def test_staff_pages_send_visitors_to_login(client, council):
    response = client.get(reverse("councils_staff:council", kwargs={"slug": council.slug}))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_chair_without_staff_role_uses_the_staff_pages(client, council, chair, invited_meeting):
    client.force_login(chair)
    assert client.get(reverse("councils_staff:meeting", kwargs={"pk": invited_meeting.pk})).status_code == 200
    assert client.get(reverse("councils_staff:index")).status_code == 200


def test_admin_sees_every_council(client, admin_user, council):
    client.force_login(admin_user)
    assert "Seniorenraad" in client.get(reverse("councils_staff:index")).content.decode()


def test_unknown_transition_is_refused(client, secretary, invited_meeting):
    client.force_login(secretary)
    response = client.post(
        reverse("councils_staff:meeting_transition", kwargs={"pk": invited_meeting.pk, "name": "delete"})
    )
    assert response.status_code == 403


def test_item_delete_refused_when_voted(client, secretary, past_meeting):
    item = past_meeting.items.get(position=1)
    Vote.objects.create(item=item, motion="X", votes_for=2, result="adopted")
    client.force_login(secretary)
    response = client.post(reverse("councils_staff:item_delete", kwargs={"pk": item.pk}), follow=True)
    assert "Over dit punt is al gestemd" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_open_request_links(client, council, secretary):
    AdviceRequestFactory(council=council, title="Vraag X")
    client.force_login(secretary)
    form = client.get(reverse("councils_staff:advice_new", kwargs={"slug": council.slug}) + "?vraag=999999")
    assert form.status_code == 200


def test_every_staff_page_renders(client, council, secretary, chair, member, past_meeting, resident):
    """Strict templates: each GET page renders for the secretary without undefined variables."""
    from participation.councils import workflow

    MembershipApplication.objects.create(council=council, user=resident, motivation="Graag")
    request = AdviceRequestFactory(council=council)
    advice = AdviceFactory(council=council)
    item = past_meeting.items.get(position=1)
    Vote.objects.create(item=item, motion="Voorstel", votes_for=3, result="adopted")
    membership = CouncilMembership.objects.get(user=member)
    workflow.hold(past_meeting, secretary)
    workflow.start_minutes(past_meeting, secretary)
    client.force_login(secretary)
    pages = [
        reverse("councils_staff:index"),
        reverse("councils_staff:council", kwargs={"slug": council.slug}),
        reverse("councils_staff:settings", kwargs={"slug": council.slug}),
        reverse("councils_staff:members", kwargs={"slug": council.slug}),
        reverse("councils_staff:membership", kwargs={"pk": membership.pk}),
        reverse("councils_staff:membership_end", kwargs={"pk": membership.pk}),
        reverse("councils_staff:applications", kwargs={"slug": council.slug}),
        reverse("councils_staff:meeting_new", kwargs={"slug": council.slug}),
        reverse("councils_staff:meeting", kwargs={"pk": past_meeting.pk}),
        reverse("councils_staff:attendance", kwargs={"pk": past_meeting.pk}),
        reverse("councils_staff:item", kwargs={"pk": item.pk}),
        reverse("councils_staff:vote", kwargs={"pk": item.pk}),
        reverse("councils_staff:minutes", kwargs={"pk": past_meeting.pk}),
        reverse("councils_staff:minutes_send", kwargs={"pk": past_meeting.pk}),
        reverse("councils_staff:minutes_approve", kwargs={"pk": past_meeting.pk}),
        reverse("councils_staff:advice_new", kwargs={"slug": council.slug})
        + f"?agendapunt={item.pk}&vraag={request.pk}",
        reverse("councils_staff:advice", kwargs={"pk": advice.pk}),
        reverse("councils_staff:request_new", kwargs={"slug": council.slug}),
        reverse("councils_staff:request_decline", kwargs={"pk": request.pk}),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url
    upcoming = Meeting.objects.create(
        council=council,
        starts_at=timezone.now() + timedelta(days=9),
        ends_at=timezone.now() + timedelta(days=9, hours=2),
        location="Zaal",
    )
    for name in ("meeting_edit", "meeting_cancel"):
        assert client.get(reverse(f"councils_staff:{name}", kwargs={"pk": upcoming.pk})).status_code == 200


def test_settings_change_quorum(client, council, chair):
    client.force_login(chair)
    url = reverse("councils_staff:settings", kwargs={"slug": council.slug})
    data = {
        "name": council.name,
        "mission": council.mission,
        "email": council.email,
        "department": council.department_id,
        "quorum_percentage": "0",
        "answer_days": "30",
        "rsvp_days": "2",
        "remarks_days": "14",
        "is_active": "on",
    }
    assert "Er is iets niet in orde" in client.post(url, data).content.decode()
    data["quorum_percentage"] = "60"
    assert client.post(url, data).status_code == 302
    council.refresh_from_db()
    assert council.quorum_percentage == 60
