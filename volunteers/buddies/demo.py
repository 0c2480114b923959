"""Demo language buddies on the demo Dutch-practice opportunity of "vzw Samen Sterk
(voorbeeld)" (volunteers' demo step): learners and buddies with invented names, one pair
active with meetings (one approved, one to approve), one pair proposed and waiting for the
buddy's answer, and a learner and a buddy still without a pair for the matching page."""

from datetime import timedelta

from django.utils import timezone

from genk.accounts.models import User
from genk.core import demo
from neighbourhoods.models import Neighbourhood
from volunteers.models import Opportunity

from .models import Buddy, Learner, Meeting, Pair

PEOPLE = {
    "learner1": ("leerder1@demo.samen.genk.be", "Fatima El Amrani (voorbeeld)"),
    "learner2": ("leerder2@demo.samen.genk.be", "Oleksandr Kovalenko (voorbeeld)"),
    "learner3": ("leerder3@demo.samen.genk.be", "Mehmet Yilmaz (voorbeeld)"),
    "buddy1": ("taalmaatje1@demo.samen.genk.be", "Lieve Peeters (voorbeeld)"),
    "buddy2": ("taalmaatje2@demo.samen.genk.be", "Tom Claes (voorbeeld)"),
    "buddy3": ("taalmaatje3@demo.samen.genk.be", "Nadia Vermeulen (voorbeeld)"),
}


@demo.step(order=61)
def language_buddies(ctx):
    programme = (
        Opportunity.objects.filter(kind=Opportunity.Kind.DUTCH_PRACTICE, status="published").order_by("pk").first()
    )
    if programme is None or Learner.objects.filter(opportunity=programme).exists():
        return
    people = {}
    for key, (email, name) in PEOPLE.items():
        people[key], _created = User.objects.get_or_create(email=email, defaults={"display_name": name})
    wijken = list(Neighbourhood.objects.order_by("code")[:2]) or [None, None]
    first, second = wijken[0], wijken[-1]
    learners = [
        Learner.objects.create(
            opportunity=programme,
            user=people["learner1"],
            level="A2",
            availability=["tue_pm", "thu_pm"],
            neighbourhood=first,
            interests="koken, de school van de kinderen",
            languages=["ar", "fr"],
        ),
        Learner.objects.create(
            opportunity=programme,
            user=people["learner2"],
            level="A1",
            availability=["mon_ev", "sat_am"],
            neighbourhood=second,
            interests="voetbal, fietsen",
            languages=["en"],
        ),
        Learner.objects.create(
            opportunity=programme,
            user=people["learner3"],
            level="A0",
            availability=["wed_am", "sat_am"],
            neighbourhood=first,
            interests="tuinieren",
            languages=["tr"],
        ),
    ]
    buddies = [
        Buddy.objects.create(
            opportunity=programme,
            user=people["buddy1"],
            availability=["tue_pm", "fri_am"],
            neighbourhood=first,
            interests="koken, wandelen",
            languages=["nl", "fr"],
        ),
        Buddy.objects.create(
            opportunity=programme,
            user=people["buddy2"],
            availability=["sat_am"],
            neighbourhood=second,
            interests="sport",
            languages=["nl", "en"],
        ),
        Buddy.objects.create(
            opportunity=programme,
            user=people["buddy3"],
            availability=["wed_am", "sat_am"],
            neighbourhood=first,
            interests="tuinieren, lezen",
            languages=["nl", "tr"],
        ),
    ]
    now = timezone.now()
    coordinator = ctx["personas"]["volunteer_coordinator"]["user"]
    active = Pair.objects.create(
        opportunity=programme,
        learner=learners[0],
        buddy=buddies[0],
        status=Pair.Status.ACTIVE,
        proposed_by=coordinator,
        proposal_note="Allebei dinsdagnamiddag vrij en dol op koken.",
        learner_accepted_at=now - timedelta(days=30),
        buddy_accepted_at=now - timedelta(days=31),
        started_at=now - timedelta(days=30),
    )
    today = timezone.localdate()
    Meeting.objects.create(
        pair=active,
        date=today - timedelta(days=21),
        minutes=60,
        note="Boodschappen op de markt",
        status=Meeting.Status.APPROVED,
        logged_by=people["buddy1"],
        decided_by=coordinator,
        decided_at=now - timedelta(days=20),
    )
    Meeting.objects.create(
        pair=active,
        date=today - timedelta(days=14),
        minutes=90,
        note="Samen koken, de namen van groenten",
        status=Meeting.Status.APPROVED,
        logged_by=people["learner1"],
        decided_by=coordinator,
        decided_at=now - timedelta(days=13),
    )
    Meeting.objects.create(
        pair=active,
        date=today - timedelta(days=7),
        minutes=60,
        note="De bus nemen naar het stadhuis",
        status=Meeting.Status.LOGGED,
        logged_by=people["buddy1"],
    )
    Pair.objects.create(
        opportunity=programme,
        learner=learners[1],
        buddy=buddies[1],
        status=Pair.Status.LEARNER_ACCEPTED,
        proposed_by=coordinator,
        proposal_note="Allebei zaterdagvoormiddag vrij.",
        learner_accepted_at=now - timedelta(days=1),
    )
    # learners[2] and buddies[2] wait on the matching page (same wijk, two moments together).
