from django.urls import path

from . import staff_views as views

app_name = "areawork_signals"

urlpatterns = [path("", views.signal_overview, name="overview")]
