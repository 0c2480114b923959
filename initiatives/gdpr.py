"""What initiatives keeps about a person, for the data download and the erasure.

Erasure keeps public contributions (published initiatives, comments, updates, supports: the
counts stay exact) under the erased account, shown as "voormalige inwoner". Drafts never
submitted, follows and invitations to the person's address are deleted."""

from genk.core import gdpr

from .models import Comment, Follow, Initiative, Initiator, Invitation, Support, Update


def export(user) -> dict:
    return {
        "initiatives": [
            {
                "title": i.initiative.title,
                "role": i.role,
                "status": i.initiative.status,
                "summary": i.initiative.summary,
                "description": i.initiative.description,
                "joined": i.created,
            }
            for i in Initiator.objects.filter(user=user).select_related("initiative")
        ],
        "supports": [
            {"initiative": s.initiative.title, "created": s.created, "counted": s.counted}
            for s in Support.objects.filter(user=user).select_related("initiative")
        ],
        "comments": [
            {
                "initiative": c.initiative.title,
                "body": c.body,
                "created": c.created,
                "hidden_reason": c.hidden_reason,
            }
            for c in Comment.objects.filter(author=user).select_related("initiative")
        ],
        "updates": [
            {"initiative": u.initiative.title, "title": u.title, "body": u.body, "created": u.created}
            for u in Update.objects.filter(author=user).select_related("initiative")
        ],
        "follows": [
            {"initiative": f.initiative.title, "since": f.created}
            for f in Follow.objects.filter(user=user).select_related("initiative")
        ],
        "invitations_sent": [
            {"initiative": i.initiative.title, "email": i.email, "created": i.created}
            for i in Invitation.objects.filter(invited_by=user).select_related("initiative")
        ],
    }


def erase(user) -> None:
    Initiative.objects.drafts().filter(created_by=user).delete()
    Follow.objects.filter(user=user).delete()
    if user.email:
        Invitation.objects.filter(email__iexact=user.email).delete()


gdpr.register("initiatives", export=export, erase=erase)
