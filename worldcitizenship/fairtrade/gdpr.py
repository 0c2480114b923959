"""What FairTrade town keeps about a person: the fair-trade points they registered. Erasure
keeps the points (they are a business's or an organisation's public listing) and removes
the person from them."""

from genk.core import gdpr

from .models import Point


def export(user) -> dict:
    return {
        "points_registered": [
            {"name": p.name, "kind": p.kind, "address": p.address, "status": p.status, "registered": p.created}
            for p in Point.objects.filter(applicant=user).order_by("created")
        ]
    }


def erase(user) -> None:
    Point.objects.filter(applicant=user).update(applicant=None)


gdpr.register("fairtrade", export=export, erase=erase)
