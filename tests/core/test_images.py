"""The shared image helper (genk.core.images): any app's limits, versions and srcset.

The initiatives' upload flow (form, task, rate limit) is tested in tests/initiatives/test_images.py."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from genk.core import images


def upload(kind="PNG", size=(640, 480)):
    buffer = BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, kind)
    return SimpleUploadedFile(f"foto.{kind.lower()}", buffer.getvalue())


def test_limits_come_from_the_apps_settings(settings):
    assert images.Limits.from_settings("VOORBEELD") == images.Limits()
    settings.VOORBEELD_IMAGE_MAX_SIDE = 800
    settings.VOORBEELD_IMAGE_VERSION_SIDES = (600, 300)
    limits = images.Limits.from_settings("VOORBEELD")
    assert (limits.max_side, limits.version_sides, limits.max_bytes) == (800, (600, 300), 5 * 1024 * 1024)
    with pytest.raises(ValidationError, match="1000 × 500 px; kies er een van hoogstens 800 px"):
        images.check_image(upload(size=(1000, 500)), limits)


def test_versions_follow_the_limits():
    limits = images.Limits(version_sides=(500, 200))
    kind, [(page, _bytes), (small, _small_bytes)] = images.render_versions(upload("JPEG", (1000, 800)), limits)
    assert kind == "JPEG" and page.size == (500, 400) and small.size == (200, 160)


def test_names_and_srcset():
    page, small = images.version_names("agenda", "2026/abc.png", "png")
    assert (page, small) == ("agenda/2026/abc-page.png", "agenda/2026/abc-small.png")
    assert images.small_name(page) == small
    assert images.small_name("agenda/oud.png") == ""

    class Stored:
        name = page
        url = f"/media/{page}"

        class storage:
            @staticmethod
            def url(name):
                return f"/media/{name}"

    assert images.srcset(Stored, 1600, 1200, images.Limits()) == f"/media/{small} 640w, /media/{page} 1600w"
    assert images.srcset(Stored, 600, 400, images.Limits()) == ""  # the small version is no narrower
