"""The app's settings, each with a default. Override any of them in the project settings.

from initiatives import conf
conf.support_days()          # read at call time, so tests can use `settings` overrides
"""

import math

from django.conf import settings

# The burgervoorstel (Decreet over het lokaal bestuur, art. 304): a proposal signed by 1 % of
# the residents aged 16 or older goes on the council's agenda.
#
# Residents of Genk aged 16+ on 1 January 2024: an ESTIMATE, not an official figure. Statbel
# gives 67,877 residents in total on 1 January 2024 (settings.GENK_POPULATION); we found no
# published 16+ count for that date. Genk's share of under-15s was 17 % in 2015 (Statbel,
# via npdata.be); with one more birth year (15-year-olds) the share under 16 is about 18 %,
# so 16+ is about 82 %: 67,877 x 0.82 = 55,659, rounded to 55,700. The threshold is then
# ceil(1 % x 55,700) = 557 supports.
#
# To change it: set INITIATIVES_BURGERVOORSTEL_ELIGIBLE (and _YEAR, _SOURCE) in settings to
# the population register's count of residents aged 16+ on 1 January of the current year
# (Statbel "Bevolking naar leeftijd en geslacht", or the city's own register). The
# threshold of a burgervoorstel is fixed when it is published; later changes do not move it.
BURGERVOORSTEL_ELIGIBLE_DEFAULT = 55_700
BURGERVOORSTEL_ELIGIBLE_YEAR_DEFAULT = 2024
BURGERVOORSTEL_ELIGIBLE_SOURCE_DEFAULT = (
    "schatting: 82 % van 67.877 inwoners op 1 januari 2024 (Statbel); het aandeel 16+ is geschat"
)


def _get(name, default):
    return getattr(settings, name, default)


def burgervoorstel_eligible() -> int:
    """Residents of Genk aged 16 or older: the base of the burgervoorstel's 1 % threshold."""
    return int(_get("INITIATIVES_BURGERVOORSTEL_ELIGIBLE", BURGERVOORSTEL_ELIGIBLE_DEFAULT))


def burgervoorstel_eligible_year() -> int:
    return int(_get("INITIATIVES_BURGERVOORSTEL_ELIGIBLE_YEAR", BURGERVOORSTEL_ELIGIBLE_YEAR_DEFAULT))


def burgervoorstel_eligible_source() -> str:
    return str(_get("INITIATIVES_BURGERVOORSTEL_ELIGIBLE_SOURCE", BURGERVOORSTEL_ELIGIBLE_SOURCE_DEFAULT))


def burgervoorstel_threshold() -> int:
    """1 % of the eligible residents, rounded up: 557 with the default."""
    return math.ceil(burgervoorstel_eligible() / 100)


def burgervoorstel_min_age() -> int:
    return int(_get("INITIATIVES_BURGERVOORSTEL_MIN_AGE", 16))


def initiative_threshold() -> int:
    """Supports an ordinary burgerinitiatief collects before the city answers (an example
    value chosen for the portal, not a rule of the city)."""
    return int(_get("INITIATIVES_THRESHOLD", 50))


def support_days(kind: str) -> int:
    """How long supports are open after publication, in calendar days."""
    if kind == "proposal":
        return int(_get("INITIATIVES_BURGERVOORSTEL_SUPPORT_DAYS", 180))
    return int(_get("INITIATIVES_SUPPORT_DAYS", 90))


def moderation_working_days() -> int:
    """The service level for moderation: a submission is published, sent back or rejected
    within this many working days (default 5)."""
    return int(_get("INITIATIVES_MODERATION_WORKING_DAYS", 5))


def answer_working_days() -> int:
    """The city answers within this many working days after the threshold is reached or the
    support period ends."""
    return int(_get("INITIATIVES_ANSWER_WORKING_DAYS", 30))


def draft_reminder_days() -> int:
    return int(_get("INITIATIVES_DRAFT_REMINDER_DAYS", 14))


def invitation_days() -> int:
    """How long an invitation link to become co-initiator stays valid."""
    return int(_get("INITIATIVES_INVITATION_DAYS", 30))


def image_max_bytes() -> int:
    return int(_get("INITIATIVES_IMAGE_MAX_BYTES", 5 * 1024 * 1024))


def image_min_size() -> tuple[int, int]:
    return tuple(_get("INITIATIVES_IMAGE_MIN_SIZE", (320, 180)))


def image_max_side() -> int:
    """The long side of the largest image accepted, in pixels: what a page shows needs less."""
    return int(_get("INITIATIVES_IMAGE_MAX_SIDE", 4000))


def image_max_pixels() -> int:
    """The most pixels one image may have (width × height): what one decode may cost."""
    return int(_get("INITIATIVES_IMAGE_MAX_PIXELS", 4000 * 4000))


def image_version_sides() -> tuple[int, int]:
    """The long side of the page version and of the small version the task makes."""
    return tuple(_get("INITIATIVES_IMAGE_VERSION_SIDES", (1600, 640)))


def moderation_department() -> str:
    """The slug of the department whose members moderate and answer initiatives."""
    return str(_get("INITIATIVES_MODERATION_DEPARTMENT", "participatie"))


def list_counter_staleness() -> int:
    """Seconds the support and comment counters on the list's cards (and the sort "meeste
    steun") may lag behind a support or comment; 0 makes lists exact (caching.py)."""
    return int(_get("INITIATIVES_LIST_COUNTER_STALENESS", 60))
