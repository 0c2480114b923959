"""Staff pages of the area-based work, under /beheer/wijken/<wijk>/ (and /beheer/signalen/)."""

from django.urls import path

from . import staff_views as views

app_name = "areawork_staff"

urlpatterns = [
    path("<slug:slug>/team/", views.team, name="team"),
    path("<slug:slug>/team/fotos/<int:pk>/verwijderen/", views.remove_photo, name="remove_photo"),
    path("<slug:slug>/wijkplan/", views.plan_current, name="plan_current"),
    path("<slug:slug>/wijkplan/<int:year>/", views.plan, name="plan"),
    path("<slug:slug>/wijkplan/<int:year>/<str:name>/", views.plan_transition, name="plan_transition"),
    path("<slug:slug>/wijkplan/acties/<int:pk>/", views.action, name="action"),
    path("<slug:slug>/wijkplan/acties/<int:pk>/stap/<str:name>/", views.action_transition, name="action_transition"),
    path("<slug:slug>/wijkplan/koppelingen/<int:pk>/verwijderen/", views.unlink, name="unlink"),
    path("<slug:slug>/signalen/", views.signals, name="signals"),
    path("<slug:slug>/signalen/<int:pk>/", views.signal, name="signal"),
    path("<slug:slug>/signalen/<int:pk>/stap/<str:name>/", views.signal_transition, name="signal_transition"),
]
