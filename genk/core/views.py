import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import pagecache, portal
from .models import AuditLogEntry, Notification
from .permissions import permission_required, staff_required

HOME_ACTIVITY = 8


def home(request):
    return _home_page()(request)


@functools.cache
def _home_page():
    """The home page, kept for visitors (`pagecache.public_page`) under the versions of what it
    shows: the wijken and stadsdelen of the map, and what the apps' latest activity shows (each
    app names its tables where it registers, `portal.public_activity`). Built on the first
    request, when every app has registered; a provider that names no tables: not kept."""
    tables = portal.activity_tables()
    if tables is None:
        return _home
    return pagecache.public_page(
        "core", "home", tables=["neighbourhoods.neighbourhood", "neighbourhoods.district", *tables]
    )(_home)


def _home(request):
    response = render(request, "core/home.html", {"activity": portal.latest_activity(HOME_ACTIVITY)})
    # A phase that starts, minutes published at a set time, a survey that opens or closes.
    return pagecache.keep_until(response, portal.activity_changes_at(HOME_ACTIVITY))


def privacy(request):
    return render(request, "core/privacy.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


@require_POST
def set_language(request):
    """Switch the interface language; a signed-in user's profile follows the choice."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return django_set_language(request)


@staff_required
def staff_dashboard(request):
    items = portal.dashboard_items(request.user)
    sections: dict[str, list] = {}
    for item in items:
        sections.setdefault(item.section, []).append(item)
    return render(request, "core/staff_dashboard.html", {"sections": sections})


@staff_required
def audit_log(request):
    entries = AuditLogEntry.objects.select_related("content_type")
    action = request.GET.get("handeling", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    return render(request, "core/audit_log.html", {"page": page, "action": action})


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user)
    # One query for the paginator's count and the menu's unread badge.
    counts = notifications.aggregate(total=Count("pk"), unread=Count("pk", filter=Q(read_at__isnull=True)))
    request.user._unread_notifications = counts["unread"]
    paginator = Paginator(notifications, 25)
    paginator.count = counts["total"]  # a cached property: the paginator does not count again
    page = paginator.get_page(request.GET.get("pagina"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect("core:notifications")


@login_required
@require_POST
def notifications_all_read(request):
    updated = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    if updated:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("core:notifications")


@permission_required("core.download_private_file")
def private_file(request, area, name):
    """A private file for an administrator (the link the Django admin shows beside a file field)."""
    from django.core.exceptions import SuspiciousFileOperation

    from .files import private_file_response, private_storage_of

    try:
        handle = private_storage_of(area).open(name, "rb")  # refuses a name outside the area
    except (KeyError, SuspiciousFileOperation, FileNotFoundError, IsADirectoryError):
        raise Http404 from None
    return private_file_response(handle, name.rsplit("/", 1)[-1])


def permission_denied(request, exception=None):
    reason = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
