"""Periodic tasks of the area-based work. Both are idempotent (notification keys, send log)."""

import datetime

from celery import shared_task
from django.utils import timezone

from genk.core import beat, images

from . import news


@shared_task
def notify_wijk_news() -> int:
    """Followers who asked for "meteen": what was published since the last run (with an hour of
    overlap; the keys make the overlap harmless)."""
    return news.notify_new()


@shared_task
def send_wijk_daily() -> int:
    """Followers who asked for "één bericht per dag": yesterday's news per wijk. Runs hourly;
    the key per wijk and day sends it once."""
    return news.send_daily(timezone.localdate() - datetime.timedelta(days=1))


beat.every("areawork-wijk-news", notify_wijk_news, 15 * 60)
beat.every("areawork-wijk-daily", send_wijk_daily, 60 * 60)


@shared_task
def make_photo_versions(photo_id: int, pending: str) -> bool:
    """Make the page and small versions of a wijk photo (genk.core.images.make_versions:
    harmless to rerun; a photo removed meanwhile only has its upload forgotten)."""
    from . import photos
    from .models import WijkPhoto

    return images.make_versions(
        WijkPhoto, photo_id, pending, storage=photos.upload_storage(), folder=photos.FOLDER, limits=photos.limits()
    )
