from django.urls import path

from . import solidarity_views, views
from .partnership import views as partnership_views

app_name = "worldcitizenship"

urlpatterns = [
    path("sdg/", views.goals, name="goals"),
    path("sdg/<int:number>/", views.goal, name="goal"),
    path("volgen/<str:subject>/", partnership_views.follow, name="follow"),
    path("sdg/<int:number>/<slug:kind>/", views.goal_kind, name="goal_kind"),
    path("sdg/rapport/<int:year>/", views.report, name="report"),
    path("organisaties/", solidarity_views.directory, name="organisations"),
    path("organisaties/<slug:slug>/", solidarity_views.organisation, name="organisation"),
]
