"""Staff pages: the moderation queue, one initiative's actions and audit trail, reported
comments, exports."""

import csv
from io import BytesIO, StringIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from genk.core.models import Notification
from initiatives.models import Comment, CommentReport, Initiative

from .factories import CommentFactory, in_state

pytestmark = pytest.mark.django_db
S = Initiative.Status


def test_the_queue_is_for_staff_with_mfa(client, resident, civil_servant_without_mfa, moderator):
    client.force_login(resident)
    response = client.get("/beheer/initiatieven/")
    assert response.status_code == 403
    assert "alleen voor medewerkers" in response.content.decode()
    client.force_login(civil_servant_without_mfa)
    response = client.get("/beheer/initiatieven/")
    assert response.status_code == 302 and "/account/" in response["Location"]
    client.force_login(moderator)
    assert client.get("/beheer/initiatieven/").status_code == 200


def test_the_moderation_queue_lists_submissions(client, moderator):
    in_state(S.SUBMITTED, title="Speelstraat in de Bret")
    in_state(S.DRAFT, title="Kladversie")
    in_state(S.THRESHOLD_REACHED, title="Buurtmoestuin")
    client.force_login(moderator)
    html = client.get("/beheer/initiatieven/").content.decode()
    assert "Speelstraat in de Bret" in html
    assert "Kladversie" not in html and "Buurtmoestuin" not in html
    assert "Ter moderatie (1)" in html and "Te beantwoorden (1)" in html
    html = client.get("/beheer/initiatieven/?lijst=antwoord").content.decode()
    assert "Buurtmoestuin" in html and "Speelstraat" not in html
    html = client.get("/beheer/initiatieven/?lijst=alle").content.decode()
    assert "Kladversie" not in html


def test_publish_from_the_staff_page(
    client, moderator, other_civil_servant, initiator, django_capture_on_commit_callbacks
):
    initiative = in_state(S.SUBMITTED, created_by=initiator, title="Speelstraat in de Bret")
    client.force_login(moderator)
    html = client.get(f"/beheer/initiatieven/{initiative.pk}/").content.decode()
    assert html.count("<h1") == 1 and "style=" not in html
    for action in ("Publiceer", "Vraag een aanpassing", "Publiceer niet"):
        assert action in html
    assert "Publiceer het antwoord" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/beheer/initiatieven/{initiative.pk}/publiceren/",
            {"publiceren-handler": other_civil_servant.pk, "publiceren-message": "Veel succes!"},
        )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.COLLECTING and initiative.handler == other_civil_servant
    assert Notification.objects.filter(recipient=other_civil_servant, kind="initiatives.handler_assigned").exists()
    html = client.get(f"/beheer/initiatieven/{initiative.pk}/").content.decode()
    assert "initiatives.publish" in html and "submitted → collecting" in html
    assert "Veel succes!" in html


