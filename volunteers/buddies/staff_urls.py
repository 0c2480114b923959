from django.urls import path

from . import staff_views

app_name = "buddies_staff"

urlpatterns = [
    path("", staff_views.programmes, name="programmes"),
    path("<int:pk>/", staff_views.matching, name="matching"),
    path("<int:pk>/voorstellen/", staff_views.propose, name="propose"),
    path(
        "ontmoeting/<int:pk>/<str:decision>/",
        staff_views.decide_meeting,
        name="decide_meeting",
    ),
]
