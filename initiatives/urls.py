from django.urls import path

from . import views
from .feeds import NewInitiativesFeed

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("feed/", NewInitiativesFeed(), name="feed"),
    path("nieuw/", views.create, name="create"),
    path("mijn/", views.mine, name="mine"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("reacties/<int:pk>/melden/", views.report_comment, name="report_comment"),
    path("<int:pk>-<slug:slug>/", views.detail, name="detail"),
    path("<int:pk>/", views.detail_redirect, name="detail_short"),
    path("<int:pk>/schrijven/<slug:step>/", views.edit, name="edit"),
    path("<int:pk>/initiatiefnemers/", views.committee, name="committee"),
    path("<int:pk>/initiatiefnemers/<int:initiator_pk>/verwijderen/", views.remove_initiator, name="remove_initiator"),
    path("<int:pk>/initiatiefnemers/<int:initiator_pk>/overdragen/", views.transfer_lead, name="transfer_lead"),
    path("<int:pk>/uitnodigen/", views.invite, name="invite"),
    path("<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/", views.revoke_invitation, name="revoke_invitation"),
    path("<int:pk>/indienen/", views.submit, name="submit"),
    path("<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("<int:pk>/steunen/", views.support, name="support"),
    path("<int:pk>/steun-intrekken/", views.withdraw_support, name="withdraw_support"),
    path("<int:pk>/volgen/", views.follow, name="follow"),
    path("<int:pk>/reageren/", views.comment, name="comment"),
    path("<int:pk>/nieuws/", views.post_update, name="post_update"),
]
