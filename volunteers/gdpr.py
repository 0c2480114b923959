"""What volunteer work keeps about a person. Sign-ups (with hours), acknowledgements of
information notices, allowances and certificates of hours are exported. On erasure, sign-ups for
shifts still to come are cancelled (their places go to the waiting list); past sign-ups, hours,
acknowledgements, allowances and certificates stay, as the organisation's legal record of who
worked, what they were told and paid, attached to the anonymised account; only the proof files
of actual costs, personal files, are deleted."""

from django.urls import reverse
from django.utils.translation import gettext

from genk.core import gdpr

from .models import Allowance, CalendarFeed, Certificate, Commitment, FlexibleHours, NoticeAcknowledgement, SignUp


def export(user):
    return {
        "signups": [
            {
                "opportunity": s.shift.opportunity.title,
                "organisation": s.shift.opportunity.organisation.name,
                "start": s.shift.start.isoformat(),
                "end": s.shift.end.isoformat(),
                "status": s.status,
                "message": s.message,
                "coordinator_message": s.coordinator_message,
                "guardian_name": s.guardian_name,
                "created": s.created.isoformat(),
                "hours": str(s.hour_entry.hours) if s.hour_entry else None,
                "hours_status": s.hour_entry.status if s.hour_entry else None,
            }
            for s in SignUp.objects.filter(volunteer=user).select_related("shift__opportunity__organisation", "hours")
        ],
        "notice_acknowledgements": [
            {
                "organisation": a.notice.organisation.name,
                "version": a.notice.version,
                "acknowledged_at": a.acknowledged_at.isoformat(),
            }
            for a in NoticeAcknowledgement.objects.filter(user=user).select_related("notice__organisation")
        ],
        "flexible_work": [
            {
                "opportunity": c.opportunity.title,
                "organisation": c.opportunity.organisation.name,
                "status": c.status,
                "message": c.message,
                "created": c.created.isoformat(),
                "hours": [
                    {"day": h.day.isoformat(), "hours": str(h.hours), "status": h.status, "note": h.note}
                    for h in FlexibleHours.objects.filter(commitment=c).order_by("day")
                ],
            }
            for c in Commitment.objects.filter(volunteer=user).select_related("opportunity__organisation")
        ],
        "allowances": [
            {
                "organisation": a.organisation.name,
                "day": a.day.isoformat(),
                "system": a.system,
                "category": a.category,
                "amount": str(a.amount),
                "proof": a.proof,
                # The file itself is downloaded from this address (signed in as the volunteer).
                "proof_file": reverse("volunteers:allowance_proof", args=[a.pk]) if a.proof_file else None,
                "proof_file_name": a.proof_file_name,
                "note": a.note,
            }
            for a in Allowance.objects.filter(volunteer=user).select_related("organisation").order_by("day", "pk")
        ],
        "certificates": [
            {
                "organisation": c.organisation.name,
                "year": c.year,
                "hours": str(c.hours),
                "code": c.code,
                "issued_at": c.issued_at.isoformat(),
            }
            for c in Certificate.objects.filter(volunteer=user).select_related("organisation").order_by("issued_at")
        ],
    }


def erase(user):
    from .workflow import withdraw_upcoming

    withdraw_upcoming(user)
    CalendarFeed.objects.filter(user=user).delete()
    erase_proofs(user)


def erase_proofs(user):
    """The proof files of the person's actual costs are personal files: deleted from the private
    storage, with their original names. The allowance stays (the organisation's legal record),
    saying that its proof was erased."""
    for allowance in Allowance.objects.filter(volunteer=user).exclude(proof_file=""):
        allowance.proof_file.delete(save=False)
        allowance.proof_file_name = ""
        allowance.proof = allowance.proof or gettext("bewijsstuk gewist met het account")
        allowance.save(update_fields=["proof_file", "proof_file_name", "proof", "modified"])


gdpr.register("volunteers", export=export, erase=erase)
