"""Periodic tasks of the area-based work. Both are idempotent (notification keys, send log)."""

import datetime

from celery import shared_task
from django.utils import timezone

from genk.core import beat

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
