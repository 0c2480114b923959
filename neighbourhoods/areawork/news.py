"""Telling the followers of a wijk what is new in it, from the `genk.core.portal.wijk_content`
registry (the apps feed it; nothing here imports them).

- `notify_new(now)`: per item published since the last run, one notification to every
  follower of its wijk who asked for "meteen" and followed the wijk before the item appeared.
  Key `areawork.wijk_news:<ref>`: with the Notification's unique (recipient, key) and the send
  log, a rerun or an overlapping window sends nothing twice.
- `send_daily(day)`: per wijk, one notification listing what appeared on `day`, to the
  followers who asked for "één bericht per dag". Key `areawork.wijk_daily:<wijk>:<day>`.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from genk.core import notifications, portal
from genk.core.formats import day_label
from neighbourhoods.models import Neighbourhood

from .models import Follow, NewsCursor

OVERLAP = datetime.timedelta(hours=1)  # look back this much more than the last run: late commits
FIRST_WINDOW = datetime.timedelta(days=1)


def _wijken(ids) -> dict[int, Neighbourhood]:
    return {w.pk: w for w in Neighbourhood.objects.filter(pk__in=ids).only("pk", "name", "slug")}


def notify_new(now=None) -> int:
    """Notify followers ("meteen") of what was published since the last run; returns how
    many notifications were queued (items × followers)."""
    now = now or timezone.now()
    with transaction.atomic():
        cursor, _ = NewsCursor.objects.select_for_update().get_or_create(
            name="immediately", defaults={"until": now - FIRST_WINDOW}
        )
        since = cursor.until - OVERLAP
        follows = Follow.objects.filter(frequency=Follow.Frequency.IMMEDIATELY).values_list(
            "neighbourhood_id", "user_id", "created"
        )
        by_wijk = defaultdict(list)
        for wijk_id, user_id, created in follows:
            by_wijk[wijk_id].append((user_id, created))
        queued = 0
        if by_wijk:
            items = [i for i in portal.wijk_items(list(by_wijk), since=since) if i.when <= now]
            wijken = _wijken({i.neighbourhood_id for i in items})
            for item in items:
                recipients = [user_id for user_id, created in by_wijk[item.neighbourhood_id] if created <= item.when]
                if not recipients:
                    continue
                notifications.notify(
                    "areawork.wijk_news",
                    recipients,
                    key=f"areawork.wijk_news:{item.ref}",
                    context={
                        "wijk": wijken[item.neighbourhood_id].name,
                        "title": item.title,
                        "kind": str(item.kind_label),
                        "summary": item.summary,
                    },
                    url=item.url,
                )
                queued += len(recipients)
        cursor.until = now
        cursor.save(update_fields=["until"])
    return queued


def send_daily(day: datetime.date) -> int:
    """One notification per followed wijk and "daily" follower with what appeared on `day`."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), tz)
    end = start + datetime.timedelta(days=1)
    follows = Follow.objects.filter(frequency=Follow.Frequency.DAILY, created__lt=end).values_list(
        "neighbourhood_id", "user_id"
    )
    by_wijk = defaultdict(list)
    for wijk_id, user_id in follows:
        by_wijk[wijk_id].append(user_id)
    if not by_wijk:
        return 0
    items = defaultdict(list)
    for item in portal.wijk_items(list(by_wijk), since=start):
        if item.when < end:
            items[item.neighbourhood_id].append(item)
    wijken = _wijken(items)
    queued = 0
    with transaction.atomic():
        for wijk_id, found in items.items():
            notifications.notify(
                "areawork.wijk_daily",
                by_wijk[wijk_id],
                key=f"areawork.wijk_daily:{wijk_id}:{day.isoformat()}",
                context={
                    "wijk": wijken[wijk_id].name,
                    "day": day_label(day),
                    "items": [
                        {"kind": str(i.kind_label), "title": i.title, "url": notifications.absolute_url(i.url)}
                        for i in sorted(found, key=lambda i: i.when)
                    ],
                },
                url=wijken[wijk_id].get_absolute_url(),
            )
            queued += len(by_wijk[wijk_id])
    return queued
