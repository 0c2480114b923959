"""The public agenda, registrations, and the organisers' pages (/agenda/organiseren/)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_POST

from genk.accounts.models import Department, Organisation
from genk.core import pagecache
from genk.core.permissions import can, permission_required, require
from genk.core.refusals import Refusal, attempt, refusal_message
from neighbourhoods import caching
from neighbourhoods.models import Neighbourhood, Place

from . import ical, services, workflow
from .filters import ActivityFilter
from .forms import ActivityForm, CancelForm, GuestRegistrationForm, MessageForm, RegistrationForm
from .models import Activity, Registration, Series, Theme

PAGE_SIZE = 20


def _activity(pk) -> Activity:
    return get_object_or_404(Activity.objects.for_list(), pk=pk)


def _visible(request, pk) -> Activity:
    activity = _activity(pk)
    if not can(request.user, "agenda.view_activity", activity):
        raise Http404
    return activity


# The public agenda. A visitor's page is kept (genk.core.pagecache.public_page) under the
# versions of what it shows: the activities with their place, wijk and organiser (an
# organisation, a department; a wijk team is a wijk), and the wijken of the filter and the
# feeds. The seats taken may lag up to REGISTRATIONS_LAG seconds behind the registrations.
REGISTRATIONS_LAG = 60
AGENDA_TABLES = [Activity, Place, Neighbourhood, Organisation, Department]
AGENDA_PARAMS = {"q", "vanaf", "tot", "wijk", "thema", "sdg", "gratis", "toegankelijk", "kinderen", "pagina"}


@pagecache.public_page(
    "agenda", "list", tables=AGENDA_TABLES, lag={Registration: REGISTRATIONS_LAG}, params=AGENDA_PARAMS
)
def agenda(request):
    data = request.GET.copy()
    if not data.get("vanaf") and not data.get("tot"):
        data["vanaf"] = timezone.localdate().isoformat()
    filterset = ActivityFilter(data, queryset=Activity.objects.public().exclude(status=Activity.Status.CANCELLED))
    # Page through the ids alone (one narrow table, sorted), then load the page's 20 rows with
    # what the cards show: joining first would join every matching row before the sort.
    ids = filterset.qs.order_by("starts_at", "pk").values_list("pk", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("pagina"))
    activities = list(
        Activity.objects.filter(pk__in=list(page.object_list)).for_list().with_seats_taken().order_by("starts_at", "pk")
    )
    filtered = any(v for k, v in request.GET.items() if k != "pagina")
    response = render(
        request,
        "agenda/list.html",
        {
            "filter": filterset,
            "page": page,
            "activities": activities,
            "filtered": filtered,
            "wijken": Neighbourhood.objects.without_geometry().order_by("name").only("name", "slug"),
            "themes": Theme.choices,
        },
    )
    # Without dates the agenda starts today: tomorrow, what ended today goes.
    return caching.keep_until(request, response, caching.tomorrow())


# An activity's page also shows the other occurrences of its series.
@pagecache.public_page("agenda", "detail", tables=[*AGENDA_TABLES, Series], lag={Registration: REGISTRATIONS_LAG})
def detail(request, pk):
    activity = _visible(request, pk)
    mine = None
    if request.user.is_authenticated:
        mine = Registration.objects.filter(activity=activity, user=request.user).active().first()
    closed = services.registration_closed_reason(activity) if activity.registration_enabled else ""
    summary = services.summary(activity) if activity.registration_enabled else None
    next_occurrences = list(services.next_occurrences(activity))
    response = render(
        request,
        "agenda/detail.html",
        {
            "activity": activity,
            "mine": mine,
            "closed": closed,
            "summary": summary,
            "form": RegistrationForm(),
            "guest_form": GuestRegistrationForm(),
            "next_occurrences": next_occurrences,
            "can_change": can(request.user, "agenda.change_activity", activity),
        },
    )
    # Registration closes by itself (the deadline, the start); a coming occurrence goes when it ends.
    closes = activity.registration_closes_at() if activity.registration_enabled and not closed else None
    return caching.keep_until(request, response, closes, *[other.ends_at for other in next_occurrences])


def activity_ics(request, pk):
    activity = _visible(request, pk)
    response = HttpResponse(ical.calendar([activity], name=activity.title), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="activiteit-{activity.pk}.ics"'
    return response


FEED_WINDOW_DAYS = 31


def _feed(activities, name):
    since = timezone.now() - timezone.timedelta(days=FEED_WINDOW_DAYS)
    rows = activities.public().filter(ends_at__gte=since).for_list().order_by("starts_at")[:500]
    return HttpResponse(ical.calendar(rows, name=name), content_type="text/calendar; charset=utf-8")


# Calendar clients poll feeds; a feed of hundreds of events takes a few hundred ms to write.
feed_cache = cache_page(10 * 60)


@feed_cache
def feed_all(request):
    return _feed(Activity.objects.all(), _("Agenda van Genk"))


@feed_cache
def feed_wijk(request, slug):
    wijk = get_object_or_404(Neighbourhood.objects.without_geometry(), slug=slug)
    return _feed(Activity.objects.in_neighbourhood(wijk), _("Agenda van %(wijk)s") % {"wijk": wijk.name})


@feed_cache
def feed_theme(request, theme):
    if theme not in Theme.values:
        raise Http404
    return _feed(Activity.objects.with_theme(theme), _("Agenda: %(theme)s") % {"theme": Theme(theme).label})


# Registrations.


@require_POST
def register(request, pk):
    activity = _visible(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(activity.get_absolute_url())
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een aantal personen van 0 tot 20."))
        return redirect(activity)
    ok, registration = attempt(
        request, lambda: services.register(activity, request.user, companions=form.cleaned_data["companions"])
    )
    if ok:
        if registration.status == Registration.Status.WAITING:
            messages.info(request, _("Deze activiteit is volzet: je staat op de wachtlijst."))
        else:
            messages.success(
                request,
                _("Je bent ingeschreven. Je code is %(code)s: toon die aan de ingang.") % {"code": registration.code},
            )
    return redirect(activity)


GUEST_LIMIT = 10  # registrations without an account per address (IP or e-mail) per hour


def _guest_limit_reached(request, email: str) -> bool:
    """Each confirmation e-mail goes to an address someone typed: cap how many one visitor can
    send, so the form cannot be used to flood a mailbox."""
    reached = False
    for who in (request.META.get("REMOTE_ADDR", ""), email.strip().lower()):
        key = f"agenda:guest:{who}"
        cache.add(key, 0, timeout=60 * 60)
        if cache.incr(key) > GUEST_LIMIT:
            reached = True
    return reached


def register_guest(request, pk):
    activity = _visible(request, pk)
    form = GuestRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _guest_limit_reached(request, form.cleaned_data["email"]):
            form.add_error(None, _("Te veel inschrijvingen na elkaar. Probeer het over een uur opnieuw."))
            return render(request, "agenda/guest_form.html", {"activity": activity, "form": form})
        ok, _registration = attempt(
            request,
            lambda: services.register_guest(
                activity,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                companions=form.cleaned_data["companions"],
            ),
            form=form,
        )
        if ok:
            return render(
                request, "agenda/guest_sent.html", {"activity": activity, "email": form.cleaned_data["email"]}
            )
    return render(request, "agenda/guest_form.html", {"activity": activity, "form": form})


def confirm(request, token):
    """GET shows a button (mail scanners open links); POST confirms."""
    try:
        registration = services.registration_from_token(
            token, salt=services.CONFIRM_SALT, max_age=services.CONFIRM_MAX_AGE
        )
    except Refusal as error:
        return render(request, "refusal.html", {"reason": str(error)}, status=400)
    if request.method == "POST":
        ok, confirmed = attempt(request, lambda: services.confirm_guest(token))
        if ok:
            return render(
                request,
                "agenda/guest_confirmed.html",
                {"registration": confirmed, "activity": confirmed.activity},
            )
        return redirect(registration.activity)
    return render(
        request, "agenda/guest_confirm.html", {"registration": registration, "activity": registration.activity}
    )


def guest_cancel(request, token):
    try:
        registration = services.registration_from_token(token, salt=services.CANCEL_SALT)
    except Refusal as error:
        return render(request, "refusal.html", {"reason": str(error)}, status=400)
    if request.method == "POST":
        ok, _promoted = attempt(request, lambda: services.cancel_registration(registration, None, by_link=True))
        if ok:
            messages.success(request, _("Je inschrijving is geannuleerd."))
        return redirect(registration.activity)
    return render(
        request, "agenda/guest_cancel.html", {"registration": registration, "activity": registration.activity}
    )


@require_POST
def cancel_registration(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("activity"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(registration.activity.get_absolute_url())
    require(request.user, "agenda.cancel_registration", registration)
    ok, _promoted = attempt(request, lambda: services.cancel_registration(registration, request.user))
    if ok:
        messages.success(request, _("De inschrijving is geannuleerd."))
    if registration.user_id == request.user.pk:
        return redirect(registration.activity)
    return redirect("agenda:registrations", pk=registration.activity_id)


def my_registrations(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registrations = (
        Registration.objects.filter(user=request.user)
        .active()
        .select_related("activity__place", "activity__neighbourhood")
        .order_by("-activity__starts_at")
    )
    return render(request, "agenda/mine.html", {"registrations": registrations[:200]})


# Organisers.


@permission_required(
    "agenda.add_activity",
    reason=_("Activiteiten organiseren kan voor een organisatie, een wijkteam of een stadsdienst."),
)
def organise(request):
    activities = (
        Activity.objects.organised_by(request.user).for_list().with_seats_taken().order_by("-starts_at")
        if not request.user.is_superuser
        else Activity.objects.for_list().with_seats_taken().order_by("-starts_at")
    )
    page = Paginator(activities, 50).get_page(request.GET.get("pagina"))
    return render(request, "agenda/organise.html", {"page": page, "activities": page.object_list})


@permission_required(
    "agenda.add_activity",
    reason=_("Activiteiten organiseren kan voor een organisatie, een wijkteam of een stadsdienst."),
)
def create(request):
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        ok, made = attempt(
            request,
            lambda: services.create_activity(
                request.user,
                form.instance,
                frequency=form.cleaned_data.get("frequency") or "",
                count=form.cleaned_data.get("count") or 1,
                image=form.image,
            ),
            form=form,
        )
        if ok:
            messages.success(
                request,
                _("Je activiteit is bewaard als ontwerp (%(n)s keer). Publiceer ze of dien ze in ter controle.")
                % {"n": len(made)},
            )
            return redirect("agenda:manage", pk=made[0].pk)
    _ask_image_again(request, form)
    return render(request, "agenda/form.html", {"form": form, "activity": None})


def _ask_image_again(request, form) -> None:
    """A browser cannot fill in a file again: when the form comes back with an error elsewhere,
    say so beside the image (the alt text and everything else typed stay)."""
    if request.method == "POST" and form.errors and request.FILES.get("image") and "image" not in form.errors:
        form.add_error(
            "image",
            _(
                "Je afbeelding was in orde, maar je browser kan ze niet bewaren tot je opnieuw verstuurt: kies ze opnieuw."
            ),
        )


def _organised(request, pk, perm="agenda.change_activity"):
    activity = _activity(pk)
    require(request.user, perm, activity, message=_("Alleen de organisator van deze activiteit kan dit doen."))
    return activity


def edit(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity = _organised(request, pk)
    before = services.snapshot(activity)
    form = ActivityForm(request.POST or None, request.FILES or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        ok, result = attempt(
            request,
            lambda: services.update_activity(
                request.user,
                form.instance,
                before,
                scope=form.cleaned_data.get("scope") or services.Scope.ONE,
                image=form.image,
                remove_image=bool(form.cleaned_data.get("remove_image")) and form.image is None,
            ),
            form=form,
        )
        if ok:
            updated, promoted = result
            if updated.changed_occurrences:
                messages.success(
                    request,
                    _("De activiteit is bewaard, en %(n)s andere keer/keren van de reeks mee.")
                    % {"n": len(updated.changed_occurrences)},
                )
            else:
                messages.success(request, _("De activiteit is bewaard."))
            if promoted:
                messages.info(
                    request, _("%(n)s inschrijving(en) van de wachtlijst kregen een plaats.") % {"n": len(promoted)}
                )
            return redirect("agenda:manage", pk=activity.pk)
    _ask_image_again(request, form)
    return render(request, "agenda/form.html", {"form": form, "activity": activity})


def manage(request, pk):
    """The organiser's page of one activity: its state, the next step, its registrations' summary."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity = _organised(request, pk)
    return render(
        request,
        "agenda/manage.html",
        {
            "activity": activity,
            "transitions": workflow.ACTIVITY_FLOW.available(activity, request.user),
            "summary": services.summary(activity) if activity.registration_enabled else None,
            "cancel_form": CancelForm(),
            "occurrences": Activity.objects.filter(series_id=activity.series_id).order_by("starts_at")
            if activity.series_id
            else [],
        },
    )


