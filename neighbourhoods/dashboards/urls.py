from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("<slug:slug>/cijfers/", views.public, name="public"),
]
