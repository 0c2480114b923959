"""Certificates of hours (attesten): the approved hours of a volunteer for one organisation in one
calendar year, with a code anyone can verify at /vrijwilligers/attest/.

A certificate is issued when the volunteer (or a coordinator of the organisation) opens it. When
the approved hours have not changed since the last certificate, that one is shown again; when
they have, a new certificate with a new code is made (the earlier one stays genuine for the
hours it stated on its day). Verification shows only whether the code is genuine, the
organisation, the year and the hours — no name."""

from dataclasses import dataclass

from django.db.models import F, Sum
from django.utils.translation import gettext

from genk.accounts.adapters import AccountAdapter
from genk.core import ratelimit
from genk.core.permissions import require
from genk.core.refusals import NotAllowed

from .models import Certificate, FlexibleHours, HourEntry, normalise_certificate_code

CHECK_RATE = "30/h"  # verifications per visitor (address or account) per hour


def approved_hours(volunteer_id: int, organisation_id: int, year: int):
    """Approved hours of shifts (by the shift's year) and of flexible work (by the day)."""
    shifts = HourEntry.objects.filter(
        signup__volunteer_id=volunteer_id,
        signup__shift__opportunity__organisation_id=organisation_id,
        signup__shift__start__year=year,
        status=HourEntry.Status.APPROVED,
    ).aggregate(total=Sum("hours"))["total"]
    flexible = FlexibleHours.objects.filter(
        commitment__volunteer_id=volunteer_id,
        commitment__opportunity__organisation_id=organisation_id,
        day__year=year,
        status=FlexibleHours.Status.APPROVED,
    ).aggregate(total=Sum("hours"))["total"]
    return (shifts or 0) + (flexible or 0)


def merged(rows, keys) -> list[dict]:
    """Rows of (key…, total) from several queries, added up per key."""
    found = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key in found:
            found[key]["total"] += row["total"]
        else:
            found[key] = dict(row)
    return list(found.values())


def hours_per_organisation(volunteer_id: int, years) -> list[dict]:
    """Approved hours of a volunteer per organisation and year (two queries): name, slug, year, total."""
    shifts = (
        HourEntry.objects.filter(
            signup__volunteer_id=volunteer_id, status=HourEntry.Status.APPROVED, signup__shift__start__year__in=years
        )
        .values(
            name=F("signup__shift__opportunity__organisation__name"),
            slug=F("signup__shift__opportunity__organisation__slug"),
            year=F("signup__shift__start__year"),
        )
        .annotate(total=Sum("hours"))
        .order_by()
    )
    flexible = (
        FlexibleHours.objects.filter(
            commitment__volunteer_id=volunteer_id, status=FlexibleHours.Status.APPROVED, day__year__in=years
        )
        .values(
            name=F("commitment__opportunity__organisation__name"),
            slug=F("commitment__opportunity__organisation__slug"),
            year=F("day__year"),
        )
        .annotate(total=Sum("hours"))
        .order_by()
    )
    rows = merged([*shifts, *flexible], ("slug", "year"))
    return sorted(rows, key=lambda r: (-r["year"], r["name"]))


def volunteers_with_hours(organisation_id: int, year: int) -> list[dict]:
    """A coordinator's list: each volunteer with approved hours at the organisation in `year`
    (two queries): volunteer_id, name, total."""
    shifts = (
        HourEntry.objects.filter(
            signup__shift__opportunity__organisation_id=organisation_id,
            signup__shift__start__year=year,
            status=HourEntry.Status.APPROVED,
        )
        .values(volunteer_id=F("signup__volunteer_id"), name=F("signup__volunteer__display_name"))
        .annotate(total=Sum("hours"))
        .order_by()
    )
    flexible = (
        FlexibleHours.objects.filter(
            commitment__opportunity__organisation_id=organisation_id,
            day__year=year,
            status=FlexibleHours.Status.APPROVED,
        )
        .values(volunteer_id=F("commitment__volunteer_id"), name=F("commitment__volunteer__display_name"))
        .annotate(total=Sum("hours"))
        .order_by()
    )
    rows = merged([*shifts, *flexible], ("volunteer_id",))
    return sorted(rows, key=lambda r: (r["name"] or "", r["volunteer_id"]))


def issue(volunteer, organisation, year: int, user) -> Certificate:
    """The certificate of `volunteer`'s approved hours at `organisation` in `year` (see above)."""
    require(
        user,
        "volunteers.view_certificate",
        Certificate(volunteer=volunteer, organisation=organisation, year=year, hours=0),
        message=gettext("Een attest bekijken enkel de vrijwilliger zelf en de coördinatoren van de organisatie."),
    )
    hours = approved_hours(volunteer.pk, organisation.pk, year)
    if not hours:
        raise NotAllowed(
            gettext(
                "Er zijn nog geen goedgekeurde uren bij %(organisation)s in %(year)s. Vraag de coördinator om je uren goed te keuren."
            )
            % {"organisation": organisation.name, "year": year}
        )
    latest = Certificate.objects.filter(volunteer=volunteer, organisation=organisation, year=year).first()
    if latest is not None and latest.hours == hours:
        return latest
    return Certificate.objects.create(volunteer=volunteer, organisation=organisation, year=year, hours=hours)


@dataclass(frozen=True)
class Visitor:
    """Who counts for the rate limit of verification: an account, or else the client's address."""

    pk: str
    is_authenticated: bool = True
    residency_verified_at: bool = True


def count_check(request) -> None:
    """One verification by this visitor; `NotAllowed` over the rate (genk.core.ratelimit)."""
    if request.user.is_authenticated:
        who = f"user:{request.user.pk}"
    else:
        try:
            address = AccountAdapter(request).get_client_ip(request)
        except Exception:  # a malformed forwarding header: count the direct peer
            address = request.META.get("REMOTE_ADDR", "")
        who = f"address:{address}"
    ratelimit.hit(Visitor(pk=who), "volunteers.certificate_check", CHECK_RATE)


def find(code: str) -> Certificate | None:
    code = normalise_certificate_code(code)
    if not code:
        return None
    return Certificate.objects.filter(code=code).select_related("organisation").first()
