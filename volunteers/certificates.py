"""Certificates of hours (attesten): the approved hours of a volunteer for one organisation in one
calendar year, with a code anyone can verify at /vrijwilligers/attest/.

A certificate is issued when the volunteer (or a coordinator of the organisation) opens it. When
the approved hours have not changed since the last certificate, that one is shown again; when
they have, a new certificate with a new code is made (the earlier one stays genuine for the
hours it stated on its day). Verification shows only whether the code is genuine, the
organisation, the year and the hours — no name."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Sum, Value
from django.db.models.functions import Cast, Round
from django.utils.translation import gettext

from genk.accounts.adapters import AccountAdapter
from genk.core import ratelimit
from genk.core.permissions import require
from genk.core.refusals import NotAllowed

from .models import Certificate, FlexibleHours, HourEntry, normalise_certificate_code

CHECK_RATE = "30/h"  # verifications per visitor (address or account) per hour


def approved_sources(*, volunteer_id=None, organisation_id=None, years=None):
    """The three kinds of approved volunteer hours, each as (queryset, path of the volunteer,
    path of the organisation, path of the year, the hours summed): hours of shifts (by the
    shift's year), of flexible work (by the day) and the meetings of language buddies (the
    buddy's hours, for the organisation running the programme, by the meeting's date; minutes
    summed, then in hours to two decimals)."""
    from .buddies.models import Meeting

    hours = DecimalField(max_digits=8, decimal_places=2)
    minutes = Cast(Sum("minutes"), DecimalField(max_digits=10, decimal_places=2))
    meeting_hours = ExpressionWrapper(Round(minutes / Value(Decimal("60")), 2), output_field=hours)
    sources = (
        (
            HourEntry.objects.filter(status=HourEntry.Status.APPROVED),
            "signup__volunteer",
            "signup__shift__opportunity__organisation",
            "signup__shift__start__year",
            Sum("hours"),
        ),
        (
            FlexibleHours.objects.filter(status=FlexibleHours.Status.APPROVED),
            "commitment__volunteer",
            "commitment__opportunity__organisation",
            "day__year",
            Sum("hours"),
        ),
        (
            Meeting.objects.filter(status=Meeting.Status.APPROVED),
            "pair__buddy__user",
            "pair__opportunity__organisation",
            "date__year",
            meeting_hours,
        ),
    )
    for queryset, volunteer, organisation, year, total in sources:
        if volunteer_id is not None:
            queryset = queryset.filter(**{f"{volunteer}_id": volunteer_id})
        if organisation_id is not None:
            queryset = queryset.filter(**{f"{organisation}_id": organisation_id})
        if years is not None:
            queryset = queryset.filter(**{f"{year}__in": list(years)})
        yield queryset, volunteer, organisation, year, total


def union(querysets):
    """One query: UNION ALL of grouped rows with the same columns."""
    first, *rest = querysets
    return first.union(*rest, all=True)


def approved_hours(volunteer_id: int, organisation_id: int, year: int):
    """Approved hours of shifts, flexible work and buddy meetings (one query)."""
    rows = union(
        queryset.values(organisation_id=F(f"{organisation}_id")).annotate(total=total).order_by()
        for queryset, _volunteer, organisation, _year, total in approved_sources(
            volunteer_id=volunteer_id, organisation_id=organisation_id, years=[year]
        )
    )
    return sum((row["total"] or 0 for row in rows), Decimal(0))


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
    """Approved hours of a volunteer per organisation and year (one query): name, slug, year, total."""
    rows = union(
        queryset.values(name=F(f"{organisation}__name"), slug=F(f"{organisation}__slug"), year=F(year))
        .annotate(total=total)
        .order_by()
        for queryset, _volunteer, organisation, year, total in approved_sources(volunteer_id=volunteer_id, years=years)
    )
    rows = merged(rows, ("slug", "year"))
    return sorted(rows, key=lambda r: (-r["year"], r["name"]))


def volunteers_with_hours(organisation_id: int, year: int) -> list[dict]:
    """A coordinator's list: each volunteer with approved hours at the organisation in `year`
    (one query): volunteer_id, name, total."""
    rows = union(
        queryset.values(volunteer_id=F(f"{volunteer}_id"), name=F(f"{volunteer}__display_name"))
        .annotate(total=total)
        .order_by()
        for queryset, volunteer, _organisation, _year, total in approved_sources(
            organisation_id=organisation_id, years=[year]
        )
    )
    rows = merged(rows, ("volunteer_id",))
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
