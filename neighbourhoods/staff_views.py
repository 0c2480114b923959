"""The staff pages of places (/beheer/plekken/): the places a person manages, the queue of
requests, a week of bookings per place, one booking with its decisions, and a room's
iCalendar feed. Every page is for the staff of the department that owns the place
(`neighbourhoods.manage_place`); the staff area itself asks for MFA."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import audit
from genk.core.indicators import Period
from genk.core.permissions import can, permission_required, staff_required
from genk.core.refusals import attempt

from . import ical, workflow
from .figures import place_figures
from .forms import DecisionForm, ExceptionFormSet, HoursFormSet, PeriodForm, PlaceForm, RoomFormSet
from .models import Booking, Place, Room

QUEUE_PAGE_SIZE = 50
NOT_YOURS = gettext_lazy("Deze plek wordt beheerd door een andere dienst.")


def _place(request, slug, *args, **kwargs):
    return get_object_or_404(Place, slug=slug)


def _booking_place(request, pk, *args, **kwargs):
    return get_object_or_404(Booking.objects.select_related("room__place"), pk=pk)


@staff_required
def places(request):
    managed = (
        Place.objects.managed_by(request.user)
        .with_neighbourhood()
        .defer("neighbourhood__boundary")
        .annotate(
            waiting=Count(
                "rooms__bookings",
                filter=Q(rooms__bookings__status=Booking.Status.REQUESTED, rooms__bookings__end__gt=timezone.now()),
            )
        )
        .order_by("name")
    )
    return render(request, "neighbourhoods/places/staff/places.html", {"places": list(managed)})


@staff_required
def queue(request):
    waiting = (
        Booking.objects.requested()
        .filter(room__place__in=Place.objects.managed_by(request.user), end__gt=timezone.now())
        .with_details()
        .order_by("start", "pk")
    )
    page = Paginator(waiting, QUEUE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "neighbourhoods/places/staff/queue.html", {"bookings": list(page.object_list), "page": page})


def _monday(value: str | None) -> datetime.date:
    """The Monday of the ISO week `2026-W50` (this week when empty or invalid)."""
    if value:
        try:
            return datetime.datetime.strptime(value + "-1", "%G-W%V-%u").date()
        except ValueError:
            pass
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def _week_label(monday: datetime.date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


@staff_required
@permission_required("neighbourhoods.manage_place", _place, reason=NOT_YOURS)
def week(request, slug):
    """A week of the place's bookings (requested and approved), per day and room."""
    monday = _monday(request.GET.get("week"))
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min))
    place = get_object_or_404(
        Place.objects.prefetch_related(
            Prefetch(
                "rooms",
                queryset=Room.objects.order_by("name").prefetch_related(
                    Prefetch(
                        "bookings",
                        queryset=Booking.objects.active()
                        .overlapping(start, end)
                        .select_related("requester", "organisation")
                        .order_by("start"),
                        to_attr="week_bookings",
                    )
                ),
            )
        ),
        slug=slug,
    )
    rooms = list(place.rooms.all())
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        days.append(
            {
                "date": day,
                "rooms": [
                    {
                        "room": room,
                        "bookings": [b for b in room.week_bookings if timezone.localtime(b.start).date() == day],
                    }
                    for room in rooms
                ],
            }
        )
    return render(
        request,
        "neighbourhoods/places/staff/week.html",
        {
            "place": place,
            "rooms": rooms,
            "days": days,
            "monday": monday,
            "sunday": monday + datetime.timedelta(days=6),
            "previous": _week_label(monday - datetime.timedelta(days=7)),
            "next": _week_label(monday + datetime.timedelta(days=7)),
            "this_week": _week_label(monday),
        },
    )


