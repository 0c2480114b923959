"""What the neighbourhoods app keeps about a person: their places in area teams (with the
public contact details shown on the wijk's page). They go with the account."""

from genk.core import gdpr

from .models import TeamMembership


def export(user) -> dict:
    return {
        "team_memberships": [
            {
                "neighbourhood": membership.neighbourhood.name,
                "role": membership.role,
                "public_email": membership.public_email,
                "public_phone": membership.public_phone,
                "start": membership.start.isoformat() if membership.start else None,
                "end": membership.end.isoformat() if membership.end else None,
            }
            for membership in TeamMembership.objects.filter(user=user).select_related("neighbourhood")
        ]
    }


def erase(user) -> None:
    TeamMembership.objects.filter(user=user).delete()


gdpr.register("neighbourhoods", export=export, erase=erase)
