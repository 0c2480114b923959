"""What the councils keep about a person: memberships, applications, invitations and answers,
remarks on draft minutes and votes in public votes.

Erasure: applications and remarks (personal opinions that were never public) are deleted;
current memberships end today. Membership history, attendance and public votes stay — they
are the council's public record — and show the person as "voormalige inwoner".
"""

from django.utils import timezone

from genk.core import gdpr

from .models import Attendance, Ballot, CouncilMembership, MembershipApplication, MinutesRemark


def export(user) -> dict:
    return {
        "lidmaatschappen": [
            {
                "raad": m.council.name,
                "rol": m.role,
                "begin": m.start.isoformat() if m.start else None,
                "einde": m.end.isoformat() if m.end else None,
                "vertegenwoordigt": m.represents,
            }
            for m in CouncilMembership.objects.filter(user=user).select_related("council")
        ],
        "kandidaturen": [
            {"raad": a.council.name, "motivatie": a.motivation, "status": a.status, "ingediend": a.created.isoformat()}
            for a in MembershipApplication.objects.filter(user=user).select_related("council")
        ],
        "uitnodigingen": [
            {
                "vergadering": str(a.meeting),
                "datum": a.meeting.starts_at.isoformat(),
                "antwoord": a.rsvp,
                "aanwezigheid": a.presence,
            }
            for a in Attendance.objects.filter(user=user).select_related("meeting__council")
        ],
        "opmerkingen_op_verslagen": [
            {"vergadering": str(r.minutes.meeting), "opmerking": r.body, "datum": r.created.isoformat()}
            for r in MinutesRemark.objects.filter(author=user).select_related("minutes__meeting__council")
        ],
        "stemmen": [
            {"stemming": b.vote.motion, "stem": b.choice}
            for b in Ballot.objects.filter(user=user).select_related("vote")
        ],
    }


def erase(user) -> None:
    today = timezone.localdate()
    MembershipApplication.objects.filter(user=user).delete()
    MinutesRemark.objects.filter(author=user).delete()
    CouncilMembership.objects.filter(user=user, start__gt=today).delete()
    CouncilMembership.objects.filter(user=user).current(today).update(end=today)


gdpr.register("adviesraden", export=export, erase=erase)
