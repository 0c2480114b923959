"""What the area-based work keeps about a person, for the data download and the erasure.

The wijken someone follows are in the download and deleted on erasure. Signals hold no
personal data of the people they are about; the team member who recorded one is in the
download (date, theme, wijk) and removed from it on erasure. Actions point at a team
membership, which the neighbourhoods app deletes on erasure (the action keeps no owner)."""

from genk.core import gdpr

from .models import Follow, Signal


def export(user) -> dict:
    return {
        "followed_wijken": [
            {"wijk": f.neighbourhood.name, "frequency": f.frequency, "since": f.created}
            for f in Follow.objects.filter(user=user).select_related("neighbourhood").order_by("created")
        ],
        "signals_recorded": [
            {"wijk": s.neighbourhood.name, "theme": s.theme, "date": s.observed_on}
            for s in Signal.objects.filter(recorded_by=user).select_related("neighbourhood").order_by("observed_on")
        ],
    }


def erase(user) -> None:
    Follow.objects.filter(user=user).delete()
    Signal.objects.filter(recorded_by=user).update(recorded_by=None)


gdpr.register("areawork", export=export, erase=erase)
