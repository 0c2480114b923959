from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/resultaten/", views.results, name="results"),
]
