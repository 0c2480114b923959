"""What language buddies keep about a person: their registrations as learner or buddy, their
pairs and the meetings of those pairs. On erasure the registrations are withdrawn and emptied
(level, availability, wijk, interests, languages), an active pair is ended and a proposed one
declined; the pair and its approved meetings stay (the organisation's record of volunteer
hours), attached to the anonymised account."""

from django.utils import timezone

from genk.core import gdpr

from .models import Buddy, Learner, Meeting, Pair


def registration(obj, role):
    return {
        "role": role,
        "programme": obj.opportunity.title,
        "level": getattr(obj, "level", None),
        "availability": obj.availability_labels(),
        "neighbourhood": obj.neighbourhood.name if obj.neighbourhood else None,
        "interests": obj.interests,
        "languages": obj.languages,
        "contact_preference": obj.contact_preference,
        "registered": obj.created.isoformat(),
        "withdrawn": obj.withdrawn_at.isoformat() if obj.withdrawn_at else None,
    }


def export(user):
    pairs = Pair.objects.for_user(user).select_related("opportunity", "learner__user", "buddy__user")
    meetings = Meeting.objects.filter(pair__in=pairs).order_by("date")
    by_pair = {}
    for m in meetings:
        by_pair.setdefault(m.pair_id, []).append(
            {"date": m.date.isoformat(), "minutes": m.minutes, "note": m.note, "status": m.status}
        )
    return {
        "registrations": [
            *(
                registration(x, "learner")
                for x in Learner.objects.filter(user=user).select_related("opportunity", "neighbourhood")
            ),
            *(
                registration(x, "buddy")
                for x in Buddy.objects.filter(user=user).select_related("opportunity", "neighbourhood")
            ),
        ],
        "pairs": [
            {
                "programme": p.opportunity.title,
                "role": "learner" if p.learner.user_id == user.pk else "buddy",
                "status": p.status,
                "created": p.created.isoformat(),
                "decline_reason": p.decline_reason,
                "end_reason": p.end_reason,
                "meetings": by_pair.get(p.pk, []),
            }
            for p in pairs
        ],
    }


def erase(user):
    from .workflow import close_for_erasure

    for pair in Pair.objects.for_user(user).open().order_by("pk"):
        close_for_erasure(pair, "account verwijderd")
    blank = {
        "availability": [],
        "neighbourhood": None,
        "interests": "",
        "languages": [],
        "withdrawn_at": timezone.now(),
    }
    Learner.objects.filter(user=user).update(**blank, level="A0")
    Buddy.objects.filter(user=user).update(**blank)
    # Meeting notes are short and without personal details by design; they go anyway.
    Meeting.objects.filter(pair__in=Pair.objects.for_user(user)).update(note="")


gdpr.register("buddies", export=export, erase=erase)
