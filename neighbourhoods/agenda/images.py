"""The image of an activity, on the shared helper `genk.core.images` (how an upload is checked
in the request and its versions made in a task: read it there).

Limits: the `AGENDA_IMAGE_*` settings (defaults: 5 MB, 4000 px on the long side, at least
320 × 180, versions of 1600 and 640 px); uploads wait in the private storage "agenda-uploads"
(they may carry a phone's GPS position), versions live under "agenda/"; 20 uploads an hour per
person (5 unverified).
"""

from genk.core import images as shared
from genk.core import outbox
from genk.core.files import PrivateStorage

FOLDER = "agenda"
RATE_ACTION = "agenda.image"

_uploads = PrivateStorage("agenda-uploads")


def upload_storage() -> PrivateStorage:
    """Where uploads wait, as they came, for their versions: never served."""
    return _uploads


def limits() -> shared.Limits:
    """Read at call time (tests override the settings)."""
    return shared.Limits.from_settings("AGENDA")


def in_use(name: str) -> bool:
    """Whether an activity still shows the image `name` (a series shares one)."""
    from .models import Activity

    return bool(name) and Activity.objects.filter(image=name).exists()


def store_upload(activities, upload, probe: shared.Probe) -> str:
    """Keep `upload` privately until its versions exist and queue the task after commit
    (through the outbox), once for all `activities` (one, or occurrences of a series). Call
    inside the transaction that saves them; the pending name is written here."""
    from .models import Activity
    from .tasks import make_image_versions

    name = shared.store_pending(upload_storage(), upload, probe)
    pks = [a.pk for a in activities]
    previous = set(
        Activity.objects.filter(pk__in=pks).exclude(image_pending="").values_list("image_pending", flat=True)
    )
    Activity.objects.filter(pk__in=pks).update(image_pending=name)
    for activity in activities:
        activity.image_pending = name
    outbox.enqueue(make_image_versions, activity_id=pks[0], pending=name)
    for old in previous:
        if not Activity.objects.filter(image_pending=old).exists():
            shared.forget_pending(upload_storage(), old)
    return name


def remove(activities) -> None:
    """Take the image off `activities` (written here); files nobody shows any more are deleted
    after commit."""
    from django.db import transaction

    from .models import Activity

    pks = [a.pk for a in activities]
    rows = Activity.objects.filter(pk__in=pks)
    names = set(rows.exclude(image="").values_list("image", flat=True))
    pendings = set(rows.exclude(image_pending="").values_list("image_pending", flat=True))
    rows.update(image="", image_width=None, image_height=None, image_pending="", image_alt="")
    for activity in activities:
        activity.image, activity.image_width, activity.image_height = None, None, None
        activity.image_pending = activity.image_alt = ""

    def tidy():
        for name in names:
            if not in_use(name):
                shared.delete_versions(name)
        for name in pendings:
            if not Activity.objects.filter(image_pending=name).exists():
                shared.forget_pending(upload_storage(), name)

    transaction.on_commit(tidy)


def srcset(activity) -> str:
    return shared.srcset(activity.image, activity.image_width, activity.image_height, limits())


def attach_now(activities, source, stem: str, alt: str) -> None:
    """Make the versions of the image in `source` at once and show them on `activities` (demo
    data and scripts; pages go through the form and the task). `stem` names the files."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from .models import Activity

    kind, versions = shared.render_versions(source, limits())
    names = shared.version_names(FOLDER, f"{stem}.{shared.FORMATS[kind]}", shared.FORMATS[kind])
    for name, (_image, content) in zip(names, versions, strict=True):
        default_storage.delete(name)
        default_storage.save(name, ContentFile(content))
    (page, _content), _small = versions
    Activity.objects.filter(pk__in=[a.pk for a in activities]).update(
        image=names[0], image_width=page.size[0], image_height=page.size[1], image_pending="", image_alt=alt
    )