def test_request_changes_needs_a_message_and_keeps_the_form(client, moderator, initiator):
    initiative = in_state(S.SUBMITTED, created_by=initiator)
    client.force_login(moderator)
    response = client.post(
        f"/beheer/initiatieven/{initiative.pk}/aanpassing-vragen/", {"aanpassing-vragen-message": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Er is iets niet in orde" in html
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED
    client.post(
        f"/beheer/initiatieven/{initiative.pk}/aanpassing-vragen/", {"aanpassing-vragen-message": "Vermeld de datum."}
    )
    initiative.refresh_from_db()
    assert initiative.status == S.CHANGES_REQUESTED


def test_an_action_that_no_longer_applies_says_why(client, moderator):
    initiative = in_state(S.COLLECTING)
    client.force_login(moderator)
    response = client.post(
        f"/beheer/initiatieven/{initiative.pk}/afwijzen/", {"afwijzen-reason": "Te laat"}, follow=True
    )
    assert "Dat kan niet meer: het initiatief is nu ‘verzamelt steun’." in response.content.decode()


def test_the_handler_answers_and_others_cannot_see_it(
    client, other_civil_servant, initiator, django_capture_on_commit_callbacks
):
    from tests.factories import DepartmentMembershipFactory, enroll_mfa

    reached = in_state(S.THRESHOLD_REACHED, created_by=initiator, handler=other_civil_servant, title="Zitbanken")
    stranger = DepartmentMembershipFactory(department__slug="cultuur", department__name="Cultuur").user
    enroll_mfa(stranger)
    client.force_login(stranger)
    response = client.get(f"/beheer/initiatieven/{reached.pk}/")
    assert response.status_code == 403
    assert "verantwoordelijke medewerker" in response.content.decode()

    client.force_login(other_civil_servant)
    html = client.get("/beheer/initiatieven/?lijst=antwoord").content.decode()
    assert "Je ziet de initiatieven waarvoor je de verantwoordelijke medewerker bent." in html and "Zitbanken" in html
    html = client.get(f"/beheer/initiatieven/{reached.pk}/").content.decode()
    assert "Publiceer het antwoord" in html and "Wijs toe" not in html
    response = client.post(
        f"/beheer/initiatieven/{reached.pk}/antwoorden/",
        {"antwoorden-outcome": "redirected", "antwoorden-text": "Dit hoort bij het reglement voor burgerinitiatieven."},
    )
    assert "Kies waarnaar je doorverwijst." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/beheer/initiatieven/{reached.pk}/antwoorden/",
            {
                "antwoorden-outcome": "co_creation",
                "antwoorden-text": "De dienst Mobiliteit werkt de plaatsing van de banken samen met de buurt uit.",
            },
        )
    reached.refresh_from_db()
    assert reached.status == S.ANSWERED and reached.answered_by == other_civil_servant
    html = client.get(reached.get_absolute_url()).content.decode()
    assert "samen uitwerken met de stad" in html
    assert "De dienst Mobiliteit werkt de plaatsing" in html
    client.post(f"/beheer/initiatieven/{reached.pk}/uitvoering-starten/", {"uitvoering-starten-text": ""})
    client.post(f"/beheer/initiatieven/{reached.pk}/gerealiseerd/", {"gerealiseerd-text": "De banken staan er."})
    reached.refresh_from_db()
    assert reached.status == S.REALISED


def test_reported_comments_are_hidden_with_a_reason_for_the_author(
    client, moderator, resident, django_capture_on_commit_callbacks
):
    comment = CommentFactory(body="Jullie zijn allemaal idioten.")
    CommentReport.objects.create(comment=comment, reporter=resident, reason="Beledigend")
    kept = CommentFactory(body="Ik ben het er niet mee eens.")
    CommentReport.objects.create(comment=kept, reason="Niet akkoord")
    client.force_login(resident)
    assert client.get("/beheer/initiatieven/reacties/").status_code == 403
    client.force_login(moderator)
    html = client.get("/beheer/initiatieven/reacties/").content.decode()
    assert "Jullie zijn allemaal idioten." in html and "Beledigend" in html
    response = client.post(f"/beheer/initiatieven/reacties/{comment.pk}/verbergen/", {"reason": ""})
    assert "Er is iets niet in orde" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/beheer/initiatieven/reacties/{comment.pk}/verbergen/",
            {"reason": "Beledigingen horen hier niet; hou het respectvol."},
        )
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == moderator
    notification = Notification.objects.get(recipient=comment.author, kind="initiatives.comment_hidden")
    assert "Beledigingen horen hier niet" in notification.body
    assert "Jullie zijn allemaal idioten." in notification.body
    client.post(f"/beheer/initiatieven/reacties/{kept.pk}/in-orde/")
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()
    assert not Comment.objects.get(pk=kept.pk).is_hidden
    from genk.core import audit

    assert audit.history(comment).get().action == "initiatives.comment_hidden"


def test_only_comments_with_an_open_report_wait_for_the_moderators(client, moderator, resident):
    never_reported = CommentFactory(body="Goed idee, ik help mee.")
    handled = CommentFactory(body="Dit is al afgehandeld.")
    CommentReport.objects.create(comment=handled, reason="Spam", resolved_at=timezone.now())
    reported = CommentFactory(body="Dit moet weg.")
    CommentReport.objects.create(comment=reported, reporter=resident, reason="Beledigend")
    CommentReport.objects.create(comment=reported, reason="Ook beledigend")
    assert list(Comment.objects.with_open_reports()) == [reported]
    client.force_login(moderator)
    html = client.get("/beheer/initiatieven/reacties/").content.decode()
    assert "Dit moet weg." in html
    assert never_reported.body not in html and handled.body not in html


def test_exports_in_csv_and_xlsx(client, moderator, other_civil_servant):
    in_state(S.COLLECTING, title='=HYPERLINK("http://example.com")', support_count=12, counted_support_count=12)
    in_state(S.REALISED, title="Repair Café Winterslag")
    in_state(S.DRAFT, title="Kladversie")
    client.force_login(other_civil_servant)
    assert client.get("/beheer/initiatieven/export.csv").status_code == 403
    client.force_login(moderator)
    response = client.get("/beheer/initiatieven/export.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="initiatieven-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["nummer", "titel", "soort", "status"]
    titles = {row[1] for row in rows[1:]}
    assert titles == {'\'=HYPERLINK("http://example.com")', "Repair Café Winterslag"}
    formula_row = next(row for row in rows if row[1].startswith("'="))
    assert formula_row[9] == "12" and formula_row[3] == "verzamelt steun"

    response = client.get("/beheer/initiatieven/export.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][1] == "titel" and len(values) == 3
    assert {row[1] for row in values[1:]} == {'\'=HYPERLINK("http://example.com")', "Repair Café Winterslag"}


def test_staff_dashboard_items(client, moderator, other_civil_servant):
    in_state(S.SUBMITTED)
    in_state(S.CLOSED, handler=other_civil_servant)
    from genk.core.portal import dashboard_items

    labels = {(i.label, i.count) for i in dashboard_items(moderator)}
    assert ("Ter moderatie", 1) in labels and ("Te beantwoorden", 1) in labels
    labels = {(i.label, i.count) for i in dashboard_items(other_civil_servant)}
    assert ("Initiatieven waarvoor ik verantwoordelijk ben", 1) in labels
    client.force_login(moderator)
    html = client.get("/beheer/").content.decode()
    assert "Ter moderatie" in html
