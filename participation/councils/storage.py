"""Where council documents live: under PRIVATE_MEDIA_ROOT, never under MEDIA_ROOT.

Nothing serves this directory; a document reaches a browser only through
`views.document_download`, which checks `councils.download_document` first.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage rooted at `settings.PRIVATE_MEDIA_ROOT / "councils"`.

    The root is read at every use (not cached) so that a changed setting, as in tests, applies.
    It has no URL: asking for one is a programming error."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return Path(settings.PRIVATE_MEDIA_ROOT) / "councils"

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Council documents are private: link to councils:document instead.")


_storage = PrivateStorage()


def private_storage():
    """The storage of council documents (a callable, so migrations don't freeze a path)."""
    return _storage
