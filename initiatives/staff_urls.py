from django.urls import path

from . import staff_views

app_name = "initiatives_staff"

urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("export.csv", staff_views.export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", staff_views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("reacties/", staff_views.reported_comments, name="comments"),
    path("reacties/<int:pk>/verbergen/", staff_views.hide_comment, name="hide_comment"),
    path("reacties/<int:pk>/in-orde/", staff_views.dismiss_reports, name="dismiss_reports"),
    path("<int:pk>/", staff_views.detail, name="detail"),
    path("<int:pk>/<slug:action>/", staff_views.act, name="act"),
]
