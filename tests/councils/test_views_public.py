"""Public and member pages: what visitors, residents and members see and can do."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participation.councils import workflow
from participation.councils.models import Attendance, Meeting, MembershipApplication, MinutesRemark

from .factories import AdviceFactory, AdviceRequestFactory, MeetingFactory, MembershipFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def test_council_list(client, council, board, invited_meeting):
    AdviceFactory(council=council, sent=True)
    response = client.get(reverse("councils:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Adviesraden</h1>" in html
    assert "Seniorenraad" in html
    assert invited_meeting.starts_at.astimezone(timezone.get_current_timezone()).strftime("%H:%M") in html
    assert reverse("councils:feed") in html and reverse("councils:open_data") in html


def test_council_page(client, council, board, chair, invited_meeting):
    AdviceFactory(council=council, sent=True, title="Zitbanken in het centrum")
    AdviceFactory(council=council, title="Ontwerp dat niemand mag zien")
    AdviceRequestFactory(council=council, title="Meerjarenplan")
    former = MembershipFactory(council=council, end=timezone.localdate() - timedelta(days=5))
    response = client.get(council.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Advies over alles wat senioren aanbelangt." in html
    assert "Maria Voorzitter" in html and "voorzitter" in html
    assert "Sofie Secretaris" in html and "secretaris" in html
    assert former.user.public_name not in html  # former members: on the history page
    assert invited_meeting.get_absolute_url() in html
    assert "Zitbanken in het centrum" in html
    assert "Ontwerp dat niemand mag zien" not in html
    assert "Meerjarenplan" in html
    assert "Kandidaat stellen" not in html  # visitors log in first
    assert reverse("councils:council_feed", kwargs={"slug": council.slug}) in html
    history = client.get(reverse("councils:members", kwargs={"slug": council.slug})).content.decode()
    assert former.user.public_name in history


def test_meeting_page_quorum_status(client, secretary, chair, member, past_meeting):
    rows = {a.user_id: a for a in past_meeting.attendances.all()}
    Attendance.objects.filter(pk__in=[rows[chair.pk].pk, rows[member.pk].pk]).update(presence="present")
    html = client.get(past_meeting.get_absolute_url()).content.decode()
    assert "Quorum bereikt." in html
    assert "2 van de 3 stemgerechtigde leden aanwezig; minstens 2 nodig." in html
    Attendance.objects.filter(pk=rows[member.pk].pk).update(presence="absent")
    html = client.get(past_meeting.get_absolute_url()).content.decode()
    assert "Quorum niet bereikt." in html


def test_meeting_page_before_the_meeting(client, invited_meeting):
    html = client.get(invited_meeting.get_absolute_url()).content.decode()
    assert "De raad heeft 3 stemgerechtigde leden. Om geldig te stemmen moeten er minstens 2 aanwezig zijn." in html
    assert "Het verslag volgt na de vergadering." in html


def test_closed_meeting_page_for_the_public(client, council, board):
    meeting = MeetingFactory(
        council=council, is_public=False, status=Meeting.Status.INVITED, online_url="https://meet.example.org/geheim"
    )
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "besloten vergadering" in html
    assert "alleen de leden van de raad zien de agenda" in html
    assert "meet.example.org/geheim" not in html


def test_rsvp(client, member, invited_meeting):
    client.force_login(member)
    html = client.get(invited_meeting.get_absolute_url()).content.decode()
    assert "Je bent uitgenodigd." in html and "Antwoord versturen" in html
    response = client.post(reverse("councils:rsvp", kwargs={"pk": invited_meeting.pk}), {"answer": "excused"})
    assert response.status_code == 302
    assert invited_meeting.attendances.get(user=member).rsvp == Attendance.Rsvp.EXCUSED
    html = client.get(invited_meeting.get_absolute_url()).content.decode()
    assert "Je antwoord is genoteerd: ik ben verontschuldigd." in html


def test_rsvp_after_the_deadline(client, member, invited_meeting):
    Meeting.objects.filter(pk=invited_meeting.pk).update(rsvp_deadline=timezone.now() - timedelta(hours=1))
    client.force_login(member)
    html = client.get(invited_meeting.get_absolute_url()).content.decode()
    assert "De termijn om te antwoorden is voorbij." in html
    response = client.post(reverse("councils:rsvp", kwargs={"pk": invited_meeting.pk}), {"answer": "attending"})
    assert response.status_code == 403


def test_resident_cannot_rsvp(client, resident, invited_meeting):
    client.force_login(resident)
    response = client.post(reverse("councils:rsvp", kwargs={"pk": invited_meeting.pk}), {"answer": "attending"})
    assert response.status_code == 403


def test_remarks_on_draft_minutes(client, council, board, member, secretary):
    meeting = MeetingFactory(
        council=council, status=Meeting.Status.MINUTES_REMARKS, starts_at=timezone.now() - timedelta(days=10)
    )
    MinutesFactory(
        meeting=meeting,
        introduction="De voorzitter opent de vergadering.",
        remarks_deadline=timezone.localdate() + timedelta(days=3),
    )
    assert "De voorzitter opent" not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(member)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "De voorzitter opent de vergadering." in html
    assert "Ontwerpverslag: de leden kunnen opmerkingen geven" in html
    response = client.post(
        reverse("councils:remark", kwargs={"pk": meeting.pk}), {"body": "Mijn naam is fout gespeld."}
    )
    assert response.status_code == 302
    assert MinutesRemark.objects.get().author == member
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Mijn naam is fout gespeld." in html


def test_published_minutes_are_public(client, council, board, secretary, past_meeting):
    item = past_meeting.items.get(position=1)
    item.notes, item.decision = "Grondig besproken.", "Advies gunstig."
    item.save()
    MinutesFactory(meeting=past_meeting, introduction="Welkom aan iedereen.")
    Meeting.objects.filter(pk=past_meeting.pk).update(status=Meeting.Status.PUBLISHED)
    html = client.get(past_meeting.get_absolute_url()).content.decode()
    assert "Welkom aan iedereen." in html and "Grondig besproken." in html and "Advies gunstig." in html


def test_apply_to_join(client, council, resident, secretary):
    client.force_login(resident)
    assert "Kandidaat stellen om lid te worden" in client.get(council.get_absolute_url()).content.decode()
    url = reverse("councils:apply", kwargs={"slug": council.slug})
    response = client.post(url, {"motivation": "", "represents": ""})
    assert "Er is iets niet in orde" in response.content.decode()
    response = client.post(url, {"motivation": "Ik ben vrijwilliger in het dienstencentrum.", "represents": "OKRA"})
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.represents == "OKRA"
    html = client.get(council.get_absolute_url()).content.decode()
    assert "wordt behandeld door het secretariaat" in html
    client.post(reverse("councils:withdraw_application", kwargs={"pk": application.pk}))
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.WITHDRAWN


def test_apply_needs_login(client, council):
    response = client.get(reverse("councils:apply", kwargs={"slug": council.slug}))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_my_meetings(client, member, council, invited_meeting):
    meeting = MeetingFactory(
        council=council, status=Meeting.Status.MINUTES_REMARKS, starts_at=timezone.now() - timedelta(days=5)
    )
    MinutesFactory(meeting=meeting, remarks_deadline=timezone.localdate() + timedelta(days=2))
    client.force_login(member)
    html = client.get(reverse("councils:my_meetings")).content.decode()
    assert invited_meeting.get_absolute_url() in html
    assert "nog geen antwoord" in html
    assert f"{meeting.get_absolute_url()}#verslag" in html
    assert "Seniorenraad" in html


def test_advice_pages(client, council, board, member):
    draft = AdviceFactory(council=council, title="Ontwerpadvies")
    sent = AdviceFactory(council=council, sent=True, title="Bushaltes")
    overdue = AdviceFactory(
        council=council, sent=True, title="Te laat beantwoord", answer_due=timezone.localdate() - timedelta(days=3)
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.logout()
    html = client.get(sent.get_absolute_url()).content.decode()
    assert "De stad heeft nog niet geantwoord." in html
    html = client.get(overdue.get_absolute_url()).content.decode()
    assert "Het antwoord is te laat." in html
    html = client.get(reverse("councils:advice_list", kwargs={"slug": council.slug})).content.decode()
    assert "Bushaltes" in html and "antwoord te laat" in html and "Ontwerpadvies" not in html


def test_answered_advice_shows_the_answer(client, council, handler):
    advice = AdviceFactory(council=council, sent=True)
    workflow.answer_advice(advice, handler, outcome="partly_followed", answer="Dit jaar de helft van de banken.")
    html = client.get(advice.get_absolute_url()).content.decode()
    assert "Gedeeltelijk gevolgd" in html
    assert "Dit jaar de helft van de banken." in html
    assert "binnen de termijn" in html
