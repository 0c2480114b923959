"""Checking an uploaded image in the request, and making the versions a page shows in a task.

In the request (`check_image`, from the form), nothing is decoded: Pillow's `Image.open` reads
only the header, which gives the format and the size. The file's name and the browser's
content type are not trusted: Pillow must recognise PNG, JPEG or WebP. Refused before any
pixel is decoded: more than `INITIATIVES_IMAGE_MAX_BYTES` (5 MB), more than
`INITIATIVES_IMAGE_MAX_SIDE` (4000) pixels on the long side, more pixels in all than
`INITIATIVES_IMAGE_MAX_PIXELS` (16 million; a per-call budget, besides Pillow's global
`MAX_IMAGE_PIXELS` against decompression bombs), less than 320 × 180. A PNG's chunks are
checked (CRC) without inflating them.

The accepted upload is stored as it came, privately (it may carry a phone's GPS position in
its EXIF metadata), and `store_upload` queues `tasks.make_image_versions` through the outbox.
The task (`render_versions`) decodes with a bounded budget (`Image.draft` lets a JPEG decode
at 1/2, 1/4 or 1/8 of its size; `thumbnail` reduces early with `reduce`), turns the photo
upright, drops the metadata and saves a page version (1600 px on the long side) and a small
one (640 px). Until it has, the page shows the previous image or a placeholder.
"""

import dataclasses
import uuid
import warnings
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from genk.core import outbox, ratelimit
from genk.core.files import PrivateStorage
from genk.core.refusals import NotAllowed

from . import conf

FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
ACCEPT = "image/png,image/jpeg,image/webp"
# EXIF orientations that turn the photo a quarter: its width on the page is its height.
QUARTER_TURNS = {5, 6, 7, 8}
PAGE_SUFFIX = "-page"
SMALL_SUFFIX = "-small"

_uploads = PrivateStorage("initiative-uploads")


def upload_storage() -> PrivateStorage:
    """Where uploads wait, as they came, for their versions: never served."""
    return _uploads


@dataclasses.dataclass(frozen=True)
class Probe:
    kind: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.kind]


def _unreadable() -> ValidationError:
    return ValidationError(
        _("Dit bestand is geen afbeelding die we kunnen lezen. Kies een foto in PNG, JPEG of WebP."), code="invalid"
    )


def check_image(upload) -> Probe:
    """Check `upload` from its header alone (no pixel is decoded); raise ValidationError with a
    message for the person, or return its format and its size as a page shows it."""
    max_bytes = conf.image_max_bytes()
    if upload.size > max_bytes:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s). Het maximum is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:  # lazy: reads the header only
                kind = probe.format
                width, height = probe.size
                if kind not in FORMATS:
                    raise ValidationError(_("Kies een foto of afbeelding in PNG, JPEG of WebP."), code="type")
                check_dimensions(width, height)
                probe.verify()  # a PNG's chunk checksums, without inflating the pixels
                # A JPEG's or WebP's EXIF is in its header (a PNG's may follow the pixels: not read).
                orientation = None if kind == "PNG" else probe.getexif().get(0x0112)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise _unreadable() from None
    finally:
        upload.seek(0)
    if orientation in QUARTER_TURNS:
        width, height = height, width
    min_w, min_h = conf.image_min_size()
    if width < min_w or height < min_h:
        raise ValidationError(
            _("De afbeelding is te klein: minstens %(w)s × %(h)s pixels.") % {"w": min_w, "h": min_h},
            code="dimensions",
        )
    return Probe(kind, width, height)


def check_dimensions(width: int, height: int) -> None:
    """Refuse an image longer than the page needs, or with more pixels than one decode may cost."""
    max_side = conf.image_max_side()
    if max(width, height) > max_side or width * height > conf.image_max_pixels():
        raise ValidationError(
            _("Je afbeelding is %(width)s × %(height)s px; kies er een van hoogstens %(max)s px aan de langste zijde.")
            % {"width": width, "height": height, "max": max_side},
            code="dimensions",
        )


def count_upload(user) -> None:
    """One upload by `user`: ValidationError once over INITIATIVES' rate (20 an hour, 5 unverified)."""
    try:
        ratelimit.hit(user, "initiatives.image", "20/h", unverified="5/h")
    except NotAllowed as refusal:
        raise ValidationError(str(refusal), code="rate") from None


def store_upload(initiative, upload, probe: Probe) -> str:
    """Keep `upload` privately until its versions exist; queue the task after commit.

    Call inside the transaction that saves `initiative` (the caller saves it)."""
    previous = initiative.image_pending
    upload.seek(0)
    name = upload_storage().save(f"{timezone.now():%Y}/{uuid.uuid4().hex}.{probe.extension}", upload)
    initiative.image_pending = name
    from .tasks import make_image_versions

    outbox.enqueue(make_image_versions, initiative_id=initiative.pk, pending=name)
    if previous:
        forget_pending(previous)
    return name


def forget_pending(name: str) -> None:
    if name:
        upload_storage().delete(name)


def version_names(pending: str, extension: str) -> tuple[str, str]:
    """The page version's and the small version's names: always the same for one upload,
    so a rerun of the task writes the same files."""
    stem = pending.rsplit(".", 1)[0]
    return f"initiatives/{stem}{PAGE_SUFFIX}.{extension}", f"initiatives/{stem}{SMALL_SUFFIX}.{extension}"


def small_name(name: str) -> str:
    """The small version beside a page version; "" for an image stored before versions existed."""
    stem, _dot, extension = name.rpartition(".")
    if not stem.endswith(PAGE_SUFFIX):
        return ""
    return f"{stem.removesuffix(PAGE_SUFFIX)}{SMALL_SUFFIX}.{extension}"


def delete_versions(name: str) -> None:
    """Delete a page image and its small version (one uploaded before versions: only itself)."""
    for version in (name, small_name(name) if name else ""):
        if version:
            default_storage.delete(version)


def _decode(source, longest: int) -> Image.Image:
    """Decode `source` at no more than about `longest` px on the long side, upright."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(source)
        check_dimensions(*image.size)  # the budget holds even for a file stored before the cap
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 scale when that is still large enough: a quarter or
            # less of the memory, and that much faster.
            width, height = image.size
            scale = longest / max(width, height)
            image.draft(None, (round(width * scale), round(height * scale)))
        image.thumbnail((longest, longest), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return ImageOps.exif_transpose(image)  # reads the orientation; the copy has no metadata to save


def _encode(image: Image.Image, kind: str) -> bytes:
    out = BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif kind == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return out.getvalue()


def render_versions(source) -> tuple[str, list[tuple[Image.Image, bytes]]]:
    """The page version and the small version of the image in `source`, without metadata:
    (format, [(image, bytes), …]). The same input gives the same bytes."""
    page, small = conf.image_version_sides()
    try:
        with Image.open(source) as probe:
            kind = probe.format
        if kind not in FORMATS:
            raise _unreadable()
        source.seek(0)
        large = _decode(source, page)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise _unreadable() from None
    little = large.copy()
    little.thumbnail((small, small), Image.Resampling.LANCZOS)
    return kind, [(large, _encode(large, kind)), (little, _encode(little, kind))]


def clean_image(upload) -> ContentFile:
    """Check and render `upload` in one go (the page version): for scripts and tests; pages
    use `check_image` in the request and the task for the rest."""
    check_image(upload)
    kind, [(_image, content), _small] = render_versions(upload)
    return ContentFile(content, name=f"afbeelding.{FORMATS[kind]}")
