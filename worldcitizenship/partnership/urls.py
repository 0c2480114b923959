from django.urls import path

from . import views

app_name = "partnership"

urlpatterns = [
    path("", views.home, name="home"),
    path("projecten/", views.project_list, name="projects"),
    path("projecten/<int:pk>/", views.project_detail, name="project"),
    path("uitwisselingen/", views.exchange_list, name="exchanges"),
]
