"""Public and applicant pages of subsidies (`/subsidies/`). The register's URLs come from
register_urls.py; the staff pages are in staff_urls.py (`/beheer/subsidies/`)."""

from django.urls import include, path

from . import views
from .register_urls import urlpatterns as register_urlpatterns

app_name = "subsidies"

urlpatterns = [
    path("", views.schemes, name="schemes"),
    path("reglementen/<slug:slug>/", views.scheme, name="scheme"),
    path("reglementen/<slug:slug>/aanvragen/", views.apply, name="apply"),
    path("dossiers/", views.my_files, name="my_files"),
    path("dossiers/<str:reference>/", views.file_detail, name="file"),
    path("dossiers/<str:reference>/bewerken/", views.edit, name="edit"),
    path("dossiers/<str:reference>/begroting/", views.budget, name="budget"),
    path("dossiers/<str:reference>/documenten/", views.documents, name="documents"),
    path("dossiers/<str:reference>/indienen/", views.submit, name="submit"),
    path("dossiers/<str:reference>/antwoorden/", views.answer_info, name="answer_info"),
    path("dossiers/<str:reference>/verslag/", views.report, name="report"),
    path("dossiers/<str:reference>/intrekken/", views.withdraw, name="withdraw"),
    path("dossiers/<str:reference>/beslissingsbrief/", views.letter, name="letter"),
    path("dossiers/<str:reference>/mede-aanvragers/", views.co_applicants, name="co_applicants"),
    path("documenten/<int:pk>/", views.document, name="document"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("", include(register_urlpatterns)),
]
