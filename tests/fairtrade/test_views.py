"""The pages: the overview, the directory with its filters and map, registering (errors keep
the input), the officer's review, progress, evidence, steering group and the report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from PIL import Image

from worldcitizenship.fairtrade import tasks
from worldcitizenship.fairtrade.models import Evidence, Point, SteeringMeeting, SteeringMember

from .factories import PointFactory

pytestmark = pytest.mark.django_db
P = Point.Status
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("ontbijt.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_overview_shows_what_is_met_and_what_is_missing(client, criteria, wijk, approved):
    body = client.get("/wereldburgerschap/fairtrade/").content.decode()
    assert "0 van de 6 criteria behaald" in body
    assert "1 van de 12 nodige fairtradepunten goedgekeurd" in body  # 30,000 / 2,500
    assert "Er ontbreken nog 11 punten." in body
    assert "Een trekkersgroep" in body


def test_the_overview_says_when_wijken_have_no_population(client, criteria, wijk):
    from tests.factories import NeighbourhoodFactory

    NeighbourhoodFactory(code="FT-X", population=None)
    body = client.get("/wereldburgerschap/fairtrade/").content.decode()
    assert "Het inwonertal is maar voor 1 van de 2 wijken ingevuld" in body


def test_criteria_page_names_sources_and_what_to_verify(client, criteria, wijk):
    body = client.get("/wereldburgerschap/fairtrade/criteria/").content.decode()
    assert "fairtradegemeenten.be" in body
    assert body.count("na te vragen bij de campagne") == 3


def test_directory_filters_and_map(client, wijk, other_wijk, approved, submitted):
    PointFactory(
        name="Basisschool De Regenboog", kind="school", neighbourhood=other_wijk, latitude=50.965, longitude=5.515
    )
    body = client.get("/wereldburgerschap/fairtrade/punten/").content.decode()
    assert "Wereldwinkel Genk" in body and "Basisschool De Regenboog" in body
    assert "Koffiebar De Bonen" not in body  # not approved
    assert 'class="place-marker"' in body and "<svg" in body
    school = client.get("/wereldburgerschap/fairtrade/punten/?soort=school").content.decode()
    assert "Basisschool De Regenboog" in school and "Wereldwinkel Genk" not in school
    in_wijk = client.get("/wereldburgerschap/fairtrade/punten/?wijk=ft-wijk").content.decode()
    assert "Wereldwinkel Genk" in in_wijk and "Basisschool De Regenboog" not in in_wijk


def test_a_submitted_point_is_hidden_from_others(client, submitted, other_resident, resident):
    assert client.get(submitted.get_absolute_url()).status_code == 404
    client.force_login(other_resident)
    assert client.get(submitted.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert (
        "De dienst Wereldburgerschap kijkt je aanmelding na"
        in client.get(submitted.get_absolute_url()).content.decode()
    )


def test_visitor_is_sent_to_login_to_register(client):
    response = client.get("/wereldburgerschap/fairtrade/punten/aanmelden/")
    assert response.status_code == 302 and "/account/login/" in response.url


def form_data(wijk, **changes):
    data = {
        "name": "Buurtwinkel Het Hoekje",
        "kind": "shop",
        "address": "Molenstraat 3, 3600 Genk",
        "neighbourhood": wijk.pk,
        "latitude": "50.965",
        "longitude": "5.495",
        "website": "",
        "offer": "Fairtradebananen en chocolade",
    }
    data.update(changes)
    return data


def test_register_as_a_representative(client, wijk, representative, organisation, worldcitizenship_officer):
    client.force_login(representative)
    response = client.post(
        "/wereldburgerschap/fairtrade/punten/aanmelden/", form_data(wijk, organisation=organisation.pk)
    )
    point = Point.objects.get()
    assert response.status_code == 302 and response.url == point.get_absolute_url()
    assert point.status == P.SUBMITTED and point.organisation == organisation and point.applicant == representative
    assert "Buurtwinkel Het Hoekje" in client.get("/wereldburgerschap/fairtrade/mijn-punten/").content.decode()


def test_a_point_outside_genk_is_refused_and_the_input_kept(client, wijk, resident):
    client.force_login(resident)
    response = client.post(
        "/wereldburgerschap/fairtrade/punten/aanmelden/", form_data(wijk, latitude="51.2", longitude="4.4")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dit punt ligt buiten Genk" in body
    assert 'value="Buurtwinkel Het Hoekje"' in body and "Fairtradebananen en chocolade" in body
    assert not Point.objects.exists()


def test_a_point_in_another_wijk_is_refused(client, wijk, other_wijk, resident):
    client.force_login(resident)
    response = client.post("/wereldburgerschap/fairtrade/punten/aanmelden/", form_data(other_wijk))
    assert "Dit punt ligt niet in de wijk Zwartberg" in response.content.decode()
    assert not Point.objects.exists()


def test_missing_fields_keep_the_input(client, wijk, resident):
    client.force_login(resident)
    response = client.post("/wereldburgerschap/fairtrade/punten/aanmelden/", form_data(wijk, name="", offer=""))
    body = response.content.decode()
    assert response.status_code == 200 and "Dit veld is verplicht" in body
    assert 'value="Molenstraat 3, 3600 Genk"' in body
    assert not Point.objects.exists()


def test_officer_approves_and_declines(client, submitted, worldcitizenship_officer, wijk):
    client.force_login(worldcitizenship_officer)
    assert "Koffiebar De Bonen" in client.get("/beheer/wereldburgerschap/fairtrade/").content.decode()
    url = f"/beheer/wereldburgerschap/fairtrade/punten/{submitted.pk}/"
    response = client.post(url, {"decision": "approve", "a-message": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == P.APPROVED
    other = PointFactory(neighbourhood=wijk, status=P.SUBMITTED, approved_at=None)
    url = f"/beheer/wereldburgerschap/fairtrade/punten/{other.pk}/"
    response = client.post(url, {"decision": "decline", "d-message": ""})
    assert response.status_code == 200 and "Dit veld is verplicht" in response.content.decode()
    client.post(url, {"decision": "decline", "d-message": "Geen fairtradeproducten gevonden."})
    other.refresh_from_db()
    assert other.status == P.DECLINED and other.review_message == "Geen fairtradeproducten gevonden."


@pytest.mark.parametrize("persona", ["resident", "civil_servant"])
def test_others_get_a_reason_on_staff_pages(client, request, persona, submitted):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/beheer/wereldburgerschap/fairtrade/punten/{submitted.pk}/")
    assert response.status_code == 403
    if persona == "civil_servant":
        assert "dienst Wereldburgerschap" in response.content.decode()


def test_applicant_withdraws_an_approved_point(client, approved, resident):
    client.force_login(resident)
    response = client.post(f"/wereldburgerschap/fairtrade/punten/{approved.pk}/intrekken/", {"message": ""})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == P.WITHDRAWN


def test_progress_evidence_and_report(client, criteria, wijk, approved, worldcitizenship_officer):
    client.force_login(worldcitizenship_officer)
    base = "/beheer/wereldburgerschap/fairtrade/2026/"
    assert client.get(base).status_code == 200
    url = base + "criterium/5/"
    client.post(url, {"form": "progress", "status": "met", "notes": "Drie vergaderingen"})
    # A photo without alt text is refused, with the title kept.
    response = client.post(
        url,
        {"form": "evidence", "kind": "photo", "title": "Fairtradeontbijt", "alt_text": "", "public": "on",
         "photo": photo()},
    )  # fmt: skip
    assert response.status_code == 200 and 'value="Fairtradeontbijt"' in response.content.decode()
    assert "Beschrijf wat er op de foto te zien is" in response.content.decode()
    # Not an image: refused.
    response = client.post(
        url,
        {"form": "evidence", "kind": "photo", "title": "Fairtradeontbijt", "alt_text": "Ontbijt", "public": "on",
         "photo": SimpleUploadedFile("ontbijt.png", PNG, content_type="image/png")},
    )  # fmt: skip
    assert "geen afbeelding die we kunnen lezen" in response.content.decode()
    client.post(
        url,
        {"form": "evidence", "kind": "photo", "title": "Fairtradeontbijt", "alt_text": "Mensen aan een ontbijttafel",
         "public": "on", "photo": photo()},
    )  # fmt: skip
    evidence = Evidence.objects.get()
    assert evidence.image_pending and not evidence.image
    assert tasks.make_image_versions(evidence.pk, evidence.image_pending)
    evidence.refresh_from_db()
    assert evidence.image.name.startswith("fairtrade/") and evidence.image_width == 800
    client.post(
        url,
        {"form": "evidence", "kind": "document", "title": "Verslag", "public": "", "file": SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 x", content_type="application/pdf")},
    )  # fmt: skip
    document = Evidence.objects.get(kind="document")
    client.logout()
    overview = client.get("/wereldburgerschap/fairtrade/?jaar=2026").content.decode()
    assert "1 van de 6 criteria behaald" in overview
    assert 'alt="Mensen aan een ontbijttafel"' in overview and 'width="800"' in overview
    assert "Verslag" not in overview
    assert client.get(f"/wereldburgerschap/fairtrade/bewijs/{document.pk}/").status_code == 404
    client.force_login(worldcitizenship_officer)
    assert client.get(f"/wereldburgerschap/fairtrade/bewijs/{document.pk}/").status_code == 200
    SteeringMember.objects.create(name="Lotte", role="voorzitter")
    SteeringMeeting.objects.create(date="2026-03-12", minutes="Planning")
    report = client.get(base + "verslag/").content.decode()
    assert "Voortgangsrapport FairTrade-gemeente Genk 2026" in report and "Wereldwinkel Genk" in report
    assert "Lotte" in report and "Planning" in report
    response = client.get(base + "verslag.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Criterium" and rows[5][2] == "behaald" and rows[2][3] == 12
    assert any(r and r[0] == "Wereldwinkel Genk" for r in rows)


def test_steering_group_form(client, worldcitizenship_officer):
    client.force_login(worldcitizenship_officer)
    url = "/beheer/wereldburgerschap/fairtrade/trekkersgroep/"
    response = client.post(url, {"form": "member", "m-name": "An", "m-role": ""})
    assert response.status_code == 200 and 'value="An"' in response.content.decode()
    client.post(url, {"form": "member", "m-name": "An", "m-role": "secretaris"})
    client.post(url, {"form": "meeting", "v-date": "2026-05-12", "v-place": "Stadhuis", "v-minutes": "Verslag"})
    assert SteeringMember.objects.get().role == "secretaris" and SteeringMeeting.objects.count() == 1


STAFF_PAGES = [
    "/beheer/wereldburgerschap/fairtrade/",
    "/beheer/wereldburgerschap/fairtrade/trekkersgroep/",
    "/beheer/wereldburgerschap/fairtrade/2026/",
    "/beheer/wereldburgerschap/fairtrade/2026/criterium/1/",
    "/beheer/wereldburgerschap/fairtrade/2026/verslag/",
    "/beheer/wereldburgerschap/fairtrade/2026/verslag.xlsx",
]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", 302),  # to the login page
        ("resident", 403),
        ("representative", 403),
        ("civil_servant", 403),
        ("worldcitizenship_officer", 200),
        ("admin_user", 200),
    ],
)
def test_staff_pages_per_persona(client, request, criteria, persona, expected):
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)
    for url in STAFF_PAGES:
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert "/account/login/" in response.url
