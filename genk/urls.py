from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("genk.core.urls")),
    path("account/", include("allauth.urls")),
    path("profiel/", include("genk.accounts.urls")),
    path("wijken/", include("neighbourhoods.areawork.urls")),
    path("wijken/", include("neighbourhoods.dashboards.urls")),
    path("wijken/", include("neighbourhoods.urls")),
    path("plekken/", include("neighbourhoods.place_urls")),
    path("agenda/", include("neighbourhoods.agenda.urls")),
    path("wereldburgerschap/fairtrade/", include("worldcitizenship.fairtrade.urls")),
    path("wereldburgerschap/francistown/", include("worldcitizenship.partnership.urls")),
    path("wereldburgerschap/", include("worldcitizenship.urls")),
    path("initiatieven/", include("initiatives.urls")),
    path("subsidies/", include("initiatives.subsidies.urls")),
    path("adviesraden/", include("participation.councils.urls")),
    path("burgerbudget/", include("participation.budgets.urls")),
    path("bevragingen/", include("participation.surveys.urls")),
    path("vrijwilligers/taalmaatjes/", include("volunteers.buddies.urls")),
    path("vrijwilligers/", include("volunteers.urls")),
    path("beheer/plekken/", include("neighbourhoods.staff_urls")),
    path("beheer/wijken/", include("neighbourhoods.areawork.staff_urls")),
    path("beheer/signalen/", include("neighbourhoods.areawork.overview_urls")),
    path("beheer/wijken/", include("neighbourhoods.dashboards.staff_urls")),
    path("beheer/initiatieven/", include("initiatives.staff_urls")),
    path("beheer/subsidies/", include("initiatives.subsidies.staff_urls")),
    path("beheer/adviesraden/", include("participation.councils.staff_urls")),
    path("beheer/burgerbudget/", include("participation.budgets.staff_urls")),
    path("beheer/bevragingen/", include("participation.surveys.staff_urls")),
    path("beheer/vrijwilligers/taalmaatjes/", include("volunteers.buddies.staff_urls")),
    path("beheer/vrijwilligers/", include("volunteers.staff_urls")),
    path("beheer/agenda/", include("neighbourhoods.agenda.staff_urls")),
    path("beheer/wereldburgerschap/sdg/", include("worldcitizenship.sdg_staff_urls")),
    path("beheer/wereldburgerschap/organisaties/", include("worldcitizenship.solidarity_staff_urls")),
    path("beheer/wereldburgerschap/fairtrade/", include("worldcitizenship.fairtrade.staff_urls")),
    path("beheer/wereldburgerschap/", include("worldcitizenship.partnership.staff_urls")),
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
