"""Where council documents live: under PRIVATE_MEDIA_ROOT/councils, never under MEDIA_ROOT.

Nothing serves this directory; a document reaches a browser only through
`views.document_download`, which checks `councils.download_document` first
(see `genk.core.files`).
"""

from genk.core.files import PrivateStorage

_storage = PrivateStorage("councils")


def private_storage():
    """The storage of council documents (a callable, so migrations don't freeze a path)."""
    return _storage
