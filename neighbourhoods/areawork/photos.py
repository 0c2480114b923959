"""Photos of a wijk on its public page, on the shared image handling (genk.core.images): checked
from the header in the request, kept privately until a task makes the page and small
versions without metadata (a phone's GPS position goes), then shown with a srcset."""

from django.db import transaction

from genk.core import audit, images, outbox
from genk.core.files import PrivateStorage
from genk.core.permissions import require

from .models import WijkPhoto

FOLDER = "wijken"
_uploads = PrivateStorage("wijk-photo-uploads")


def upload_storage() -> PrivateStorage:
    return _uploads


def limits() -> images.Limits:
    """`AREAWORK_IMAGE_*` settings, read at call time."""
    return images.Limits.from_settings("AREAWORK")


def srcset(photo) -> str:
    return images.srcset(photo.image, photo.image_width, photo.image_height, limits())


def add_photo(neighbourhood, user, upload, probe, *, alt: str, caption: str = "") -> WijkPhoto:
    """A new photo of the wijk: stored privately now, its versions made by the task on commit."""
    require(user, "areawork.change_wijk_page", neighbourhood)
    with transaction.atomic():
        position = neighbourhood.photos.count() + 1
        photo = WijkPhoto.objects.create(
            neighbourhood=neighbourhood, image_alt=alt, caption=caption, position=position, uploaded_by=user
        )
        pending = images.store_pending(upload_storage(), upload, probe)
        WijkPhoto.objects.filter(pk=photo.pk).update(image_pending=pending)
        photo.image_pending = pending
        from .tasks import make_photo_versions

        outbox.enqueue(make_photo_versions, photo_id=photo.pk, pending=pending)
        audit.record(user, "areawork.photo.add", neighbourhood, after={"photo": photo.pk, "alt": alt})
    return photo


def remove_photo(photo, user) -> None:
    require(user, "areawork.change_wijk_page", photo.neighbourhood)
    with transaction.atomic():
        name, pending = photo.image.name, photo.image_pending
        audit.record(
            user, "areawork.photo.remove", photo.neighbourhood, before={"photo": photo.pk, "alt": photo.image_alt}
        )
        photo.delete()
        transaction.on_commit(lambda: (images.delete_versions(name), images.forget_pending(upload_storage(), pending)))
