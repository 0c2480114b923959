"""Photos as evidence, on the shared helper `genk.core.images`: checked from the header in the
request, stored privately as uploaded, versions (page and small, metadata dropped) made by the
task `tasks.make_image_versions` queued through the outbox. Limits: `FAIRTRADE_IMAGE_*`
settings (defaults of `Limits`). Versions live under "fairtrade/" (public media): a photo is
always public evidence; what must stay private is a document."""

from genk.core import images as shared
from genk.core import outbox
from genk.core.files import PrivateStorage

FOLDER = "fairtrade"

_uploads = PrivateStorage("fairtrade-uploads")


def upload_storage() -> PrivateStorage:
    return _uploads


def limits() -> shared.Limits:
    return shared.Limits.from_settings("FAIRTRADE")


def store_upload(evidence, upload, probe) -> str:
    """Keep `upload` until its versions exist and queue the task (inside the caller's transaction)."""
    name = shared.store_pending(upload_storage(), upload, probe)
    evidence.image_pending = name
    from .tasks import make_image_versions

    outbox.enqueue(make_image_versions, evidence_id=evidence.pk, pending=name)
    return name


def srcset(evidence) -> str:
    return shared.srcset(evidence.image, evidence.image_width, evidence.image_height, limits())
