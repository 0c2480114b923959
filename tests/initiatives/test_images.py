"""Image uploads: type by content, size, dimensions, metadata removed."""

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageFile

from genk.core.models import OutboxMessage
from initiatives import images, services, tasks
from initiatives.images import clean_image
from initiatives.models import Initiative


def upload(kind="PNG", size=(640, 480), name=None, exif=None, mode="RGB"):
    buffer = BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, 128 if mode == "L" else (200, 80, 40)).save(buffer, kind, **kwargs)
    return SimpleUploadedFile(name or f"foto.{kind.lower()}", buffer.getvalue())


@pytest.mark.parametrize(("kind", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_png_jpeg_and_webp_are_accepted(kind, extension):
    cleaned = clean_image(upload(kind))
    assert cleaned.name == f"afbeelding.{extension}"
    with Image.open(cleaned) as image:
        assert image.format == kind and image.size == (640, 480)


def test_the_content_decides_not_the_name():
    disguised = upload("GIF", name="foto.png")
    with pytest.raises(ValidationError, match="PNG, JPEG of WebP"):
        clean_image(disguised)
    text = SimpleUploadedFile("foto.jpg", b"dit is geen afbeelding maar tekst" * 10)
    with pytest.raises(ValidationError, match="geen afbeelding die we kunnen lezen"):
        clean_image(text)
    truncated = upload("PNG")
    truncated = SimpleUploadedFile("foto.png", truncated.read()[:200])
    with pytest.raises(ValidationError):
        clean_image(truncated)


def test_size_and_dimension_limits(settings):
    with pytest.raises(ValidationError, match="te klein: minstens 320 × 180"):
        clean_image(upload(size=(200, 100)))
    settings.INITIATIVES_IMAGE_MAX_SIDE = 1000
    with pytest.raises(ValidationError, match="1200 × 400 px; kies er een van hoogstens 1000 px aan de langste zijde"):
        clean_image(upload(size=(1200, 400)))
    settings.INITIATIVES_IMAGE_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match=r"Het bestand is te groot \(.*\)\. Het maximum is 1,0\\xa0KB\."):
        clean_image(upload("PNG", size=(900, 900), mode="RGB"))


def test_decompression_bombs_are_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    with pytest.raises(ValidationError):
        clean_image(upload(size=(640, 480)))


def test_metadata_is_removed_and_the_photo_turned_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x010F] = "Telefoonmerk"
    exif[0x8825] = {1: "N", 2: (50.0, 57.0, 47.0)}  # GPS: a home address, nearly
    cleaned = clean_image(upload("JPEG", size=(640, 480), exif=exif))
    with Image.open(cleaned) as image:
        assert image.size == (480, 640)
        assert not dict(image.getexif())


# Issue 16, item 4: one resident stalled the site with 8000 × 8000 images. The size is read
# from the header and refused before any pixel is decoded; the versions are made by a task.


def huge_png():
    """8000 × 8000 pixels in about 200 KB: what the probe uploaded."""
    return upload("PNG", size=(8000, 8000))


