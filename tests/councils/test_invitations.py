"""Invitations: an email per member with an RFC 5545 attachment that updates (SEQUENCE) and
cancels (METHOD:CANCEL, STATUS:CANCELLED), sent once per version and member."""

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command

from genk.core.models import SendLog
from participation.councils import invitations, services, workflow
from participation.councils.models import Meeting
from participation.councils.tasks import send_meeting_invitations

from .factories import AgendaItemFactory, MeetingFactory


def calendar_of(message):
    attachments = [a for a in message.attachments if a[0].endswith(".ics")]
    assert len(attachments) == 1
    filename, content, mimetype = attachments[0]
    return filename, icalendar.Calendar.from_ical(content), mimetype


@pytest.fixture
def planned(council, board):
    meeting = MeetingFactory(council=council, title="Voorjaarsvergadering")
    AgendaItemFactory(meeting=meeting, position=1, title="Zitbanken")
    AgendaItemFactory(meeting=meeting, position=2, title="Kandidaturen", is_confidential=True)
    return meeting


def test_invitation_email_with_icalendar(planned, secretary, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.invite(planned, secretary)
    assert len(mail.outbox) == 4
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert message.subject == "[Samen Genk] Uitnodiging: Seniorenraad, Voorjaarsvergadering"
    assert "Je bent uitgenodigd op de vergadering van de Seniorenraad." in message.body
    assert "1. Zitbanken (ter beslissing)" in message.body
    assert "2. Kandidaturen (ter beslissing, vertrouwelijk)" in message.body  # members may see it
    assert f"http://127.0.0.1:8000/adviesraden/vergadering/{planned.pk}/" in message.body
    assert message.reply_to == ["seniorenraad@genk.be"]
    filename, cal, mimetype = calendar_of(message)
    assert filename == "uitnodiging.ics"
    assert mimetype.startswith("text/calendar") and "method=REQUEST" in mimetype
    assert cal["METHOD"] == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert str(event["UID"]) == f"adviesraad-vergadering-{planned.pk}@samen.genk.be"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("DTSTART") == planned.starts_at
    assert str(event["ATTENDEE"]) == f"mailto:{member.email}"
    assert str(event["ORGANIZER"]) == "mailto:seniorenraad@genk.be"
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Brussels"


def test_a_change_sends_an_update_with_a_higher_sequence(
    planned, secretary, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.invite(planned, secretary)
    mail.outbox.clear()
    # A change that does not reach calendars sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(planned, secretary, description="Met koffie.")
    assert mail.outbox == []
    new_start = planned.starts_at + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.update_meeting(
            planned, secretary, starts_at=new_start, ends_at=new_start + timedelta(hours=2)
        )
    assert meeting.sequence == 1
    assert len(mail.outbox) == 4
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert message.subject.startswith("[Samen Genk] Gewijzigd:")
    _, cal, _ = calendar_of(message)
    event = cal.walk("VEVENT")[0]
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == new_start


def test_cancellation_cancels_in_the_calendar(planned, secretary, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.invite(planned, secretary)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.cancel(planned, secretary, "De zaal is niet beschikbaar.")
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert message.subject.startswith("[Samen Genk] Geannuleerd:")
    assert "De zaal is niet beschikbaar." in message.body
    filename, cal, mimetype = calendar_of(message)
    assert filename == "annulering.ics" and "method=CANCEL" in mimetype
    assert cal["METHOD"] == "CANCEL"
    event = cal.walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == planned.uid


def test_sending_is_idempotent(planned, secretary, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.invite(planned, secretary)
    assert len(mail.outbox) == 4
    assert send_meeting_invitations.delay(planned.pk, 0).get() == 0
    call_command("councils_send_invitations", planned.pk)
    assert len(mail.outbox) == 4
    assert SendLog.objects.filter(key__startswith=f"council-invite:{planned.pk}:0:").count() == 4


def test_a_superseded_version_sends_nothing(planned, secretary):
    Meeting.objects.filter(pk=planned.pk).update(status=Meeting.Status.INVITED, sequence=2)
    services.sync_attendances(planned)
    assert invitations.send_invitations(planned.pk, 1) == 0
    assert invitations.send_invitations(planned.pk, 2) == 4


def test_new_members_are_invited_with_the_next_update(
    planned, secretary, council, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.invite(planned, secretary)
    services.add_member(
        council, secretary, user=resident, role="member", start=planned.starts_at.date() - timedelta(days=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(planned, secretary, location="Zaal 2")
    assert resident.email in {m.to[0] for m in mail.outbox}


def test_invitation_is_in_the_members_language(planned, secretary, member, django_capture_on_commit_callbacks):
    member.language = "fr"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.invite(planned, secretary)
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert message.attachments  # the calendar file whatever the language
