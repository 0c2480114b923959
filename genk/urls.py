from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("genk.core.urls")),
    path("account/", include("allauth.urls")),
    path("profiel/", include("genk.accounts.urls")),
    path("wijken/", include("neighbourhoods.urls")),
    path("wereldburgerschap/", include("worldcitizenship.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "genk.core.views.permission_denied"
handler404 = "genk.core.views.page_not_found"
handler500 = "genk.core.views.server_error"
