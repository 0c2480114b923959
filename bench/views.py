from django.contrib.auth import get_user_model
from django.http import HttpResponse


def floor(request):
    """The floor the pages are compared with: one indexed query (a primary-key look-up) and a
    tiny response, through the same middleware stack as every page."""
    try:
        pk = int(request.GET.get("pk", "1"))
    except ValueError:
        pk = 1
    email = get_user_model().objects.filter(pk=pk).values_list("email", flat=True).first()
    return HttpResponse("ok" if email else "-", content_type="text/plain")
