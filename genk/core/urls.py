from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("taal/", views.set_language, name="set_language"),
    path("meldingen/", views.notification_list, name="notifications"),
    path("meldingen/<int:pk>/gelezen/", views.notification_read, name="notification_read"),
    path("meldingen/alles-gelezen/", views.notifications_all_read, name="notifications_all_read"),
    path("beheer/", views.staff_dashboard, name="staff_dashboard"),
    path("beheer/auditlog/", views.audit_log, name="audit_log"),
    path("beheer/bestanden/<slug:area>/<path:name>", views.private_file, name="private_file"),
]
