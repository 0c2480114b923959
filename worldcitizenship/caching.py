"""The public world-citizenship pages kept whole for visitors (`genk.core.pagecache.public_page`).

- `registry_page`: `public_page` whose tables are the page's own plus those a registry says its
  contributors read (the SDG tagging registry, the solidarity grants), looked up per request,
  so a new app's provider is covered without editing the views. When a contributor does not
  declare its tables, the page is not cached (a copy could miss a write).
- `ACTIVITY_TABLES`, `ACTIVITY_LAG`, `keep_until_coming_change`: the coming activities of a
  programme (the partnership page, the FairTrade overview): their cards read these tables; the
  free places (registrations) may show up to `REGISTRATION_LAG` seconds late, and a copy lives
  no longer than until the first shown activity ends (it then drops off the list).
- `next_midnight`, `next_new_year`: when date-bound parts stop being true by themselves.
"""

import datetime
import functools

from django.utils import timezone

from genk.accounts.models import Department, Organisation
from genk.core import pagecache
from neighbourhoods.agenda.models import Activity, Registration
from neighbourhoods.models import Neighbourhood, Place

REGISTRATION_LAG = 60  # seconds: free places on the activity cards
ACTIVITY_TABLES = (Activity, Place, Neighbourhood, Organisation, Department)
ACTIVITY_LAG = {Registration: REGISTRATION_LAG}


def _label(model) -> str:
    return model._meta.db_table


def registry_page(namespace: str, name: str, *, tables=(), registry, lag=None, params=()):
    """`public_page` over `tables` and the models `registry()` returns (None: not cached)."""

    def decorator(view):
        made = {}

        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            extra = registry()
            if extra is None:
                return view(request, *args, **kwargs)
            page = made.get(extra)
            if page is None:
                models = sorted({*tables, *extra}, key=_label)  # the same key in every process
                page = made[extra] = pagecache.public_page(namespace, name, tables=models, lag=lag, params=params)(view)
            return page(request, *args, **kwargs)

        wrapped.public_page = (namespace, name)
        return wrapped

    return decorator


def keep_until_coming_change(response, activities):
    """The list of coming activities changes by itself when the first of them ends."""
    ends = [a.ends_at for a in activities if a.ends_at is not None]
    if ends:
        pagecache.keep_until(response, min(ends))
    return response


def next_midnight():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def next_new_year():
    return timezone.make_aware(datetime.datetime(timezone.localdate().year + 1, 1, 1))
