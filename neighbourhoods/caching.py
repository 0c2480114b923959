"""What the public pages of the wijken, places and agenda need to be kept for visitors
(`genk.core.pagecache.public_page`): when a page that shows "today" changes by itself, and the
wijk page's tables, some of which the apps name where they register their wijk content."""

import datetime
import functools

from django.utils import timezone

from genk.core import pagecache, portal


def tomorrow() -> datetime.datetime:
    """The coming local midnight: what a page shows for today (today's opening hours, the team
    members valid today, the agenda from today on) changes then."""
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def keep_until(request, response, *moments):
    """`pagecache.keep_until` for the soonest of `moments` (None: none), for a visitor's page
    only (a signed-in person's is never kept: no queries spent on when it would change)."""
    if request.user.is_authenticated:
        return response
    found = [moment() if callable(moment) else moment for moment in moments]
    found = [moment for moment in found if moment is not None]
    return pagecache.keep_until(response, min(found)) if found else response


# What the wijk page shows besides the wijk content of the apps (portal.wijk_content): the
# wijk and its stadsdeel (and the map, drawn from all wijken and stadsdelen), the team valid
# today with the people's public names, the places, the partners, the photos, the wijkplan.
WIJK_PAGE_TABLES = (
    "neighbourhoods.neighbourhood",
    "neighbourhoods.district",
    "neighbourhoods.teammembership",
    "accounts.user",
    "neighbourhoods.place",
    "neighbourhoods.partnerarea",
    "neighbourhoods.partner",
    "areawork.wijkphoto",
    "areawork.plan",
)


@functools.cache
def wijk_page(view):
    """`view` kept for visitors under WIJK_PAGE_TABLES and the tables the apps named for their
    wijk content; built on the first request, when every app has registered. When an app
    named no tables, the page is not kept."""
    tables = portal.wijk_tables()
    if tables is None:
        return view
    return pagecache.public_page("neighbourhoods", "wijk", tables=[*WIJK_PAGE_TABLES, *tables])(view)
