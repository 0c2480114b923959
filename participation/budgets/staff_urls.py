from django.urls import path

from . import staff_views as views

app_name = "budgets_staff"

urlpatterns = [
    path("", views.cycle_list, name="cycles"),
    path("nieuw/", views.cycle_create, name="cycle_create"),
    path("themas/", views.theme_list, name="themes"),
    path("<slug:slug>/", views.cycle_detail, name="cycle"),
    path("<slug:slug>/bewerken/", views.cycle_edit, name="cycle_edit"),
    path("<slug:slug>/fasen/", views.cycle_phases, name="phases"),
    path("<slug:slug>/deelbudgetten/", views.cycle_headings, name="headings"),
    path("<slug:slug>/deelbudgetten/<int:pk>/", views.heading_edit, name="heading_edit"),
    path("<slug:slug>/publiceren/", views.cycle_publish, name="cycle_publish"),
    path("<slug:slug>/beoordelen/", views.review_list, name="review_list"),
    path("<slug:slug>/beoordelen/<int:pk>/", views.review, name="review"),
    path("<slug:slug>/papier/", views.paper_identify, name="paper"),
    path("<slug:slug>/papier/<int:record>/", views.paper_voter, name="paper_voter"),
    path("<slug:slug>/papier/<int:record>/<slug:heading>/", views.paper_ballot, name="paper_ballot"),
    path("<slug:slug>/resultaten/", views.results, name="results"),
    path("<slug:slug>/resultaten/publiceren/", views.results_publish, name="results_publish"),
    path("<slug:slug>/resultaten/<int:pk>/aanpassen/", views.result_override, name="result_override"),
    path("<slug:slug>/uitvoering/", views.implementation, name="implementation"),
    path("<slug:slug>/uitvoering/<int:pk>/", views.update_create, name="update_create"),
    path("<slug:slug>/export/<str:what>.<str:fmt>", views.export, name="export"),
]
