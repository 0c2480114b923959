from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.views.decorators.http import require_POST


def floor(request):
    """The floor the pages are compared with: one indexed query (a primary-key look-up) and a
    tiny response, through the same middleware stack as every page."""
    try:
        pk = int(request.GET.get("pk", "1"))
    except ValueError:
        pk = 1
    email = get_user_model().objects.filter(pk=pk).values_list("email", flat=True).first()
    return HttpResponse("ok" if email else "-", content_type="text/plain")


@require_POST
def write_floor(request):
    """The floor of a signed-in write: the session and the user loaded (as every signed-in
    request does), one row written in a transaction with a durable commit, a redirect. A
    POST that records something (a support, a vote) is compared with this as well."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    with transaction.atomic():
        get_user_model().objects.filter(pk=request.user.pk).update(last_login=F("last_login"))
    return HttpResponseRedirect("/bench/floor/")
