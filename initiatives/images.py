"""The images of initiatives, on the shared helper `genk.core.images` (read it for how an
upload is checked in the request and its versions made in a task).

Limits: the `INITIATIVES_IMAGE_*` settings (initiatives/conf.py), uploads wait in the private
storage "initiative-uploads", versions live under "initiatives/", 20 uploads an hour per
person (5 unverified).
"""

from genk.core import images as shared
from genk.core import outbox
from genk.core.files import PrivateStorage
from genk.core.images import ACCEPT, FORMATS, QUARTER_TURNS, Probe, delete_versions, small_name  # noqa: F401

from . import conf

FOLDER = "initiatives"

_uploads = PrivateStorage("initiative-uploads")


def upload_storage() -> PrivateStorage:
    """Where uploads wait, as they came, for their versions: never served."""
    return _uploads


def limits() -> shared.Limits:
    """Read at call time (tests override the settings)."""
    return shared.Limits(
        max_bytes=conf.image_max_bytes(),
        min_size=conf.image_min_size(),
        max_side=conf.image_max_side(),
        max_pixels=conf.image_max_pixels(),
        version_sides=conf.image_version_sides(),
    )


def check_image(upload) -> Probe:
    return shared.check_image(upload, limits())


def check_dimensions(width: int, height: int) -> None:
    shared.check_dimensions(width, height, limits())


def count_upload(user) -> None:
    """One upload by `user`: ValidationError once over INITIATIVES' rate (20 an hour, 5 unverified)."""
    shared.count_upload(user, "initiatives.image", "20/h", unverified="5/h")


def store_upload(initiative, upload, probe: Probe) -> str:
    """Keep `upload` privately until its versions exist; queue the task after commit.

    Call inside the transaction that saves `initiative` (the caller saves it)."""
    previous = initiative.image_pending
    name = shared.store_pending(upload_storage(), upload, probe)
    initiative.image_pending = name
    from .tasks import make_image_versions

    outbox.enqueue(make_image_versions, initiative_id=initiative.pk, pending=name)
    if previous:
        forget_pending(previous)
    return name


def forget_pending(name: str) -> None:
    shared.forget_pending(upload_storage(), name)


def version_names(pending: str, extension: str) -> tuple[str, str]:
    return shared.version_names(FOLDER, pending, extension)


def render_versions(source):
    return shared.render_versions(source, limits())


def clean_image(upload):
    return shared.clean_image(upload, limits())


def srcset(initiative) -> str:
    return shared.srcset(initiative.image, initiative.image_width, initiative.image_height, limits())
