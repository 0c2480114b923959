"""Queries for the matching page: unmatched learners and buddies and the hints that match them."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from volunteers.models import Language

from .models import Buddy, Learner, Pair


def unmatched(model, opportunity):
    """Learners or buddies of the programme without an open pair, oldest registration first."""
    open_pairs = Pair.objects.open().filter(**{model._meta.model_name: OuterRef("pk")})
    return (
        model.objects.filter(opportunity=opportunity, withdrawn_at__isnull=True)
        .exclude(Exists(open_pairs))
        .select_related("user", "neighbourhood")
        .order_by("created", "pk")
    )


@dataclass
class Hint:
    buddy: Buddy
    same_wijk: bool
    slots: list[str]
    languages: list[str]  # labels of the languages both speak besides Dutch

    @property
    def score(self) -> int:
        return 3 * self.same_wijk + len(self.slots) + 2 * len(self.languages)


def hints(learner: Learner, buddies: list[Buddy], limit: int = 3) -> list[Hint]:
    """The buddies that fit `learner` best: same wijk, shared moments in the week, shared
    languages besides Dutch (to explain a word). Buddies without a shared moment are left out."""
    found = []
    for buddy in buddies:
        if buddy.user_id == learner.user_id:
            continue
        slots = [s for s in learner.availability if s in set(buddy.availability)]
        if not slots:
            continue
        languages = [Language(c).label for c in learner.languages if c != "nl" and c in buddy.languages]
        found.append(
            Hint(
                buddy=buddy,
                same_wijk=bool(learner.neighbourhood_id and learner.neighbourhood_id == buddy.neighbourhood_id),
                slots=slots,
                languages=languages,
            )
        )
    found.sort(key=lambda h: (-h.score, h.buddy.pk))
    return found[:limit]


def register(model, opportunity, user, data: dict):
    """Create or update the person's registration for the programme (withdrawal undone)."""
    obj, _created = model.objects.update_or_create(
        opportunity=opportunity, user=user, defaults={**data, "withdrawn_at": None}
    )
    return obj


def withdraw(registration) -> None:
    """Withdrawn: no longer on the matching page; what was told about the person is emptied."""
    from django.utils import timezone

    type(registration).objects.filter(pk=registration.pk).update(
        withdrawn_at=timezone.now(), availability=[], interests="", languages=[], neighbourhood=None
    )


def accepted_not_registered(opportunity, limit: int = 50) -> list:
    """People accepted (or present) on a shift of the programme's opportunity who have not
    registered as buddy: the coordinator asks them to (one query)."""
    from genk.accounts.models import User
    from volunteers.models import SignUp

    signed = SignUp.objects.filter(
        shift__opportunity=opportunity, status__in=(SignUp.Status.ACCEPTED, SignUp.Status.ATTENDED)
    ).values("volunteer_id")
    registered = Buddy.objects.filter(opportunity=opportunity).values("user_id")
    return list(User.objects.filter(pk__in=signed).exclude(pk__in=registered).order_by("display_name", "pk")[:limit])
