from django.urls import path

from . import staff_views as views

app_name = "places_staff"

urlpatterns = [
    path("", views.places, name="places"),
    path("aanvragen/", views.queue, name="queue"),
    path("reservaties/<int:pk>/", views.booking, name="booking"),
    path("<slug:slug>/week/", views.week, name="week"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/cijfers/", views.figures, name="figures"),
    path("<slug:slug>/zalen/<int:room>/reservaties.ics", views.room_feed, name="room_feed"),
]
