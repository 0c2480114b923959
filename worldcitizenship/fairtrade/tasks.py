from celery import shared_task

from genk.core import images as shared_images

from . import images
from .models import Evidence


@shared_task
def make_image_versions(evidence_id: int, pending: str) -> bool:
    """The page and small versions of an evidence photo (genk.core.images.make_versions:
    harmless to rerun). Queued through the outbox when the photo is added."""
    return shared_images.make_versions(
        Evidence, evidence_id, pending, storage=images.upload_storage(), folder=images.FOLDER, limits=images.limits()
    )
