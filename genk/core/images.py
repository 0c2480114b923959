"""Images any app can show: checking an upload in the request, making its versions in a task,
`srcset` and the alt text that goes with it.

An app keeps, on its model, four fields beside each other (the names follow the image
field's, here `image`): `image` (ImageField, the page version), `image_width`,
`image_height` and `image_pending` (the upload waiting for its versions), and an
`image_alt` text required whenever there is an image. It declares its `Limits` (settings
`<PREFIX>_IMAGE_MAX_BYTES`, `_MIN_SIZE`, `_MAX_SIDE`, `_MAX_PIXELS`, `_VERSION_SIDES`, read at
call time so tests can override them), a `PrivateStorage` for the uploads, and a Celery task
that calls `make_versions` (initiatives/tasks.py and neighbourhoods/agenda/tasks.py are two).

In the request (`check_image`, from the form), nothing is decoded: Pillow's `Image.open` reads
only the header, which gives the format and the size. The file's name and the browser's
content type are not trusted: Pillow must recognise PNG, JPEG or WebP. Refused before any
pixel is decoded: more than `max_bytes` (5 MB), more than `max_side` (4000) pixels on the
long side, more pixels in all than `max_pixels` (16 million; a per-call budget, besides
Pillow's global `MAX_IMAGE_PIXELS` against decompression bombs), less than 320 × 180. A PNG's
chunks are checked (CRC) without inflating them.

The accepted upload is stored as it came, privately (it may carry a phone's GPS position in
its EXIF metadata), by `store_pending`; the app queues its task through the outbox. The task
(`make_versions` → `render_versions`) decodes with a bounded budget (`Image.draft` lets a JPEG
decode at 1/2, 1/4 or 1/8 of its size; `thumbnail` reduces early with `reduce`), turns the
photo upright, drops the metadata and saves a page version (1600 px on the long side) and a
small one (640 px). Until it has, the page shows the previous image or a placeholder.
"""

import dataclasses
import uuid
import warnings
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from genk.core import ratelimit
from genk.core.refusals import NotAllowed

FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
ACCEPT = "image/png,image/jpeg,image/webp"
# EXIF orientations that turn the photo a quarter: its width on the page is its height.
QUARTER_TURNS = {5, 6, 7, 8}
PAGE_SUFFIX = "-page"
SMALL_SUFFIX = "-small"


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one app accepts and makes; `Limits.from_settings("INITIATIVES")` reads the
    `INITIATIVES_IMAGE_*` settings, with the defaults below."""

    max_bytes: int = 5 * 1024 * 1024
    min_size: tuple[int, int] = (320, 180)
    max_side: int = 4000
    max_pixels: int = 4000 * 4000
    version_sides: tuple[int, int] = (1600, 640)

    @classmethod
    def from_settings(cls, prefix: str) -> "Limits":
        defaults = cls()

        def get(name, default):
            return getattr(settings, f"{prefix}_IMAGE_{name}", default)

        return cls(
            max_bytes=int(get("MAX_BYTES", defaults.max_bytes)),
            min_size=tuple(get("MIN_SIZE", defaults.min_size)),
            max_side=int(get("MAX_SIDE", defaults.max_side)),
            max_pixels=int(get("MAX_PIXELS", defaults.max_pixels)),
            version_sides=tuple(get("VERSION_SIDES", defaults.version_sides)),
        )


@dataclasses.dataclass(frozen=True)
class Probe:
    kind: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.kind]


def unreadable() -> ValidationError:
    return ValidationError(
        _("Dit bestand is geen afbeelding die we kunnen lezen. Kies een foto in PNG, JPEG of WebP."), code="invalid"
    )


def check_image(upload, limits: Limits) -> Probe:
    """Check `upload` from its header alone (no pixel is decoded); raise ValidationError with a
    message for the person, or return its format and its size as a page shows it."""
    if upload.size > limits.max_bytes:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s). Het maximum is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(limits.max_bytes)},
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
                check_dimensions(width, height, limits)
                probe.verify()  # a PNG's chunk checksums, without inflating the pixels
                # A JPEG's or WebP's EXIF is in its header (a PNG's may follow the pixels: not read).
                orientation = None if kind == "PNG" else probe.getexif().get(0x0112)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise unreadable() from None
    finally:
        upload.seek(0)
    if orientation in QUARTER_TURNS:
        width, height = height, width
    min_w, min_h = limits.min_size
    if width < min_w or height < min_h:
        raise ValidationError(
            _("De afbeelding is te klein: minstens %(w)s × %(h)s pixels.") % {"w": min_w, "h": min_h},
            code="dimensions",
        )
    return Probe(kind, width, height)


def check_dimensions(width: int, height: int, limits: Limits) -> None:
    """Refuse an image longer than the page needs, or with more pixels than one decode may cost."""
    if max(width, height) > limits.max_side or width * height > limits.max_pixels:
        raise ValidationError(
            _("Je afbeelding is %(width)s × %(height)s px; kies er een van hoogstens %(max)s px aan de langste zijde.")
            % {"width": width, "height": height, "max": limits.max_side},
            code="dimensions",
        )


def count_upload(user, action: str, rate: str = "20/h", unverified: str = "5/h") -> None:
    """One upload by `user`: ValidationError once over the rate of `action` (e.g. "initiatives.image")."""
    try:
        ratelimit.hit(user, action, rate, unverified=unverified)
    except NotAllowed as refusal:
        raise ValidationError(str(refusal), code="rate") from None


def store_pending(storage, upload, probe: Probe) -> str:
    """Save `upload` as it came in `storage` (private); its name, to queue the task with."""
    upload.seek(0)
    return storage.save(f"{timezone.now():%Y}/{uuid.uuid4().hex}.{probe.extension}", upload)


def forget_pending(storage, name: str) -> None:
    if name:
        storage.delete(name)


def version_names(folder: str, pending: str, extension: str) -> tuple[str, str]:
    """The page version's and the small version's names: always the same for one upload,
    so a rerun of the task writes the same files."""
    stem = pending.rsplit(".", 1)[0]
    return f"{folder}/{stem}{PAGE_SUFFIX}.{extension}", f"{folder}/{stem}{SMALL_SUFFIX}.{extension}"


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


def small_url(image) -> str:
    """The URL of the small version beside the page version in the ImageField file `image`."""
    small = small_name(image.name) if image else ""
    return image.storage.url(small) if small else ""


def srcset(image, width: int | None, height: int | None, limits: Limits) -> str:
    """`srcset` of the page and small versions with their real widths; "" when the small
    version is no narrower than the page version (a small original: one candidate is enough)."""
    small = small_url(image)
    width, height = width or 0, height or 0
    if not (small and width and height):
        return ""
    _page, small_side = limits.version_sides
    small_width = round(width * min(1, small_side / max(width, height)))
    if small_width >= width:
        return ""
    return f"{small} {small_width}w, {image.url} {width}w"


def _decode(source, longest: int, limits: Limits) -> Image.Image:
    """Decode `source` at no more than about `longest` px on the long side, upright."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(source)
        check_dimensions(*image.size, limits)  # the budget holds even for a file stored before the cap
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


