from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.cycle_detail, name="cycle"),
    path("<slug:slug>/volgen/", views.follow, name="follow"),
    path("<slug:slug>/voorstellen/", views.proposal_list, name="proposals"),
    path("<slug:slug>/voorstellen/nieuw/", views.propose, name="propose"),
    path("<slug:slug>/voorstellen/<int:pk>/", views.proposal_detail, name="proposal"),
    path("<slug:slug>/voorstellen/<int:pk>/bewerken/", views.proposal_edit, name="proposal_edit"),
    path("<slug:slug>/voorstellen/<int:pk>/intrekken/", views.proposal_withdraw, name="proposal_withdraw"),
    path("<slug:slug>/stemmen/", views.vote_index, name="vote"),
    path("<slug:slug>/stemmen/<slug:heading>/", views.ballot, name="ballot"),
    path("<slug:slug>/stemmen/<slug:heading>/bevestigen/", views.ballot_confirm, name="ballot_confirm"),
    path("<slug:slug>/resultaten/", views.results, name="results"),
    path("<slug:slug>/resultaten.<str:fmt>", views.results_export, name="results_export"),
]
