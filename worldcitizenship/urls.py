from django.urls import path

from . import views

app_name = "worldcitizenship"

urlpatterns = [
    path("sdg/", views.goals, name="goals"),
    path("sdg/<int:number>/", views.goal, name="goal"),
]
