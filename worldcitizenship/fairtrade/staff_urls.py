from django.urls import path

from . import staff_views

app_name = "fairtrade_staff"
urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    path("punten/<int:pk>/", staff_views.review, name="review"),
    path("trekkersgroep/", staff_views.steering, name="steering"),
    path("<int:year>/", staff_views.year, name="year"),
    path("<int:year>/criterium/<int:number>/", staff_views.criterion, name="criterion"),
    path(
        "<int:year>/criterium/<int:number>/bewijs/<int:pk>/verwijderen/",
        staff_views.delete_evidence,
        name="delete_evidence",
    ),
    path("<int:year>/verslag/", staff_views.report, name="report"),
    path("<int:year>/verslag.xlsx", staff_views.report_xlsx, name="report_xlsx"),
]
