from django.urls import path

from . import staff_views

app_name = "volunteers_staff"

urlpatterns = [
    path("", staff_views.index, name="index"),
    path("organisatie/<slug:slug>/vacature/nieuw/", staff_views.opportunity_new, name="opportunity_new"),
    path("organisatie/<slug:slug>/organisatienota/", staff_views.notice_new, name="notice_new"),
    path("organisatie/<slug:slug>/inschrijvingen-<int:year>.<str:fmt>", staff_views.export, name="export"),
    path("organisatie/<slug:slug>/vergoedingen/", staff_views.allowance_list, name="allowances"),
    path(
        "organisatie/<slug:slug>/vergoedingen-<int:year>.<str:fmt>",
        staff_views.allowance_export,
        name="allowance_export",
    ),
    path("organisatie/<slug:slug>/attesten/", staff_views.certificate_list, name="certificates"),
    path("organisatie/<slug:slug>/attest-<int:year>/<int:user_pk>/", staff_views.certificate, name="certificate"),
    path("vacature/<int:pk>/", staff_views.opportunity, name="opportunity"),
    path("vacature/<int:pk>/bewerken/", staff_views.opportunity_edit, name="opportunity_edit"),
    path("vacature/<int:pk>/shifts/", staff_views.shift_add, name="shift_add"),
    path("vacature/<int:pk>/<slug:name>/", staff_views.opportunity_transition, name="opportunity_transition"),
    path("shift/<int:pk>/verplaatsen/", staff_views.shift_move, name="shift_move"),
    path("shift/<int:pk>/bericht/", staff_views.shift_message, name="shift_message"),
    path("shift/<int:pk>/annuleren/", staff_views.shift_cancel, name="shift_cancel"),
    path("meedoen/<int:pk>/<slug:name>/", staff_views.commitment_decide, name="commitment_decide"),
    path("flexuren/<int:pk>/<slug:name>/", staff_views.flexible_hours_decide, name="flexible_hours_decide"),
    path("uren/<int:pk>/<slug:name>/", staff_views.hours_decide, name="hours_decide"),
    path("inschrijving/<int:pk>/<slug:name>/", staff_views.signup_decide, name="signup_decide"),
]
