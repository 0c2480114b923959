"""Issue 16, first hour: an .ics for a single meeting beside each meeting, for members and the
public alike, with what each may see (parsed with icalendar)."""

import icalendar
import pytest
from django.urls import reverse

from participation.councils.models import Meeting


def calendar_of(client, meeting):
    response = client.get(reverse("councils:meeting_ics", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.content)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return events[0]


def test_the_meeting_page_links_to_its_own_ics(client, invited_meeting):
    html = client.get(invited_meeting.get_absolute_url()).content.decode()
    assert reverse("councils:meeting_ics", kwargs={"pk": invited_meeting.pk}) in html
    assert "Zet in je agenda (.ics)" in html


def test_the_public_gets_the_public_agenda(client, invited_meeting):
    event = calendar_of(client, invited_meeting)
    assert str(event["uid"]) == invited_meeting.uid
    assert event.decoded("dtstart") == invited_meeting.starts_at
    assert event.decoded("dtend") == invited_meeting.ends_at
    description = str(event["description"])
    assert "Zitbanken op de wandelroutes" in description
    assert "Kandidaturen" not in description
    assert invited_meeting.council.name in str(event["summary"])


def test_a_member_gets_a_members_only_meeting_with_the_whole_agenda(client, invited_meeting, member):
    Meeting.objects.filter(pk=invited_meeting.pk).update(is_public=False, online_url="https://meet.example/raad")
    client.force_login(member)
    event = calendar_of(client, invited_meeting)
    assert "Kandidaturen: persoonlijke gegevens" in str(event["description"])
    assert "https://meet.example/raad" in str(event["location"])


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_public_never_gets_the_link_of_a_members_only_meeting(client, invited_meeting, resident, signed_in):
    Meeting.objects.filter(pk=invited_meeting.pk).update(is_public=False, online_url="https://meet.example/raad")
    if signed_in:
        client.force_login(resident)
    event = calendar_of(client, invited_meeting)
    assert "meet.example" not in event.to_ical().decode()
    assert "Kandidaturen" not in str(event["description"])
