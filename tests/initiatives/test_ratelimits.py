"""Rate limits per person (issue 16, "unlimited email"): committee invitations, comments,
supports and their withdrawal. The (N+1)th is refused with the message, what the person typed
stays, and nothing is stored or sent."""

from django.core import mail
from django.urls import reverse

from initiatives.models import Comment, Initiative, Invitation, Support

from .factories import in_state

TOO_OFTEN = "Je hebt dit al vaak gedaan; probeer het over"


def _collecting(**fields):
    return in_state(Initiative.Status.COLLECTING, **fields)


def test_committee_invitations_per_hour(client, draft, initiator, django_capture_on_commit_callbacks):
    client.force_login(initiator)  # residency not verified: 3 an hour
    url = reverse("initiatives:invite", kwargs={"pk": draft.pk})
    for i in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"email": f"buur{i}@example.be"}).status_code == 302
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "spam.doelwit@example.be"})
    assert response.status_code == 200
    html = response.content.decode()
    assert TOO_OFTEN in html
    assert 'value="spam.doelwit@example.be"' in html  # what the person typed stays
    assert not Invitation.objects.filter(email="spam.doelwit@example.be").exists()
    assert len(mail.outbox) == sent


def test_verified_residents_invite_more(client, draft, initiator, django_capture_on_commit_callbacks):
    from django.utils import timezone

    initiator.residency_verified_at = timezone.now()
    initiator.save()
    client.force_login(initiator)
    url = reverse("initiatives:invite", kwargs={"pk": draft.pk})
    for i in range(10):
        assert client.post(url, {"email": f"buur{i}@example.be"}).status_code == 302
    response = client.post(url, {"email": "elfde@example.be"})
    assert TOO_OFTEN in response.content.decode()
    assert Invitation.objects.filter(initiative=draft).count() == 10


def test_comments_per_hour(client, supporter, neighbourhood):
    initiative = _collecting(neighbourhood=neighbourhood)
    client.force_login(supporter)
    url = reverse("initiatives:comment", kwargs={"pk": initiative.pk})
    for i in range(10):
        assert client.post(url, {"body": f"Reactie nummer {i}"}).status_code == 302
    response = client.post(url, {"body": "Nog een reactie die te veel is"})
    assert response.status_code == 200
    html = response.content.decode()
    assert TOO_OFTEN in html
    assert "Nog een reactie die te veel is" in html
    assert Comment.objects.filter(initiative=initiative).count() == 10


def test_supports_and_withdrawals_per_hour(client, supporter, neighbourhood, settings):
    settings.RATE_LIMITS = {"initiatives.support": "3/h", "initiatives.withdraw_support": "2/h"}
    initiatives = [_collecting(neighbourhood=neighbourhood) for _ in range(4)]
    client.force_login(supporter)
    for initiative in initiatives[:3]:
        client.post(reverse("initiatives:support", kwargs={"pk": initiative.pk}))
    assert Support.objects.filter(user=supporter).count() == 3
    response = client.post(reverse("initiatives:support", kwargs={"pk": initiatives[3].pk}), follow=True)
    assert TOO_OFTEN in response.content.decode()
    assert not Support.objects.filter(user=supporter, initiative=initiatives[3]).exists()
    initiatives[3].refresh_from_db()
    assert initiatives[3].support_count == 0

    for initiative in initiatives[:2]:
        client.post(reverse("initiatives:withdraw_support", kwargs={"pk": initiative.pk}))
    assert Support.objects.filter(user=supporter).count() == 1
    response = client.post(reverse("initiatives:withdraw_support", kwargs={"pk": initiatives[2].pk}), follow=True)
    assert TOO_OFTEN in response.content.decode()
    assert Support.objects.filter(user=supporter, initiative=initiatives[2]).exists()
