"""Checking and cleaning an uploaded image: type by content, size, dimensions; metadata removed.

The file's name and the browser's content type are not trusted: Pillow reads the content and
must recognise PNG, JPEG or WebP. The image is then decoded and saved again, which drops
EXIF metadata (a phone photo's GPS position, for one) and turns it upright.
"""

import warnings
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import conf

FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
ACCEPT = "image/png,image/jpeg,image/webp"


def clean_image(upload) -> ContentFile:
    """Return a cleaned copy of `upload`, or raise ValidationError with a message for the user."""
    max_bytes = conf.image_max_bytes()
    if upload.size > max_bytes:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s). Het maximum is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    min_w, min_h = conf.image_min_size()
    max_w, max_h = conf.image_max_size()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                kind = probe.format
                width, height = probe.size
                if kind not in FORMATS:
                    raise ValidationError(_("Kies een foto of afbeelding in PNG, JPEG of WebP."), code="type")
                if width > max_w or height > max_h:
                    raise ValidationError(
                        _("De afbeelding is te groot: hoogstens %(w)s × %(h)s pixels.") % {"w": max_w, "h": max_h},
                        code="dimensions",
                    )
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise ValidationError(
            _("Dit bestand is geen afbeelding die we kunnen lezen. Kies een foto in PNG, JPEG of WebP."), code="invalid"
        ) from None
    width, height = image.size
    if width < min_w or height < min_h:
        raise ValidationError(
            _("De afbeelding is te klein: minstens %(w)s × %(h)s pixels.") % {"w": min_w, "h": min_h},
            code="dimensions",
        )
    out = BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif kind == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return ContentFile(out.getvalue(), name=f"afbeelding.{FORMATS[kind]}")
