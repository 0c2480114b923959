from django.urls import path

from . import publication_views, views

app_name = "councils"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("vergaderingen.ics", publication_views.public_feed, name="feed"),
    path("open-data.json", publication_views.open_data, name="open_data"),
    path("mijn-vergaderingen/", views.my_meetings, name="my_meetings"),
    path("vergadering/<int:pk>/", views.meeting_detail, name="meeting"),
    path("vergadering/<int:pk>.ics", publication_views.meeting_ics, name="meeting_ics"),
    path("vergadering/<int:pk>/antwoord/", views.rsvp, name="rsvp"),
    path("vergadering/<int:pk>/opmerking/", views.remark, name="remark"),
    path("document/<int:pk>/", views.document_download, name="document"),
    path("advies/<int:pk>/", views.advice_detail, name="advice"),
    path("kandidatuur/<int:pk>/intrekken/", views.withdraw_application, name="withdraw_application"),
    path("<slug:slug>/", views.council_detail, name="detail"),
    path("<slug:slug>/vergaderingen.ics", publication_views.council_feed, name="council_feed"),
    path("<slug:slug>/leden/", views.membership_history, name="members"),
    path("<slug:slug>/adviezen/", views.advice_list, name="advice_list"),
    path("<slug:slug>/kandidaat-stellen/", views.apply, name="apply"),
    path("<slug:slug>/jaarverslag/", publication_views.report, name="report_current"),
    path("<slug:slug>/jaarverslag/<int:year>/", publication_views.report, name="report"),
    path("<slug:slug>/jaarverslag/<int:year>.xlsx", publication_views.report_xlsx, name="report_xlsx"),
]