ACTIONS = {"submit": workflow.submit, "publish": workflow.publish}


@require_POST
def transition(request, pk, name):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("agenda:manage", kwargs={"pk": pk}))
    activity = _activity(pk)
    if name == "cancel":
        form = CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Geef een reden: wie ingeschreven is, krijgt ze te lezen."))
            return redirect("agenda:manage", pk=pk)
        ok, _result = attempt(request, lambda: workflow.cancel(activity, request.user, form.cleaned_data["reason"]))
        if ok:
            messages.success(request, _("De activiteit is geannuleerd; wie ingeschreven was, krijgt een bericht."))
    elif name in ACTIONS:
        ok, _result = attempt(request, lambda: ACTIONS[name](activity, request.user))
        if ok:
            messages.success(
                request,
                _("De activiteit staat in de agenda.")
                if activity.status == Activity.Status.PUBLISHED
                else _("De activiteit is ingediend: de stad kijkt ze na voor ze in de agenda komt."),
            )
    else:
        raise Http404
    return redirect("agenda:manage", pk=pk)


def registrations(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity = _organised(request, pk, "agenda.manage_registration")
    rows = Registration.objects.filter(activity=activity).active().select_related("user")
    return render(
        request,
        "agenda/registrations.html",
        {
            "activity": activity,
            "registrations": rows,
            "summary": services.summary(activity),
            "message_form": MessageForm(),
            "can_attend": can(request.user, "agenda.attend_registration", activity),
        },
    )


def registrations_csv(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity = _organised(request, pk, "agenda.manage_registration")
    response = HttpResponse(services.registrations_csv(activity), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inschrijvingen-{activity.pk}.csv"'
    return response


@require_POST
def attendance(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("activity"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("agenda:registrations", kwargs={"pk": registration.activity_id}))
    present = request.POST.get("present") == "1"
    try:
        workflow.attend(registration, request.user, present=present)
    except Refusal as error:
        refusal_message(request, error)
    return redirect(reverse("agenda:registrations", kwargs={"pk": registration.activity_id}) + f"#r{registration.pk}")


def message(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity = _organised(request, pk, "agenda.manage_registration")
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        n = services.message_registrants(
            activity, request.user, form.cleaned_data["subject"], form.cleaned_data["body"]
        )
        messages.success(request, _("Je bericht gaat naar %(n)s persoon/personen.") % {"n": n})
        return redirect("agenda:registrations", pk=pk)
    return render(request, "agenda/message.html", {"activity": activity, "form": form})
