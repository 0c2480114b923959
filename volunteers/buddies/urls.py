from django.urls import path

from . import views

app_name = "buddies"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/leerder/", views.register_learner, name="register_learner"),
    path("<int:pk>/maatje/", views.register_buddy, name="register_buddy"),
    path("<int:pk>/uitschrijven/", views.withdraw, name="withdraw"),
    path("koppel/<int:pk>/", views.pair_detail, name="pair"),
    path("koppel/<int:pk>/ontmoeting/", views.log_meeting, name="log_meeting"),
    path(
        "koppel/<int:pk>/<str:action>/",
        views.pair_action,
        name="pair_action",
    ),
]
