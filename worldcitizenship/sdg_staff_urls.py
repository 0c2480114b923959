"""/beheer/wereldburgerschap/sdg/: the officer's local SDG indicators."""

from django.urls import path

from . import sdg_staff_views as views

app_name = "worldcitizenship_staff"

urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("nieuw/", views.indicator_new, name="indicator_new"),
    path("<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("<int:pk>/verwijderen/", views.indicator_delete, name="indicator_delete"),
    path("<int:pk>/herberekenen/", views.indicator_refresh, name="indicator_refresh"),
]
