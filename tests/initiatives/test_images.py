"""Image uploads: type by content, size, dimensions, metadata removed."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from initiatives.images import clean_image


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
    settings.INITIATIVES_IMAGE_MAX_SIZE = (1000, 1000)
    with pytest.raises(ValidationError, match="hoogstens 1000 × 1000"):
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
