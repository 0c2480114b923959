"""Public and applicant pages of subsidies (`/subsidies/`). The register's URLs come from
register_urls.py; the staff pages are in staff_urls.py (`/beheer/subsidies/`)."""

from django.urls import include, path

from .register_urls import urlpatterns as register_urlpatterns
from .views import actions, application, documents, files, group, schemes

app_name = "subsidies"

urlpatterns = [
    path("", schemes.schemes, name="schemes"),
    path("reglementen/<slug:slug>/", schemes.scheme, name="scheme"),
    path("reglementen/<slug:slug>/aanvragen/", application.apply, name="apply"),
    path("dossiers/", files.my_files, name="my_files"),
    path("dossiers/<str:reference>/", files.file_detail, name="file"),
    path("dossiers/<str:reference>/bewerken/", application.edit, name="edit"),
    path("dossiers/<str:reference>/begroting/", application.budget, name="budget"),
    path("dossiers/<str:reference>/documenten/", documents.documents, name="documents"),
    path("dossiers/<str:reference>/indienen/", actions.submit, name="submit"),
    path("dossiers/<str:reference>/antwoorden/", actions.answer_info, name="answer_info"),
    path("dossiers/<str:reference>/verslag/", actions.report, name="report"),
    path("dossiers/<str:reference>/intrekken/", actions.withdraw, name="withdraw"),
    path("dossiers/<str:reference>/beslissingsbrief/", files.letter, name="letter"),
    path("dossiers/<str:reference>/mede-aanvragers/", group.co_applicants, name="co_applicants"),
    path("documenten/<int:pk>/", documents.document, name="document"),
    path("uitnodiging/<str:token>/", group.accept_invitation, name="accept_invitation"),
    path("", include(register_urlpatterns)),
]
