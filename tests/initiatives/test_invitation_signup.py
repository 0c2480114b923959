"""An invited co-initiator or co-applicant who makes an account from the invitation comes back
to it after confirming the email (issue 16, "a new user's first hour")."""

import re

from django.core import mail
from django.urls import reverse

from initiatives import services

SIGNUP = {"email": "nieuwe.buur@example.be", "password1": "Winterslag-2026!", "password2": "Winterslag-2026!"}


def _sign_up_from(client, invitation_url, django_capture_on_commit_callbacks):
    """Open the invitation, follow its "make an account" link, sign up, open the email link."""
    page = client.get(invitation_url).content.decode()
    signup = re.search(r'href="(/account/signup/\?next=[^"]+)"', page).group(1).replace("&amp;", "&")
    form = client.get(signup).content.decode()
    action = re.search(r'<form[^>]*method="post"[^>]*action="([^"]*)"', form)
    post_to = action.group(1).replace("&amp;", "&") if action and action.group(1) else signup
    hidden_next = re.search(r'name="next" value="([^"]*)"', form)
    data = {**SIGNUP, **({"next": hidden_next.group(1)} if hidden_next else {})}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post_to, data)
    assert response.status_code == 302
    link = re.search(r"http://testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(link, follow=True)
    return response


def test_an_invited_co_initiator_comes_back_to_the_invitation(
    client, draft, initiator, django_capture_on_commit_callbacks
):
    invitation = services.invite(draft, initiator, SIGNUP["email"])
    url = reverse("initiatives:invitation", kwargs={"token": invitation.token})
    response = _sign_up_from(client, url, django_capture_on_commit_callbacks)
    assert response.redirect_chain[-1][0] == url
    assert draft.title in response.content.decode()
    assert "_auth_user_id" in client.session


def test_an_invited_co_applicant_comes_back_to_the_invitation(client, db, django_capture_on_commit_callbacks):
    from initiatives.subsidies import services as subsidy_services
    from tests.subsidies.factories import SubsidyFileFactory

    file = SubsidyFileFactory(title="Speelstraat Zwartberg")
    co = subsidy_services.invite_co_applicant(file, file.applicant, email=SIGNUP["email"], name="Nieuwe buur")
    url = reverse("subsidies:accept_invitation", kwargs={"token": co.token})
    response = _sign_up_from(client, url, django_capture_on_commit_callbacks)
    assert response.redirect_chain[-1][0] == url
    assert "Speelstraat Zwartberg" in response.content.decode()


def test_the_email_link_opened_in_another_browser_still_leads_to_the_invitation(
    client, draft, initiator, django_capture_on_commit_callbacks
):
    """The confirmation link opened elsewhere (the mail app's browser): not signed in there, the
    person logs in and comes to the invitation, not to the home page."""
    from django.test import Client

    invitation = services.invite(draft, initiator, SIGNUP["email"])
    url = reverse("initiatives:invitation", kwargs={"token": invitation.token})
    client.post(reverse("account_signup") + "?next=" + url, SIGNUP)
    link = re.search(r"http://testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    other = Client()
    other.post(link)
    response = other.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}, follow=True
    )
    assert response.redirect_chain[-1][0] == url
    assert draft.title in response.content.decode()


def test_a_co_applicant_confirming_in_another_browser_comes_to_the_invitation(client, db):
    from django.test import Client

    from initiatives.subsidies import services as subsidy_services
    from tests.subsidies.factories import SubsidyFileFactory

    file = SubsidyFileFactory(title="Speelstraat Zwartberg")
    co = subsidy_services.invite_co_applicant(file, file.applicant, email=SIGNUP["email"], name="Nieuwe buur")
    url = reverse("subsidies:accept_invitation", kwargs={"token": co.token})
    client.post(reverse("account_signup") + "?next=" + url, SIGNUP)
    link = re.search(r"http://testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    other = Client()
    other.post(link)
    response = other.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}, follow=True
    )
    assert response.redirect_chain[-1][0] == url
    assert "Speelstraat Zwartberg" in response.content.decode()
