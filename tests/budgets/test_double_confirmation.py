"""Issue 16, item 9: a double click on the ballot confirmation sends one email, not ten."""

from django.core import mail
from django.urls import reverse

from genk.core.models import Notification
from participation.budgets.models import Ballot, Proposal


def test_ten_identical_confirmations_send_one_notification(
    client, city_cycle, district_resident, django_capture_on_commit_callbacks
):
    client.force_login(district_resident)
    ballot_url = reverse("budgets:ballot", kwargs={"slug": city_cycle.slug, "heading": "heel-genk"})
    confirm = reverse("budgets:ballot_confirm", kwargs={"slug": city_cycle.slug, "heading": "heel-genk"})
    speeltuin = Proposal.objects.get(cycle=city_cycle, title="Speeltuin").pk
    moestuin = Proposal.objects.get(cycle=city_cycle, title="Moestuin").pk
    client.post(ballot_url, {"toevoegen": speeltuin})
    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(10):
            assert client.post(confirm).status_code == 302
    assert Ballot.objects.get().choices.count() == 1
    assert Notification.objects.filter(recipient=district_resident, kind="budgets.ballot_confirmed").count() == 1
    assert len(mail.outbox) == 1
    assert "Je stem is bevestigd op" in client.get(ballot_url).content.decode()
    # A real change is confirmed by a new message.
    client.post(ballot_url, {"toevoegen": moestuin})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
        client.post(confirm)
    assert Notification.objects.filter(recipient=district_resident, kind="budgets.ballot_confirmed").count() == 2
    assert len(mail.outbox) == 2
