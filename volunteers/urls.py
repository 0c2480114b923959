from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("mijn/", views.mine, name="mine"),
    path("mijn/agenda/", views.calendar_subscription, name="calendar_subscription"),
    path("mijn/attest/<slug:slug>/<int:year>/", views.certificate, name="certificate"),
    path("attest/", views.certificate_check, name="certificate_check_form"),
    path("attest/<str:code>/", views.certificate_check, name="certificate_check"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="feed"),
    path("organisaties/", views.organisation_list, name="organisations"),
    path("organisaties/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("shift/<int:pk>/inschrijven/", views.sign_up, name="sign_up"),
    path("inschrijving/<int:pk>/annuleren/", views.cancel, name="cancel"),
    path("inschrijving/<int:pk>/uren/", views.log_hours, name="log_hours"),
    path("meedoen/<int:pk>/uren/", views.flexible_hours, name="flexible_hours"),
    path("meedoen/<int:pk>/annuleren/", views.commitment_cancel, name="commitment_cancel"),
    path("<slug:slug>/meedoen/", views.commit, name="commit"),
    path("organisatienota/<int:pk>/", views.notice_detail, name="notice"),
    path("vergoeding/<int:pk>/bewijsstuk/", views.allowance_proof, name="allowance_proof"),
    path("<slug:slug>/", views.opportunity_detail, name="detail"),
]
