"""The public pages of places (/plekken/): the directory, a place, asking for a room, and
"mijn reservaties". Query counts do not depend on the number of places, rooms or bookings."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.accounts.models import Department, User
from genk.core import pagecache
from genk.core.permissions import require
from genk.core.refusals import attempt, refusals_to

from . import bookings, caching, hours, workflow
from .agenda.models import Activity
from .forms import BookingRequestForm, PlaceFilter
from .models import (
    Booking,
    District,
    Neighbourhood,
    OpeningException,
    OpeningHours,
    Partner,
    PartnerPlace,
    Place,
    Room,
    TeamMembership,
    Weekday,
)

PAGE_SIZE = 20
# Exceptions to the hours shown on a place's page: from today, this many days ahead.
EXCEPTIONS_AHEAD = datetime.timedelta(days=60)


# The directory shows the places with their wijk, and draws them on the map of the wijken.
@pagecache.public_page(
    "places",
    "directory",
    tables=[Place, Neighbourhood, District],
    params={"wijk", "soort", "drempelvrij", "aangepast_toilet", "ringleiding", "pagina"},
)
def directory(request):
    places = Place.objects.with_neighbourhood().defer("neighbourhood__boundary").order_by("name")
    filters = PlaceFilter(request.GET or None, queryset=places)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "neighbourhoods/places/directory.html",
        {"filter": filters, "page": page, "places": list(page.object_list)},
    )


def _week_table(place, today):
    """(weekday label, [range labels]) for Monday to Sunday, and whether it is today."""
    rows = []
    for day, label in Weekday.choices:
        ranges = hours.weekly_ranges(place.hours.all(), day)
        rows.append({"label": label, "ranges": [hours.range_label(r) for r in ranges], "today": day == today.weekday()})
    return rows


UPCOMING_ACTIVITIES = 10  # the agenda has the rest


# A place's page: the place, its wijk and department, the map, the hours and exceptions, the
# rooms, the partners, the area team working there (public names) and the coming activities.
PLACE_TABLES = [
    Place,
    Neighbourhood,
    District,
    Department,
    OpeningHours,
    OpeningException,
    Room,
    PartnerPlace,
    Partner,
    Place.team.through,
    TeamMembership,
    User,
    Activity,
]


@pagecache.public_page("places", "detail", tables=PLACE_TABLES)
def place_detail(request, slug):
    today = timezone.localdate()
    place = get_object_or_404(
        Place.objects.select_related("neighbourhood", "department")
        .defer("neighbourhood__boundary")
        .prefetch_related(
            "hours",
            Prefetch(
                "exceptions",
                queryset=OpeningException.objects.filter(date__gte=today, date__lte=today + EXCEPTIONS_AHEAD),
            ),
            Prefetch("rooms", queryset=Room.objects.order_by("name")),
            Prefetch(
                "partner_roles", queryset=PartnerPlace.objects.select_related("partner").order_by("partner__name")
            ),
            Prefetch(
                "team",
                queryset=TeamMembership.objects.current().public().select_related("user").order_by("role"),
            ),
        ),
        slug=slug,
    )
    opening = hours.place_day(place, today)
    activities = list(
        place.activities.published()
        .upcoming()
        .only("pk", "title", "starts_at", "ends_at")
        .order_by("starts_at", "pk")[:UPCOMING_ACTIVITIES]
    )
    response = render(
        request,
        "neighbourhoods/places/detail.html",
        {
            "activities": activities,
            "place": place,
            "today": opening,
            "today_ranges": [hours.range_label(r) for r in opening.ranges],
            "here": [place],
            "week": _week_table(place, today),
            "exceptions": list(place.exceptions.all()),
            "rooms": list(place.rooms.all()),
            "partners": list(place.partner_roles.all()),
            "team": list(place.team.all()),
        },
    )
    # Today's hours, the exceptions from today and the team valid today change at midnight;
    # a coming activity leaves the page when it ends.
    return caching.keep_until(request, response, caching.tomorrow(), *[a.ends_at for a in activities])


def _room(slug, pk):
    return get_object_or_404(
        Room.objects.select_related("place", "place__neighbourhood")
        .defer("place__neighbourhood__boundary")
        .prefetch_related("place__hours", "place__exceptions"),
        place__slug=slug,
        pk=pk,
    )


@login_required
def request_booking(request, slug, room):
    room = _room(slug, room)
    require(request.user, "neighbourhoods.request_booking", room, message=_("Deze zaal kan je niet online reserveren."))
    initial = {}
    asked = None
    if request.method == "GET" and request.GET.get("datum"):
        try:
            asked = datetime.date.fromisoformat(request.GET["datum"])
            initial["day"] = asked
        except ValueError:
            asked = None
    form = BookingRequestForm(request.POST or None, user=request.user, room=room, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, booking = attempt(
            request,
            lambda: bookings.request_booking(
                request.user,
                room,
                start=data["starts_at"],
                end=data["ends_at"],
                purpose=data["purpose"],
                people=data["people"],
                organisation=data.get("organisation"),
            ),
            form=form,
        )
        if done:
            messages.success(
                request,
                _("Je aanvraag is verstuurd. Je krijgt een bericht zodra %(place)s ze goedkeurt of weigert.")
                % {"place": room.place.name},
            )
            return redirect("places:my_bookings")
    day = getattr(form, "cleaned_data", {}).get("day") or asked
    return render(
        request,
        "neighbourhoods/places/request.html",
        {
            "room": room,
            "place": room.place,
            "form": form,
            "week": _week_table(room.place, timezone.localdate()),
            "free": [hours.slot_label(s) for s in bookings.free_slots(room, day)] if day else None,
            "day": day,
        },
    )


@login_required
def my_bookings(request):
    mine = list(Booking.objects.of_requester(request.user).with_details().order_by("-start"))
    now = timezone.now()
    return render(
        request,
        "neighbourhoods/places/my_bookings.html",
        {
            "upcoming": [b for b in reversed(mine) if b.end > now],
            "past": [b for b in mine if b.end <= now],
            "cancellable": {Booking.Status.REQUESTED, Booking.Status.APPROVED},
        },
    )


@login_required
@require_POST
@refusals_to("places:my_bookings")
def cancel_my_booking(request, pk):
    booking = get_object_or_404(Booking.objects.with_details(), pk=pk, requester=request.user)
    workflow.cancel(booking, request.user)
    messages.success(request, _("Je reservatie is geannuleerd."))
    return redirect("places:my_bookings")