def render_versions(source, limits: Limits) -> tuple[str, list[tuple[Image.Image, bytes]]]:
    """The page version and the small version of the image in `source`, without metadata:
    (format, [(image, bytes), …]). The same input gives the same bytes."""
    page, small = limits.version_sides
    try:
        with Image.open(source) as probe:
            kind = probe.format
        if kind not in FORMATS:
            raise unreadable()
        source.seek(0)
        large = _decode(source, page, limits)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise unreadable() from None
    little = large.copy()
    little.thumbnail((small, small), Image.Resampling.LANCZOS)
    return kind, [(large, _encode(large, kind)), (little, _encode(little, kind))]


def clean_image(upload, limits: Limits) -> ContentFile:
    """Check and render `upload` in one go (the page version): for scripts, demo data and
    tests; pages use `check_image` in the request and the task for the rest."""
    check_image(upload, limits)
    kind, [(_image, content), _small] = render_versions(upload, limits)
    return ContentFile(content, name=f"afbeelding.{FORMATS[kind]}")


def make_versions(
    model, pk, pending: str, *, storage, folder: str, limits: Limits, field: str = "image", in_use=None
) -> bool:
    """The task's work: make the page and small versions of the upload `pending` (in `storage`)
    of the row `pk` of `model` and show them instead of its previous image.

    Rerun: the versions' names follow from the upload's, so a rerun writes the same files;
    once done (or replaced by a newer upload, or removed) the upload is no longer pending and
    a rerun only makes sure the stored upload is gone. True when the versions were made.

    `in_use(name) -> bool`, when given, keeps a previous image that other rows still show (the
    occurrences of a series share one image): it is asked after commit."""
    pending_field = f"{field}_pending"
    pending_now = model.objects.filter(pk=pk).values_list(pending_field, flat=True).first()
    if pending_now != pending or not storage.exists(pending):
        forget_pending(storage, pending)
        return False
    try:
        with storage.open(pending) as original:
            kind, versions = render_versions(original, limits)
    except ValidationError:
        model.objects.filter(pk=pk, **{pending_field: pending}).update(**{pending_field: ""})
        forget_pending(storage, pending)
        return False
    names = version_names(folder, pending, FORMATS[kind])
    for name, (_image, content) in zip(names, versions, strict=True):
        default_storage.delete(name)  # a rerun: the same name, the same bytes
        default_storage.save(name, ContentFile(content))
    (page, _content), _small = versions

    def tidy(unused: str) -> None:
        forget_pending(storage, pending)
        if unused and not (in_use and in_use(unused)):
            delete_versions(unused)

    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or getattr(row, pending_field) != pending:  # replaced or removed meanwhile
            transaction.on_commit(lambda: tidy(names[0]))
            return False
        image = getattr(row, field)
        previous = image.name
        image.name = names[0]
        setattr(row, f"{field}_width", page.size[0])
        setattr(row, f"{field}_height", page.size[1])
        setattr(row, pending_field, "")
        row.save(update_fields=[field, f"{field}_width", f"{field}_height", pending_field])
        transaction.on_commit(lambda: tidy(previous if previous != names[0] else ""))
    return True


def upload_field(limits: Limits, help_text: str | None = None) -> forms.FileField:
    """The form field of an optional image, made in the form's `__init__` (its help text is
    translated then): checked in the form's `clean_<name>` with `check_image`."""
    if help_text is None:
        help_text = _(
            "Een foto of afbeelding in PNG, JPEG of WebP, hoogstens %(size)s en %(side)s px aan de langste zijde. "
            "Niet verplicht."
        ) % {"size": filesizeformat(limits.max_bytes), "side": limits.max_side}
    return forms.FileField(
        label=_("Afbeelding"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=help_text,
    )


def require_alt(form, *, has_image: bool, field: str = "image_alt") -> None:
    """Alt text is required with an image: an error on `field` of `form` when it is empty."""
    if has_image and not (form.cleaned_data.get(field) or "").strip():
        form.add_error(field, _("Beschrijf wat er op de afbeelding staat."))
