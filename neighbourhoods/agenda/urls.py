from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("", views.agenda, name="list"),
    path("agenda.ics", views.feed_all, name="feed"),
    path("wijk/<slug:slug>.ics", views.feed_wijk, name="feed_wijk"),
    path("thema/<str:theme>.ics", views.feed_theme, name="feed_theme"),
    path("mijn-inschrijvingen/", views.my_registrations, name="mine"),
    path("organiseren/", views.organise, name="organise"),
    path("organiseren/nieuw/", views.create, name="create"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("annuleren/<str:token>/", views.guest_cancel, name="guest_cancel"),
    path("inschrijving/<int:pk>/annuleren/", views.cancel_registration, name="cancel_registration"),
    path("inschrijving/<int:pk>/aanwezig/", views.attendance, name="attendance"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/activiteit.ics", views.activity_ics, name="ics"),
    path("<int:pk>/inschrijven/", views.register, name="register"),
    path("<int:pk>/inschrijven-zonder-account/", views.register_guest, name="register_guest"),
    path("<int:pk>/organiseren/", views.manage, name="manage"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/stap/<str:name>/", views.transition, name="transition"),
    path("<int:pk>/inschrijvingen/", views.registrations, name="registrations"),
    path("<int:pk>/inschrijvingen.csv", views.registrations_csv, name="registrations_csv"),
    path("<int:pk>/bericht/", views.message, name="message"),
]
