"""The image of an activity (genk.core.images): in the organiser's form, checked with a clear
message and nothing typed lost, versions made by the task, shown with srcset on the agenda and
the activity page; a series shares one image."""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from genk.core.models import OutboxMessage
from neighbourhoods.agenda import tasks
from neighbourhoods.agenda.models import Activity

from .test_views import form_data


def upload(kind="JPEG", size=(2000, 1500), name=None):
    buffer = BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, kind)
    return SimpleUploadedFile(name or f"foto.{kind.lower()}", buffer.getvalue())


@pytest.mark.django_db(transaction=True)
def test_an_organiser_adds_an_image_shown_on_the_agenda_and_the_page(client, organising_servant, culture):
    client.force_login(organising_servant)
    response = client.post(
        reverse("agenda:create"),
        form_data(organiser=f"department:{culture.pk}", image=upload(), image_alt="Buren aan een werkbank"),
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert OutboxMessage.objects.get(task=tasks.make_image_versions.name).sent_at is not None
    assert (activity.image_width, activity.image_height) == (1600, 1200)
    assert activity.image_alt == "Buren aan een werkbank" and not activity.image_pending
    with Image.open(default_storage.open(activity.image.name)) as page:
        assert page.size == (1600, 1200)
    client.post(reverse("agenda:transition", args=[activity.pk, "publish"]))
    srcset = f'srcset="{activity.image.url.replace(".jpg", "")}'.replace("-page", "-small")
    for url in (reverse("agenda:list"), activity.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'alt="Buren aan een werkbank"' in html
        assert srcset in html and f"{activity.image.url} 1600w" in html and " 640w" in html


@pytest.mark.django_db(transaction=True)
def test_a_wrong_file_is_refused_with_a_message_and_nothing_typed_is_lost(
    client, organising_servant, culture, settings
):
    client.force_login(organising_servant)
    text = SimpleUploadedFile("foto.jpg", b"geen afbeelding" * 20)
    response = client.post(
        reverse("agenda:create"),
        form_data(organiser=f"department:{culture.pk}", image=text, image_alt="Een werkbank"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit bestand is geen afbeelding die we kunnen lezen" in html
    assert 'value="Repair Café"' in html and 'value="Een werkbank"' in html
    settings.AGENDA_IMAGE_MAX_BYTES = 1024
    response = client.post(
        reverse("agenda:create"), form_data(organiser=f"department:{culture.pk}", image=upload(), image_alt="x")
    )
    assert "Het bestand is te groot" in response.content.decode()
    assert not Activity.objects.exists() and not OutboxMessage.objects.exists()
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        assert not [path for path in Path(root).rglob("*") if path.is_file()]


@pytest.mark.django_db(transaction=True)
def test_alt_text_is_required_with_an_image_and_a_valid_image_is_asked_again(client, organising_servant, culture):
    client.force_login(organising_servant)
    response = client.post(reverse("agenda:create"), form_data(organiser=f"department:{culture.pk}", image=upload()))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["image_alt"] == ["Beschrijf wat er op de afbeelding staat."]
    assert "kies ze opnieuw" in " ".join(errors["image"])
    assert not Activity.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_series_shares_one_image_and_removing_it_from_one_keeps_the_others(client, organising_servant, culture):
    client.force_login(organising_servant)
    client.post(
        reverse("agenda:create"),
        form_data(
            organiser=f"department:{culture.pk}", frequency="weekly", count="3", image=upload(), image_alt="Fietsen"
        ),
    )
    rows = list(Activity.objects.order_by("starts_at"))
    assert len(rows) == 3 and len({r.image.name for r in rows}) == 1 and rows[0].image
    assert OutboxMessage.objects.filter(task=tasks.make_image_versions.name).count() == 1
    name = rows[0].image.name
    data = form_data(
        title=rows[0].title,
        starts_at=rows[0].starts_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        ends_at=rows[0].ends_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        image_alt="Fietsen",
        remove_image="on",
        scope="one",
    )
    response = client.post(reverse("agenda:edit", args=[rows[0].pk]), data)
    assert response.status_code == 302
    rows = list(Activity.objects.order_by("starts_at"))
    assert not rows[0].image and rows[1].image.name == rows[2].image.name == name
    assert default_storage.exists(name)  # still shown by the others
