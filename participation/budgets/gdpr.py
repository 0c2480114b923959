"""What budgets keep about a person. Proposals are public contributions: they stay, shown as
"voormalige inwoner" after erasure. Ballots stay too (they are counted; the user row stays
and is anonymised by the core), and so do voter records (a keyed hash of the national
register number: what keeps the person from voting twice in that cycle); follows are deleted."""

from genk.core import gdpr

from .models import Ballot, Follow, Proposal, VoterRecord


def export(user):
    return {
        "proposals": [
            {
                "cycle": p.cycle.name,
                "title": p.title,
                "summary": p.summary,
                "description": p.description,
                "estimated_cost": str(p.estimated_cost),
                "status": p.status,
                "created": p.created.isoformat(),
            }
            for p in Proposal.objects.filter(author=user).select_related("cycle")
        ],
        "ballots": [
            {
                "cycle": b.heading.cycle.name,
                "heading": b.heading.name,
                "channel": b.channel,
                "confirmed_at": b.confirmed_at.isoformat(),
                "projects": [c.proposal.title for c in b.choices.all()],
            }
            for b in Ballot.objects.filter(voter=user)
            .select_related("heading__cycle")
            .prefetch_related("choices__proposal")
        ],
        # The verified identity an account votes with in a cycle with paper ballots. The
        # national register number itself is never stored (only a keyed hash, left out here).
        "voter_records": [
            {
                "cycle": r.cycle.name,
                "document": r.get_document_display(),
                "year_of_birth": r.year_of_birth,
                "neighbourhood": r.neighbourhood.name,
                "verified_at": r.verified_at.isoformat(),
            }
            for r in VoterRecord.objects.filter(user=user).select_related("cycle", "neighbourhood")
        ],
        "follows": [
            {"cycle": f.cycle.name, "remind_to_vote": f.remind_to_vote}
            for f in Follow.objects.filter(user=user).select_related("cycle")
        ],
    }


def erase(user):
    Follow.objects.filter(user=user).delete()


gdpr.register("budgets", export=export, erase=erase)
