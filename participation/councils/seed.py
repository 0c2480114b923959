"""City-scale data for the benchmarks: Genk's councils over five years.

At scale 1: 15 councils with 20 current and 10 former members each (drawn from the existing
residents), 10 meetings a year for five years (about 4.5 years past, the rest planned), six
agenda items and two documents per meeting, everyone invited with attendance recorded, votes
(public ones with ballots) on the items for decision, minutes, about 8 pieces of advice and 3
requests for advice per council per year. Roughly 750 meetings, 4,500 items, 15,000
attendances, 2,250 votes, 30,000 ballots and 600 advice. Everything is bulk-created in
batches; one small PDF is stored once and shared by every seeded document.

Assumes the neighbourhoods and the residents exist (the bench seed creates ~68,000). Safe to
rerun: councils that were seeded before are left alone.
"""

import random
import time as clock
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .demo import example_pdf
from .forms import BRUSSELS
from .models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Ballot,
    Council,
    CouncilMembership,
    Meeting,
    Minutes,
    Vote,
)
from .storage import private_storage

BATCH = 2000
NAMES = [
    "Seniorenraad",
    "Jeugdraad",
    "Cultuurraad",
    "Sportraad",
    "Milieuraad",
    "GROS",
    "Diversiteitsraad",
    "Mobiliteitsraad",
    "Raad voor personen met een beperking",
    "Landbouwraad",
    "Middenstandsraad",
    "Woonraad",
    "Onderwijsraad",
    "Toerismeraad",
    "Erfgoedraad",
]
Role = CouncilMembership.Role
S = Meeting.Status


