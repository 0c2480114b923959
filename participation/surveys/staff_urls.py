from django.urls import path

from . import staff_views as views

app_name = "surveys_staff"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("nieuw/", views.survey_form, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bewerken/", views.survey_form, name="edit"),
    path("<slug:slug>/publiceren/", views.publish, name="publish"),
    path("<slug:slug>/vragen/nieuw/", views.question_form, name="question_create"),
    path("<slug:slug>/vragen/<int:pk>/", views.question_form, name="question_edit"),
    path("<slug:slug>/vragen/<int:pk>/<str:action>/", views.question_action, name="question_action"),
    path("<slug:slug>/resultaten/", views.results, name="results"),
    path("<slug:slug>/export.<str:fmt>", views.export, name="export"),
]