@staff_required
@permission_required("neighbourhoods.handle_booking", _booking_place, reason=NOT_YOURS)
def booking(request, pk):
    booking = get_object_or_404(Booking.objects.with_details(), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in workflow.FLOW:
            raise Http404
        if form.is_valid():
            message = form.cleaned_data["message"]
            run = {
                "approve": lambda: workflow.approve(booking, request.user, message),
                "decline": lambda: workflow.decline(booking, request.user, message),
                "cancel": lambda: workflow.cancel(booking, request.user, message),
            }[action]
            done, _result = attempt(request, run, form=form, field="message")
            if done:
                messages.success(
                    request,
                    _("De reservatie is nu ‘%(status)s’.") % {"status": booking.get_status_display()},
                )
                return redirect("places_staff:booking", pk=booking.pk)
    return render(
        request,
        "neighbourhoods/places/staff/booking.html",
        {
            "booking": booking,
            "form": form,
            "actions": workflow.FLOW.available(booking, request.user),
            "week": _week_label(
                timezone.localdate(booking.start) - datetime.timedelta(days=booking.local_start.weekday())
            ),
        },
    )


@staff_required
@permission_required("neighbourhoods.view_room_calendar", _place, reason=NOT_YOURS)
def room_feed(request, slug, room):
    room = get_object_or_404(Room.objects.select_related("place"), place__slug=slug, pk=room)
    since = timezone.now() - datetime.timedelta(days=31)
    bookings = room.bookings.active().filter(end__gte=since).select_related("requester", "organisation")
    response = HttpResponse(ical.room_calendar(room, bookings), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{room.place.slug}-zaal-{room.pk}.ics"'
    return response


@staff_required
@permission_required("neighbourhoods.manage_place", _place, reason=NOT_YOURS)
def edit(request, slug):
    """The place's details, weekly hours, exceptions and rooms, on one page; saved together
    (nothing half-saved) and audited."""
    place = get_object_or_404(Place.objects.select_related("neighbourhood"), slug=slug)
    data = request.POST or None
    form = PlaceForm(data, instance=place, user=request.user)
    formsets = {
        "hours": HoursFormSet(data, instance=place, prefix="uren"),
        "exceptions": ExceptionFormSet(
            data,
            instance=place,
            prefix="afwijkend",
            queryset=place.exceptions.filter(date__gte=timezone.localdate()),
        ),
        "rooms": RoomFormSet(data, instance=place, prefix="zalen"),
    }
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        with transaction.atomic():
            before = audit.snapshot(Place.objects.get(pk=place.pk), PlaceForm.Meta.fields)
            form.save()
            for formset in formsets.values():
                formset.save()
            audit.record(
                request.user,
                "neighbourhoods.place.change",
                place,
                before=before,
                after={
                    **audit.snapshot(place, PlaceForm.Meta.fields),
                    "hours": [str(h) for h in place.hours.all()],
                    "rooms": [f"{r.name} ({r.capacity})" for r in place.rooms.all()],
                },
            )
        messages.success(request, _("De gegevens van %(place)s zijn bewaard.") % {"place": place.name})
        if not can(request.user, "neighbourhoods.manage_place", place):
            # Handed to another department: its pages are theirs now.
            return redirect("places_staff:places")
        return redirect("places_staff:edit", slug=place.slug)
    return render(
        request,
        "neighbourhoods/places/staff/edit.html",
        {"place": place, "form": form, **formsets},
    )


@staff_required
@permission_required("neighbourhoods.manage_place", _place, reason=NOT_YOURS)
def figures(request, slug):
    """The place's activities, registrations, attendance and bookings per month of a period
    (this calendar year unless chosen), as a table."""
    place = get_object_or_404(Place, slug=slug)
    today = timezone.localdate()
    default = {"van": datetime.date(today.year, 1, 1), "tot": datetime.date(today.year, 12, 31)}
    form = PeriodForm(request.GET if "van" in request.GET or "tot" in request.GET else None, initial=default)
    period = Period(default["van"], default["tot"])
    if form.is_bound and form.is_valid():
        period = Period(form.cleaned_data["van"], form.cleaned_data["tot"])
    months, total = place_figures(place, period)
    return render(
        request,
        "neighbourhoods/places/staff/figures.html",
        {"place": place, "form": form, "period": period, "months": months, "total": total},
    )
