from django.urls import path

from .feeds import NewInitiativesFeed
from .views import committee, public, taking_part, writing

app_name = "initiatives"

urlpatterns = [
    path("", public.initiative_list, name="list"),
    path("feed/", NewInitiativesFeed(), name="feed"),
    path("nieuw/", writing.create, name="create"),
    path("mijn/", writing.mine, name="mine"),
    path("uitnodiging/<str:token>/", committee.invitation, name="invitation"),
    path("reacties/<int:pk>/melden/", taking_part.report_comment, name="report_comment"),
    path("<int:pk>-<slug:slug>/", public.detail, name="detail"),
    path("<int:pk>/", public.detail_redirect, name="detail_short"),
    path("<int:pk>/schrijven/<slug:step>/", writing.edit, name="edit"),
    path("<int:pk>/initiatiefnemers/", committee.committee, name="committee"),
    path(
        "<int:pk>/initiatiefnemers/<int:initiator_pk>/verwijderen/", committee.remove_initiator, name="remove_initiator"
    ),
    path("<int:pk>/initiatiefnemers/<int:initiator_pk>/overdragen/", committee.transfer_lead, name="transfer_lead"),
    path("<int:pk>/uitnodigen/", committee.invite, name="invite"),
    path(
        "<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/", committee.revoke_invitation, name="revoke_invitation"
    ),
    path("<int:pk>/indienen/", writing.submit, name="submit"),
    path("<int:pk>/intrekken/", writing.withdraw, name="withdraw"),
    path("<int:pk>/steunen/", taking_part.support, name="support"),
    path("<int:pk>/steun-intrekken/", taking_part.withdraw_support, name="withdraw_support"),
    path("<int:pk>/volgen/", taking_part.follow, name="follow"),
    path("<int:pk>/reageren/", taking_part.comment, name="comment"),
    path("<int:pk>/nieuws/", taking_part.post_update, name="post_update"),
]
