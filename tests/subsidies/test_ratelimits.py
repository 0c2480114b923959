"""Co-applicant invitations are limited per person (issue 16, "unlimited email"): they send
an email to an address the person typed."""

from django.core import mail
from django.utils import timezone

from initiatives.subsidies.models import CoApplicant

from .applicant_pages import url
from .factories import SubsidyFileFactory

TOO_OFTEN = "Je hebt dit al vaak gedaan; probeer het over"


def _invite_until_refused(client, file, allowed, django_capture_on_commit_callbacks):
    for i in range(allowed):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("co_applicants", file), {"name": f"Buur {i}", "email": f"buur{i}@example.be"})
        assert response.status_code == 302
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("co_applicants", file), {"name": "Doelwit", "email": "doelwit@example.be"})
    assert response.status_code == 200
    html = response.content.decode()
    assert TOO_OFTEN in html
    assert 'value="doelwit@example.be"' in html and 'value="Doelwit"' in html
    assert not CoApplicant.objects.filter(email="doelwit@example.be").exists()
    assert len(mail.outbox) == sent


def test_co_applicant_invitations_unverified(client, scheme, applicant, django_capture_on_commit_callbacks):
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant)
    client.force_login(applicant)
    _invite_until_refused(client, file, 3, django_capture_on_commit_callbacks)


def test_co_applicant_invitations_verified(client, scheme, applicant, django_capture_on_commit_callbacks):
    applicant.residency_verified_at = timezone.now()
    applicant.save()
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant)
    client.force_login(applicant)
    _invite_until_refused(client, file, 10, django_capture_on_commit_callbacks)
