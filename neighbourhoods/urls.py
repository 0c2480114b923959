from django.urls import path

from . import views

app_name = "neighbourhoods"

urlpatterns = [
    path("", views.index, name="index"),
    path("stadsdelen/<slug:slug>/", views.district, name="district"),
    path("<slug:slug>/", views.detail, name="detail"),
]
