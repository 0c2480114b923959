"""What budgets keep about a person. Proposals are public contributions: they stay, shown as
"voormalige inwoner" after erasure. Ballots stay too (they are counted; the user row stays
and is anonymised by the core), follows are deleted."""

from genk.core import gdpr

from .models import Ballot, Follow, Proposal


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
        "follows": [
            {"cycle": f.cycle.name, "remind_to_vote": f.remind_to_vote}
            for f in Follow.objects.filter(user=user).select_related("cycle")
        ],
    }


def erase(user):
    Follow.objects.filter(user=user).delete()


gdpr.register("budgets", export=export, erase=erase)
