from django.urls import path

from .staff_views import files, letter, report, schemes, steps, workbench

app_name = "subsidies_staff"

urlpatterns = [
    path("", workbench.workbench, name="workbench"),
    path("dossiers/<str:reference>/", files.file_detail, name="file"),
    path("dossiers/<str:reference>/behandelaar/", steps.assign, name="assign"),
    path("dossiers/<str:reference>/checklist/", steps.checklist, name="checklist"),
    path("dossiers/<str:reference>/ontvankelijk/", steps.intake, name="intake"),
    path("dossiers/<str:reference>/informatie-vragen/", steps.request_info, name="request_info"),
    path("dossiers/<str:reference>/beoordelen/", steps.assess, name="assess"),
    path("dossiers/<str:reference>/voorstel/", steps.propose, name="propose"),
    path("dossiers/<str:reference>/beslissing/", steps.decide, name="decide"),
    path("dossiers/<str:reference>/brief/", letter.letter, name="letter"),
    path("dossiers/<str:reference>/betalingen/", steps.payments, name="payments"),
    path("dossiers/<str:reference>/eindverslag/", steps.review_report, name="review_report"),
    path("dossiers/<str:reference>/afsluiten/", steps.close, name="close"),
    path("dossiers/<str:reference>/notitie/", steps.note, name="note"),
    path("dossiers/<str:reference>/documenten/", files.document_add, name="document_add"),
    path(
        "dossiers/<str:reference>/documenten/<int:pk>/verwijderen/",
        files.document_remove,
        name="document_remove",
    ),
    path("reglementen/", schemes.schemes, name="schemes"),
    path("reglementen/nieuw/", schemes.scheme_create, name="scheme_create"),
    path("reglementen/<slug:slug>/bewerken/", schemes.scheme_edit, name="scheme_edit"),
    path("rapport/", report.report, name="report"),
    path("rapport.xlsx", report.report_xlsx, name="report_xlsx"),
]
