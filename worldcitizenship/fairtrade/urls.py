from django.urls import path

from . import views

app_name = "fairtrade"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("criteria/", views.criteria, name="criteria"),
    path("punten/", views.directory, name="directory"),
    path("punten/aanmelden/", views.register, name="register"),
    path("punten/<int:pk>/", views.point, name="point"),
    path("punten/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("mijn-punten/", views.mine, name="mine"),
    path("bewijs/<int:pk>/", views.evidence_file, name="evidence_file"),
]
