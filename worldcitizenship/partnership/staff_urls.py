from django.urls import path

from . import staff_views as v

app_name = "partnership_staff"

urlpatterns = [
    path("", v.index, name="index"),
    path("stedenband/", v.partnership_edit, name="partnership"),
    path("partners/nieuw/", v.partner_edit, name="partner_new"),
    path("partners/<int:pk>/", v.partner_edit, name="partner"),
    path("aanspreekpunten/nieuw/", v.contact_edit, name="contact_new"),
    path("aanspreekpunten/<int:pk>/", v.contact_edit, name="contact"),
    path("uitwisselingen/nieuw/", v.exchange_edit, name="exchange_new"),
    path("uitwisselingen/<int:pk>/", v.exchange_edit, name="exchange"),
    path("projecten/nieuw/", v.project_new, name="project_new"),
    path("projecten/<int:pk>/", v.project, name="project"),
    path("projecten/<int:pk>/bewerken/", v.project_edit, name="project_edit"),
    path("projecten/<int:pk>/status/<str:name>/", v.project_move, name="project_move"),
    path("projecten/<int:pk>/financiering/nieuw/", v.funding_edit, name="funding_new"),
    path("projecten/<int:pk>/financiering/<int:funding_pk>/", v.funding_edit, name="funding"),
    path("projecten/<int:pk>/indicatoren/nieuw/", v.indicator_edit, name="indicator_new"),
    path("projecten/<int:pk>/indicatoren/<int:indicator_pk>/", v.indicator_edit, name="indicator"),
    path("projecten/<int:pk>/nieuws/", v.update_new, name="update_new"),
    path("projecten/<int:pk>/documenten/", v.document_new, name="document_new"),
]
