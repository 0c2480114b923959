"""Photos of a wijk: the wijkregisseur adds one (checked, versions made by the task, shown on
the wijk page with its alt text), a team member may not; removing it."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from neighbourhoods.areawork.models import WijkPhoto

pytestmark = pytest.mark.django_db


def png(width=1200, height=800) -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (width, height), (30, 120, 60)).save(out, "PNG")
    return SimpleUploadedFile("wijk.png", out.getvalue(), content_type="image/png")


def test_the_director_adds_a_photo_shown_on_the_wijk_page(client, director, wijk, django_capture_on_commit_callbacks):
    client.force_login(director)
    url = f"/beheer/wijken/{wijk.slug}/team/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "what": "photo",
                "image": png(),
                "image_alt": "Het speelplein met kinderen",
                "caption": "Kolderbos in de zomer",
            },
        )
    assert response.status_code == 302
    photo = WijkPhoto.objects.get()
    assert photo.image and photo.image_pending == "" and photo.image_width == 1200
    page = client.get(f"/wijken/{wijk.slug}/").content.decode()
    assert 'alt="Het speelplein met kinderen"' in page and "Kolderbos in de zomer" in page and "srcset=" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/beheer/wijken/{wijk.slug}/team/fotos/{photo.pk}/verwijderen/")
    assert not WijkPhoto.objects.exists()


def test_a_bad_photo_or_missing_alt_text_is_refused_in_the_form(client, director, wijk):
    client.force_login(director)
    url = f"/beheer/wijken/{wijk.slug}/team/"
    not_an_image = SimpleUploadedFile("wijk.png", b"dit is geen afbeelding", content_type="image/png")
    response = client.post(url, {"what": "photo", "image": not_an_image, "image_alt": "Iets"})
    assert response.status_code == 200 and not WijkPhoto.objects.exists()
    response = client.post(url, {"what": "photo", "image": png(), "image_alt": ""})
    assert response.status_code == 200 and "Wat staat er op de foto?" in response.content.decode()
    assert not WijkPhoto.objects.exists()


def test_a_team_member_may_not_add_photos(client, team_member, wijk):
    client.force_login(team_member)
    response = client.post(f"/beheer/wijken/{wijk.slug}/team/", {"what": "photo", "image": png(), "image_alt": "x"})
    assert response.status_code == 403 and "wijkregisseur" in response.content.decode()
