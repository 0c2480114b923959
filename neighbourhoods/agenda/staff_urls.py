from django.urls import path

from . import staff_views

app_name = "agenda_staff"
urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("<int:pk>/", staff_views.review, name="review"),
]