def seed(*, scale: float = 1.0, stdout=None) -> dict[str, int]:
    started = clock.monotonic()
    rng = random.Random(5)
    User = get_user_model()
    council_count = max(1, round(15 * scale))
    existing = set(Council.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
    slugs = [f"bench-{i:02d}" for i in range(council_count)]
    todo = [s for s in slugs if s not in existing]
    counts = {"councils": 0, "meetings": 0, "items": 0, "attendances": 0, "votes": 0, "ballots": 0, "advice": 0}
    if not todo:
        return counts
    resident_ids = list(User.objects.filter(neighbourhood__isnull=False, is_active=True).values_list("pk", flat=True))
    if len(resident_ids) < 40:
        resident_ids = list(User.objects.filter(is_active=True).values_list("pk", flat=True))
    storage = private_storage()
    pdf_name = storage.save("bench/nota.pdf", ContentFile(example_pdf("Nota (benchmark)")))
    now = timezone.now()
    today = timezone.localdate()
    first_day = today - timedelta(days=int(365 * 4.5))

    with transaction.atomic():
        councils = Council.objects.bulk_create(
            [
                Council(
                    name=f"{NAMES[int(s[-2:]) % len(NAMES)]} {s[-2:]} (bench)",
                    slug=s,
                    is_example=True,
                    mission="Een raad voor de benchmark.",
                )
                for s in todo
            ]
        )
        counts["councils"] = len(councils)
        memberships = []
        for council in councils:
            people = rng.sample(resident_ids, min(30, len(resident_ids)))
            roles = [Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY] + [Role.MEMBER] * 15 + [Role.EXPERT, Role.OBSERVER]
            for user_id, role in zip(people[:20], roles, strict=False):
                memberships.append(
                    CouncilMembership(council=council, user_id=user_id, role=role, start=first_day - timedelta(days=30))
                )
            for user_id in people[20:30]:
                memberships.append(
                    CouncilMembership(
                        council=council,
                        user_id=user_id,
                        role=Role.MEMBER,
                        start=first_day - timedelta(days=400),
                        end=first_day,
                    )
                )
        CouncilMembership.objects.bulk_create(memberships, batch_size=BATCH)
        current = {}
        for m in memberships:
            if m.end is None:
                current.setdefault(m.council_id, []).append(m)

        meetings = []
        for council in councils:
            for n in range(50):
                day = first_day + timedelta(days=36 * n + rng.randint(0, 5))
                start = datetime.combine(day, time(19, 30)).replace(tzinfo=BRUSSELS)
                if start > now:
                    status = S.INVITED if start < now + timedelta(days=14) else S.PLANNED
                elif n % 17 == 5:
                    status = S.CANCELLED
                elif start > now - timedelta(days=40):
                    status = S.MINUTES_REMARKS
                else:
                    status = S.PUBLISHED
                meetings.append(
                    Meeting(
                        council=council,
                        starts_at=start,
                        ends_at=start + timedelta(hours=2),
                        location="Raadzaal",
                        is_public=n % 9 != 4,
                        status=status,
                        rsvp_deadline=start - timedelta(days=2),
                        invitations_sent_at=None if status == S.PLANNED else start - timedelta(days=10),
                    )
                )
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        counts["meetings"] = len(meetings)

        items, attendances, minutes = [], [], []
        for meeting in meetings:
            for position in range(1, 7):
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        position=position,
                        title=f"Agendapunt {position}",
                        description="Toelichting.",
                        purpose="decision" if position % 2 else "information",
                        is_confidential=position == 6,
                        notes="Besproken." if meeting.status in Meeting.HELD_STATES else "",
                    )
                )
            if meeting.status == S.PLANNED:
                continue
            held = meeting.status in Meeting.HELD_STATES
            for m in current[meeting.council_id]:
                roll = rng.random()
                presence = ("present" if roll < 0.7 else "excused" if roll < 0.9 else "absent") if held else "unknown"
                attendances.append(
                    Attendance(
                        meeting=meeting,
                        user_id=m.user_id,
                        membership=m,
                        role=m.role,
                        has_vote=m.has_vote,
                        rsvp="attending" if presence == "present" else ("excused" if presence == "excused" else "none"),
                        presence=presence,
                    )
                )
            if held:
                minutes.append(
                    Minutes(
                        meeting=meeting,
                        introduction="Welkom.",
                        closing="Slot.",
                        sent_for_remarks_at=meeting.starts_at + timedelta(days=5),
                        remarks_deadline=(meeting.starts_at + timedelta(days=19)).date(),
                        approved_at=meeting.starts_at + timedelta(days=36) if meeting.status == S.PUBLISHED else None,
                        published_at=meeting.starts_at + timedelta(days=37) if meeting.status == S.PUBLISHED else None,
                    )
                )
        AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        Attendance.objects.bulk_create(attendances, batch_size=BATCH)
        Minutes.objects.bulk_create(minutes, batch_size=BATCH)
        counts["items"], counts["attendances"] = len(items), len(attendances)

        documents = [
            AgendaDocument(
                item=item,
                title=f"Nota bij {item.title}",
                file=pdf_name,
                original_name="nota.pdf",
                content_type="application/pdf",
                size=storage.size(pdf_name),
                is_confidential=item.is_confidential,
            )
            for item in items
            if item.position <= 2 or item.position == 6
        ]
        AgendaDocument.objects.bulk_create(documents, batch_size=BATCH)

        present = {}
        for a in attendances:
            if a.presence == "present" and a.has_vote:
                present.setdefault(a.meeting_id, []).append(a.user_id)
        votes, vote_voters = [], []
        for item in items:
            meeting = item.meeting
            if item.purpose != "decision" or meeting.status not in Meeting.HELD_STATES:
                continue
            voters = present.get(meeting.pk, [])
            choices = [rng.choice(["for", "for", "for", "against", "abstain"]) for _ in voters]
            f, a = choices.count("for"), choices.count("against")
            votes.append(
                Vote(
                    item=item,
                    motion=f"Voorstel bij {item.title}",
                    is_secret=item.is_confidential,
                    votes_for=f,
                    votes_against=a,
                    abstentions=choices.count("abstain"),
                    result=Vote.result_for(f, a),
                )
            )
            vote_voters.append(list(zip(voters, choices, strict=True)))
        Vote.objects.bulk_create(votes, batch_size=BATCH)
        ballots = [
            Ballot(vote=vote, user_id=user_id, choice=choice)
            for vote, pairs in zip(votes, vote_voters, strict=True)
            if not vote.is_secret
            for user_id, choice in pairs
        ]
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        counts["votes"], counts["ballots"] = len(votes), len(ballots)

        advice, requests = [], []
        for council in councils:
            for n in range(40):
                sent_at = now - timedelta(days=int(365 * 4.5) - 40 * n)
                if sent_at > now - timedelta(days=5):
                    advice.append(Advice(council=council, title=f"Advies {n}", body="Advies.", status="draft"))
                    continue
                due = timezone.localdate(sent_at) + timedelta(days=30)
                answered = due < today - timedelta(days=10) and n % 7 != 3
                late = n % 5 == 0
                advice.append(
                    Advice(
                        council=council,
                        title=f"Advies {n}",
                        summary="Samenvatting.",
                        body="Advies.",
                        status="answered" if answered else "sent",
                        approved_at=sent_at - timedelta(days=3),
                        sent_at=sent_at,
                        answer_due=due,
                        outcome=rng.choice(["followed", "partly_followed", "not_followed"]) if answered else "",
                        answer="Antwoord van de stad." if answered else "",
                        answered_at=sent_at + timedelta(days=40 if late else 20) if answered else None,
                    )
                )
            for n in range(15):
                deadline = first_day + timedelta(days=110 * n)
                requests.append(
                    AdviceRequest(
                        council=council,
                        title=f"Adviesvraag {n}",
                        question="?",
                        deadline=deadline,
                        status="answered" if deadline < today else "open",
                    )
                )
        Advice.objects.bulk_create(advice, batch_size=BATCH)
        AdviceRequest.objects.bulk_create(requests, batch_size=BATCH)
        counts["advice"] = len(advice)

    if stdout is not None:
        stdout.write(
            "councils: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f" in {clock.monotonic() - started:.1f}s"
        )
    return counts
