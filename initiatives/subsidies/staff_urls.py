from django.urls import path

from . import staff_views

app_name = "subsidies_staff"

urlpatterns = [
    path("", staff_views.workbench, name="workbench"),
    path("dossiers/<str:reference>/", staff_views.file_detail, name="file"),
    path("dossiers/<str:reference>/behandelaar/", staff_views.assign, name="assign"),
    path("dossiers/<str:reference>/checklist/", staff_views.checklist, name="checklist"),
    path("dossiers/<str:reference>/ontvankelijk/", staff_views.intake, name="intake"),
    path("dossiers/<str:reference>/informatie-vragen/", staff_views.request_info, name="request_info"),
    path("dossiers/<str:reference>/beoordelen/", staff_views.assess, name="assess"),
    path("dossiers/<str:reference>/voorstel/", staff_views.propose, name="propose"),
    path("dossiers/<str:reference>/beslissing/", staff_views.decide, name="decide"),
    path("dossiers/<str:reference>/brief/", staff_views.letter, name="letter"),
    path("dossiers/<str:reference>/betalingen/", staff_views.payments, name="payments"),
    path("dossiers/<str:reference>/eindverslag/", staff_views.review_report, name="review_report"),
    path("dossiers/<str:reference>/afsluiten/", staff_views.close, name="close"),
    path("dossiers/<str:reference>/notitie/", staff_views.note, name="note"),
    path("dossiers/<str:reference>/documenten/", staff_views.document_add, name="document_add"),
    path(
        "dossiers/<str:reference>/documenten/<int:pk>/verwijderen/",
        staff_views.document_remove,
        name="document_remove",
    ),
    path("reglementen/", staff_views.schemes, name="schemes"),
    path("reglementen/nieuw/", staff_views.scheme_create, name="scheme_create"),
    path("reglementen/<slug:slug>/bewerken/", staff_views.scheme_edit, name="scheme_edit"),
    path("rapport/", staff_views.report, name="report"),
    path("rapport.xlsx", staff_views.report_xlsx, name="report_xlsx"),
]
