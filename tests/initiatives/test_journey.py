"""The resident's journey through the pages: write in steps, invite, preview, submit, and
take part (support, follow, comment, report, news)."""

from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from genk.core.models import Notification
from initiatives.models import Comment, CommentReport, Follow, Initiative, Initiator, Invitation, Support, Theme
from tests.factories import UserFactory

from .factories import CommentFactory, add_co_initiator, in_state

pytestmark = pytest.mark.django_db
S = Initiative.Status


def image_file(name="foto.jpg", size=(800, 600), kind="JPEG", exif=None) -> SimpleUploadedFile:
    buffer = BytesIO()
    image = Image.new("RGB", size, (40, 120, 60))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, kind, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def errors_of(response) -> str:
    html = response.content.decode()
    assert "Er is iets niet in orde" in html, html[:2000]
    return html


def test_writing_in_steps_then_submitting(
    client, initiator, co_initiator, neighbourhood, moderator, django_capture_on_commit_callbacks
):
    client.force_login(initiator)
    response = client.get("/initiatieven/nieuw/")
    assert response.status_code == 200
    assert "Start een initiatief" in response.content.decode()

    # Step 1 with a mistake: what was typed comes back.
    response = client.post(
        "/initiatieven/nieuw/", {"kind": "initiative", "title": "Repair Café Winterslag", "summary": ""}
    )
    html = errors_of(response)
    assert 'value="Repair Café Winterslag"' in html
    assert Initiative.objects.count() == 0

    response = client.post(
        "/initiatieven/nieuw/",
        {
            "kind": "initiative",
            "title": "Repair Café Winterslag",
            "summary": "Samen herstellen in plaats van weggooien.",
        },
    )
    initiative = Initiative.objects.get()
    assert response["Location"] == f"/initiatieven/{initiative.pk}/schrijven/beschrijving/"
    assert initiative.status == S.DRAFT
    assert Initiator.objects.get(initiative=initiative).role == "lead"

    base = f"/initiatieven/{initiative.pk}/schrijven/"
    html = errors_of(client.post(base + "beschrijving/", {"description": "Te kort", "verder": "1"}))
    assert "Te kort" in html
    response = client.post(
        base + "beschrijving/",
        {
            "description": "Elke eerste zaterdag herstellen vrijwilligers samen met buren kapotte toestellen, fietsen en kleren.",
            "verder": "1",
        },
    )
    assert response["Location"] == base + "plaats/"

    html = errors_of(client.post(base + "plaats/", {"scope": "wijk", "verder": "1"}))
    assert "Kies de wijk, of duid aan dat het voor heel Genk is." in html
    theme = Theme.objects.get(slug="duurzaamheid-en-klimaat")
    response = client.post(
        base + "plaats/", {"scope": "wijk", "neighbourhood": neighbourhood.pk, "themes": [theme.pk], "verder": "1"}
    )
    assert response["Location"] == base + "afbeelding/"

    html = errors_of(client.post(base + "afbeelding/", {"image": image_file(), "image_alt": "", "verder": "1"}))
    assert "Beschrijf wat er op de afbeelding staat." in html
    with django_capture_on_commit_callbacks(execute=True):  # the task makes the image's versions
        response = client.post(
            base + "afbeelding/",
            {"image": image_file(), "image_alt": "Buren herstellen samen een fiets", "verder": "1"},
        )
    assert response["Location"] == base + "hulp/"
    response = client.post(
        base + "hulp/", {"help": ["venue", "materials"], "help_details": "Een zaal en tafels.", "verder": "1"}
    )
    assert response["Location"] == base + "initiatiefnemers/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/initiatieven/{initiative.pk}/uitnodigen/", {"email": "nieuwe.buur@example.be"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert mail.outbox[-1].to == ["nieuwe.buur@example.be"]
    assert invitation.get_absolute_url() in mail.outbox[-1].body
    assert "Annelies Jacobs nodigt je uit" in mail.outbox[-1].subject

    html = client.get(base + "nakijken/").content.decode()
    assert "Zo ziet je initiatief eruit" in html
    assert "Buren herstellen samen een fiets" in html
    assert "een locatie, materiaal" in html
    assert "Dien mijn initiatief in" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/initiatieven/{initiative.pk}/indienen/")
    assert response["Location"] == "/initiatieven/mijn/"
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED
    assert initiative.city_wide is False and initiative.neighbourhood == neighbourhood
    assert (initiative.help_venue, initiative.help_materials, initiative.help_permits) == (True, True, False)
    assert Notification.objects.filter(recipient=moderator, kind="initiatives.to_moderate").exists()
    html = client.get("/initiatieven/mijn/").content.decode()
    assert "ingediend, wacht op moderatie" in html
    # Submitted: no more editing.
    assert client.get(base + "idee/").status_code == 403


def test_the_preview_lists_what_is_missing(client, initiator):
    initiative = in_state(S.DRAFT, created_by=initiator, kind="proposal", description="")
    client.force_login(initiator)
    html = client.get(f"/initiatieven/{initiative.pk}/schrijven/nakijken/").content.decode()
    assert "Dit ontbreekt nog voor je kunt indienen" in html
    assert "Beschrijf je initiatief in minstens 50 tekens." in html
    assert "minstens één mede-initiatiefnemer" in html
    assert "Dien mijn initiatief in" not in html
    response = client.post(f"/initiatieven/{initiative.pk}/indienen/", follow=True)
    assert "Beschrijf je initiatief in minstens 50 tekens." in response.content.decode()


def test_the_moderators_question_shows_above_the_steps(client, initiator):
    initiative = in_state(S.CHANGES_REQUESTED, created_by=initiator, moderation_message="Vermeld de datum.")
    client.force_login(initiator)
    html = client.get(f"/initiatieven/{initiative.pk}/schrijven/idee/").content.decode()
    assert "De vraag van de moderator" in html and "Vermeld de datum." in html


def test_others_cannot_edit_a_draft(client, draft, resident, moderator):
    client.force_login(resident)
    assert client.get(f"/initiatieven/{draft.pk}/schrijven/idee/").status_code == 404
    client.force_login(moderator)
    assert client.get(f"/initiatieven/{draft.pk}/schrijven/idee/").status_code == 404
    client.logout()
    response = client.get(f"/initiatieven/{draft.pk}/schrijven/idee/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_an_invitee_with_an_account_accepts(client, draft, initiator, django_capture_on_commit_callbacks):
    invitee = UserFactory(email="mehmet@example.be", display_name="Mehmet")
    client.force_login(initiator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/initiatieven/{draft.pk}/uitnodigen/", {"email": "Mehmet@Example.be"})
    notification = Notification.objects.get(recipient=invitee, kind="initiatives.invitation")
    invitation = Invitation.objects.get(email="mehmet@example.be")
    assert notification.url == invitation.get_absolute_url()

    client.force_login(invitee)
    html = client.get("/initiatieven/mijn/").content.decode()
    assert "Uitnodigingen voor jou" in html and draft.title in html
    html = client.get(invitation.get_absolute_url()).content.decode()
    assert "Ik doe mee" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invitation.get_absolute_url(), {"antwoord": "aanvaarden"})
    assert response["Location"] == f"/initiatieven/{draft.pk}/schrijven/idee/"
    assert Initiator.objects.filter(initiative=draft, user=invitee, role="co").exists()
    assert Notification.objects.filter(recipient=initiator, kind="initiatives.invitation_accepted").exists()
    # The link is used up.
    response = client.post(invitation.get_absolute_url(), {"antwoord": "aanvaarden"}, follow=True)
    assert "niet meer geldig" in response.content.decode()


def test_an_anonymous_invitee_is_asked_to_sign_in(client, draft, initiator):
    from initiatives import services

    invitation = services.invite(draft, initiator, "nieuw@example.be")
    html = client.get(invitation.get_absolute_url()).content.decode()
    assert "Meld je aan om te aanvaarden" in html
    response = client.post(invitation.get_absolute_url(), {"antwoord": "aanvaarden"})
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_inviting_oneself_or_a_member_is_refused(client, draft, initiator, co_initiator):
    client.force_login(initiator)
    html = errors_of(client.post(f"/initiatieven/{draft.pk}/uitnodigen/", {"email": initiator.email}))
    assert "Dat is je eigen e-mailadres." in html
    response = client.post(f"/initiatieven/{draft.pk}/uitnodigen/", {"email": co_initiator.email}, follow=True)
    assert "is al initiatiefnemer" in response.content.decode()


def test_withdraw_from_the_page(client, initiator):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    client.force_login(initiator)
    html = client.get(f"/initiatieven/{initiative.pk}/intrekken/").content.decode()
    assert "Het initiatief blijft zichtbaar" in html
    client.post(f"/initiatieven/{initiative.pk}/intrekken/", {"reason": "We verhuizen."})
    initiative.refresh_from_db()
    assert initiative.status == S.WITHDRAWN
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "De initiatiefnemers hebben dit initiatief ingetrokken" in html and "We verhuizen." in html


def test_support_follow_and_withdraw_from_the_page(client, supporter):
    initiative = in_state(S.COLLECTING)
    assert client.post(f"/initiatieven/{initiative.pk}/steunen/").status_code == 302
    assert Support.objects.count() == 0
    client.force_login(supporter)
    response = client.post(f"/initiatieven/{initiative.pk}/steunen/", follow=True)
    assert "Bedankt voor je steun!" in response.content.decode()
    response = client.post(f"/initiatieven/{initiative.pk}/steunen/", follow=True)
    assert "Je steunt dit initiatief al." in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.support_count == 1
    assert Follow.objects.filter(initiative=initiative, user=supporter).exists()
    client.post(f"/initiatieven/{initiative.pk}/volgen/", {"volgen": "nee"})
    assert not Follow.objects.filter(initiative=initiative, user=supporter).exists()
    client.post(f"/initiatieven/{initiative.pk}/volgen/", {"volgen": "ja"})
    assert Follow.objects.filter(initiative=initiative, user=supporter).exists()
    response = client.post(f"/initiatieven/{initiative.pk}/steun-intrekken/", follow=True)
    assert "Je steun is ingetrokken." in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.support_count == 0


def test_comment_report_and_news(client, supporter, initiator, resident, django_capture_on_commit_callbacks):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    client.force_login(supporter)
    html = errors_of(client.post(f"/initiatieven/{initiative.pk}/reageren/", {"body": ""}))
    assert "Reageren op" in html
    response = client.post(f"/initiatieven/{initiative.pk}/reageren/", {"body": "Ik help zaterdag mee!"})
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#reactie-{comment.pk}")
    initiative.refresh_from_db()
    assert initiative.comment_count == 1

    client.logout()  # anyone may report
    html = client.get(f"/initiatieven/reacties/{comment.pk}/melden/").content.decode()
    assert "Een reactie melden" in html and "Ik help zaterdag mee!" in html
    client.post(f"/initiatieven/reacties/{comment.pk}/melden/", {"reason": "Spam"})
    client.force_login(resident)
    client.post(f"/initiatieven/reacties/{comment.pk}/melden/", {"reason": "Reclame"})
    response = client.post(f"/initiatieven/reacties/{comment.pk}/melden/", {"reason": "Nog eens"}, follow=True)
    assert "Je hebt deze reactie al gemeld" in response.content.decode()
    assert CommentReport.objects.count() == 2

    assert client.get(f"/initiatieven/{initiative.pk}/nieuws/").status_code == 403
    client.force_login(initiator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/initiatieven/{initiative.pk}/nieuws/", {"title": "Eerste editie", "body": "Twintig toestellen hersteld."}
        )
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "Eerste editie" in html and "Twintig toestellen hersteld." in html


def test_commenting_is_not_for_visitors_or_drafts(client, draft, supporter):
    initiative = in_state(S.COLLECTING)
    response = client.post(f"/initiatieven/{initiative.pk}/reageren/", {"body": "Hallo"})
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    client.force_login(supporter)
    assert client.post(f"/initiatieven/{draft.pk}/reageren/", {"body": "Hallo"}).status_code == 404
    hidden = CommentFactory(initiative=initiative)
    Comment.objects.filter(pk=hidden.pk).update(hidden_reason="x", hidden_at="2026-01-01T00:00:00Z")
    assert client.get(f"/initiatieven/reacties/{hidden.pk}/melden/").status_code == 404


def test_the_committee_page_after_submission(client, initiator):
    initiative = in_state(S.COLLECTING, created_by=initiator)
    add_co_initiator(initiative)
    client.force_login(initiator)
    html = client.get(f"/initiatieven/{initiative.pk}/initiatiefnemers/").content.decode()
    assert "Iemand uitnodigen" in html and "Terug naar het initiatief" in html
