"""/beheer/wereldburgerschap/organisaties/: the solidarity directory's profiles (the officer; a
representative for their own organisation)."""

from django.urls import path

from . import sdg_staff_views as views

app_name = "worldcitizenship_solidarity_staff"

urlpatterns = [
    path("", views.profiles, name="profiles"),
    path("nieuw/", views.profile_new, name="profile_new"),
    path("<slug:slug>/", views.profile_edit, name="profile_edit"),
]