@pytest.fixture
def decoding(monkeypatch):
    """Counts every decode of pixels (ImageFile.load) while the test runs."""
    calls = []
    real = ImageFile.ImageFile.load

    def spy(self):
        calls.append(self.size)
        return real(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return calls


def test_a_huge_image_is_refused_from_its_header_without_decoding(decoding):
    big = huge_png()
    with pytest.raises(ValidationError) as refused:
        images.check_image(big)
    assert refused.value.messages == [
        "Je afbeelding is 8000 × 8000 px; kies er een van hoogstens 4000 px aan de langste zijde."
    ]
    assert decoding == []
    images.render_versions(upload(size=(400, 300)))  # the spy sees a decode when there is one
    assert decoding and set(decoding) == {(400, 300)}


def test_the_pixel_budget_holds_per_call(settings, decoding):
    settings.INITIATIVES_IMAGE_MAX_SIDE = 10_000
    settings.INITIATIVES_IMAGE_MAX_PIXELS = 1000 * 1000
    with pytest.raises(ValidationError, match="1200 × 900 px"):
        images.check_image(upload(size=(1200, 900)))
    assert decoding == []


def test_a_photo_turned_a_quarter_is_measured_as_shown():
    exif = Image.Exif()
    exif[0x0112] = 6
    probe = images.check_image(upload("JPEG", size=(640, 480), exif=exif))
    assert (probe.width, probe.height) == (480, 640)


def edit_image(client, initiative, **data):
    return client.post(f"/initiatieven/{initiative.pk}/schrijven/afbeelding/", data)


@pytest.fixture
def draft(db, resident):
    return services.create_initiative(
        resident, kind="initiative", title="Samen fietsen herstellen", summary="Een fietsatelier in de wijk."
    )


@pytest.mark.django_db(transaction=True)
def test_the_form_refuses_a_huge_image_stores_nothing_and_keeps_what_was_typed(
    client, resident, draft, decoding, settings
):
    client.force_login(resident)
    response = edit_image(client, draft, image=huge_png(), image_alt="Buren aan een fiets", verder="1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je afbeelding is 8000 × 8000 px; kies er een van hoogstens 4000 px aan de langste zijde." in html
    assert 'value="Buren aan een fiets"' in html
    draft.refresh_from_db()
    assert not draft.image and not draft.image_pending
    assert not OutboxMessage.objects.exists()
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        assert not [path for path in Path(root).rglob("*") if path.is_file()]
    assert decoding == []


@pytest.mark.django_db(transaction=True)
def test_a_4000_by_3000_photo_is_accepted_and_its_versions_made_by_the_task(client, resident, draft):
    client.force_login(resident)
    response = edit_image(
        client, draft, image=upload("JPEG", size=(4000, 3000)), image_alt="Buren aan een fiets", verder="1"
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    # The task ran (eager Celery, after commit, through the outbox).
    message = OutboxMessage.objects.get(task=tasks.make_image_versions.name)
    assert message.sent_at is not None
    assert not draft.image_pending
    assert (draft.image_width, draft.image_height) == (1600, 1200)
    with default_storage.open(draft.image.name) as page:
        page_bytes = page.read()
    with Image.open(default_storage.open(draft.image.name)) as page:
        assert page.size == (1600, 1200) and page.format == "JPEG"
    small = images.small_name(draft.image.name)
    with Image.open(default_storage.open(small)) as little:
        assert little.size == (640, 480)
    assert not images.upload_storage().exists(message.kwargs["pending"])  # the upload, with its EXIF, is gone
    # The page shows the versions.
    html = client.get(f"/initiatieven/{draft.pk}/schrijven/afbeelding/").content.decode()
    assert draft.image.url in html
    html = client.get(f"/initiatieven/{draft.pk}/schrijven/nakijken/").content.decode()
    assert f'srcset="{draft.image_small_url} 640w, {draft.image.url} 1600w"' in html

    # A rerun changes nothing: the same files, the same bytes.
    assert tasks.make_image_versions(**message.kwargs) is False
    draft.refresh_from_db()
    with default_storage.open(draft.image.name) as page:
        assert page.read() == page_bytes


@pytest.mark.django_db(transaction=True)
def test_rerunning_before_it_finished_makes_the_same_versions(draft):
    photo = upload("JPEG", size=(2000, 1500))
    probe = images.check_image(photo)
    with transaction.atomic():
        pending = images.store_upload(draft, photo, probe)
        draft.save()
    first = Initiative.objects.get(pk=draft.pk)
    with default_storage.open(first.image.name) as page:
        made = page.read()
    # As if the worker died after writing the files and before the row said so.
    stored = images.upload_storage()
    photo.seek(0)
    stored.save(pending, photo)
    Initiative.objects.filter(pk=draft.pk).update(image_pending=pending)
    assert tasks.make_image_versions(initiative_id=draft.pk, pending=pending) is True
    again = Initiative.objects.get(pk=draft.pk)
    assert again.image.name == first.image.name
    with default_storage.open(again.image.name) as page:
        assert page.read() == made


@pytest.mark.django_db(transaction=True)
def test_the_page_shows_a_placeholder_until_the_versions_exist(client, resident, draft, settings, monkeypatch):
    monkeypatch.setattr(tasks.make_image_versions, "apply_async", lambda *a, **k: None)  # the worker is busy
    client.force_login(resident)
    response = edit_image(client, draft, image=upload("PNG", size=(800, 600)), image_alt="Een fiets", verder="1")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.image_pending and not draft.image
    html = client.get(f"/initiatieven/{draft.pk}/schrijven/afbeelding/").content.decode()
    assert "Je nieuwe afbeelding wordt klaargemaakt" in html


@pytest.mark.django_db(transaction=True)
def test_uploads_are_limited_per_person(client, resident, draft, settings):
    settings.RATE_LIMITS = {"initiatives.image": "3/h", "initiatives.image:unverified": "3/h"}
    client.force_login(resident)
    for _ in range(3):
        response = edit_image(client, draft, image=upload("PNG", size=(400, 300)), image_alt="Een fiets")
        assert response.status_code == 302
    response = edit_image(client, draft, image=upload("PNG", size=(400, 300)), image_alt="Een fiets")
    assert response.status_code == 200
    assert "Je hebt dit al vaak gedaan; probeer het over" in response.content.decode()
    assert OutboxMessage.objects.filter(task=tasks.make_image_versions.name).count() == 3


def test_unverified_residents_may_upload_fewer(db, resident):
    for _ in range(5):
        images.count_upload(resident)  # nobody verified Fatma's residency: 5 an hour
    with pytest.raises(ValidationError, match="Je hebt dit al vaak gedaan"):
        images.count_upload(resident)
    resident.residency_verified_at = datetime.now(UTC)
    for _ in range(14):
        images.count_upload(resident)  # verified: 20 an hour (the refused try counted too)
    with pytest.raises(ValidationError, match="Je hebt dit al vaak gedaan"):
        images.count_upload(resident)
