"""Public pages of the area-based work, under /wijken/<wijk>/."""

from django.urls import path

from . import views

app_name = "areawork"

urlpatterns = [
    path("<slug:slug>/wijkplan/", views.plan, name="plan"),
    path("<slug:slug>/volgen/", views.follow, name="follow"),
    path("<slug:slug>/niet-meer-volgen/", views.unfollow, name="unfollow"),
]
