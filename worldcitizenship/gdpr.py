"""What world citizenship keeps about a person: what they follow (exported, deleted on erasure).
Partners' contact details and exchanges are the city's records of organisations, not of
residents' accounts."""

from genk.core import gdpr

from .follows import Follow


def export_follows(user):
    return [
        {"subject": f.subject, "how": f.how, "since": f.created.isoformat()}
        for f in Follow.objects.filter(user=user).order_by("subject")
    ]


def erase_follows(user):
    Follow.objects.filter(user=user).delete()


gdpr.register("worldcitizenship.follows", export=export_follows, erase=erase_follows)
