"""Private documents: where they are stored, which uploads we accept, how they are served.

Council documents, subsidy applications' attachments and any other file that is not for
everyone live under `PRIVATE_MEDIA_ROOT/<area>/`, which no web server serves. A file reaches
a browser only through a view of its app that checks permission on the file's object first
and then returns `private_file_response(...)`.

An app declares its storage once, as a module-level callable (so migrations refer to the
callable and never freeze a path):

    _storage = PrivateStorage("subsidies")

    def private_storage():
        return _storage

and validates uploads with `validate_document(upload)` (in a form's `clean_<field>`).
"""

import os
import uuid
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
# The first bytes of each kind: a renamed executable or HTML page is refused.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
MAX_DOCUMENT_SIZE = 10 * 1024 * 1024


_areas: dict[str, "PrivateStorage"] = {}


def private_storage_of(area: str) -> "PrivateStorage":
    """The private storage of `area` (KeyError when there is none)."""
    return _areas[area]


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage rooted at `settings.PRIVATE_MEDIA_ROOT / area`.

    The root is read at every use (not cached) so that a changed setting, as in tests,
    applies. Its `url()` is the administrators' download view (`core:private_file`), which
    the Django admin shows beside the field; pages for anyone else link their app's own
    permission-checked view instead."""

    def __init__(self, area: str):
        self.area = area
        _areas.setdefault(area, self)
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return Path(settings.PRIVATE_MEDIA_ROOT) / self.area

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        return reverse("core:private_file", kwargs={"area": self.area, "name": name})

    def deconstruct(self):
        return ("genk.core.files.PrivateStorage", (self.area,), {})


def document_help_text() -> str:
    return _("PDF, Word, Excel, PowerPoint, OpenDocument, PNG of JPEG; hoogstens %(size)s.") % {
        "size": filesizeformat(MAX_DOCUMENT_SIZE)
    }


def suffix_of(name: str) -> str:
    return PurePath(name).suffix.lower()


def content_type_of(name: str) -> str:
    return DOCUMENT_TYPES.get(suffix_of(name), "application/octet-stream")


def random_name(filename: str, *parts) -> str:
    """A stored path that reveals nothing about the file and never collides: `parts/<uuid><suffix>`."""
    return "/".join([*(str(p) for p in parts), uuid.uuid4().hex + suffix_of(filename)])


def validate_document(upload, max_size: int = MAX_DOCUMENT_SIZE):
    """Accept PDF, Office, OpenDocument, PNG and JPEG files up to `max_size`, judged by content.

    Raises ValidationError with a message for the user; returns the upload rewound."""
    suffix = suffix_of(upload.name)
    if suffix not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Dit soort bestand kan niet. Kies een PDF, Office- of OpenDocument-bestand of een afbeelding.")
        )
    if upload.size > max_size:
        raise ValidationError(_("Het bestand is te groot (hoogstens %(size)s).") % {"size": filesizeformat(max_size)})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        raise ValidationError(_("De inhoud van het bestand past niet bij de extensie %(ext)s.") % {"ext": suffix})
    return upload


def private_file_response(fieldfile, filename: str, content_type: str | None = None, *, cache_seconds: int = 0):
    """Stream a private file as a download. Call it only after the permission check.

    `cache_seconds=0` (the default) forbids any cache to keep a copy."""
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404(_("Het bestand is niet gevonden.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type or content_type_of(filename)
    )
    response["Cache-Control"] = f"private, max-age={cache_seconds}" if cache_seconds else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
