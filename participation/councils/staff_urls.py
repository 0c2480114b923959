from django.urls import path

from . import staff_views as views

app_name = "councils_staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("vergadering/<int:pk>/", views.meeting, name="meeting"),
    path("vergadering/<int:pk>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path("vergadering/<int:pk>/annuleren/", views.meeting_cancel, name="meeting_cancel"),
    path("vergadering/<int:pk>/actie/<slug:name>/", views.meeting_transition, name="meeting_transition"),
    path("vergadering/<int:pk>/agendapunt/nieuw/", views.item_add, name="item_add"),
    path("vergadering/<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
    path("vergadering/<int:pk>/verslag/", views.minutes, name="minutes"),
    path("vergadering/<int:pk>/verslag/versturen/", views.minutes_send, name="minutes_send"),
    path("vergadering/<int:pk>/verslag/goedkeuren/", views.minutes_approve, name="minutes_approve"),
    path("agendapunt/<int:pk>/", views.item_edit, name="item"),
    path("agendapunt/<int:pk>/verplaatsen/", views.item_move, name="item_move"),
    path("agendapunt/<int:pk>/verwijderen/", views.item_delete, name="item_delete"),
    path("agendapunt/<int:pk>/stemming/", views.vote, name="vote"),
    path("document/<int:pk>/verwijderen/", views.document_delete, name="document_delete"),
    path("opmerking/<int:pk>/antwoord/", views.remark_respond, name="remark_respond"),
    path("lidmaatschap/<int:pk>/", views.membership_edit, name="membership"),
    path("lidmaatschap/<int:pk>/beeindigen/", views.membership_end, name="membership_end"),
    path("kandidatuur/<int:pk>/", views.application_decide, name="application_decide"),
    path("advies/<int:pk>/", views.advice, name="advice"),
    path("advies/<int:pk>/goedkeuren/", views.advice_approve, name="advice_approve"),
    path("advies/<int:pk>/versturen/", views.advice_send, name="advice_send"),
    path("advies/<int:pk>/antwoord/", views.advice_answer, name="advice_answer"),
    path("adviesvraag/<int:pk>/geen-advies/", views.request_decline, name="request_decline"),
    path("<slug:slug>/", views.council, name="council"),
    path("<slug:slug>/instellingen/", views.council_settings, name="settings"),
    path("<slug:slug>/leden/", views.members, name="members"),
    path("<slug:slug>/kandidaturen/", views.applications, name="applications"),
    path("<slug:slug>/vergaderingen/nieuw/", views.meeting_new, name="meeting_new"),
    path("<slug:slug>/adviezen/nieuw/", views.advice_new, name="advice_new"),
    path("<slug:slug>/adviesvragen/nieuw/", views.request_new, name="request_new"),
]
