from django.urls import path

from . import views
from .partnership import views as partnership_views

app_name = "worldcitizenship"

urlpatterns = [
    path("sdg/", views.goals, name="goals"),
    path("sdg/<int:number>/", views.goal, name="goal"),
    path("volgen/<str:subject>/", partnership_views.follow, name="follow"),
]
