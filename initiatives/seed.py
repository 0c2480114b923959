"""The city-scale seed for benchmarks: 5,000 initiatives, 200,000 supports, 50,000 comments
at scale 1.0, spread over the residents that already exist (User rows with a neighbourhood).

    from initiatives.seed import seed
    seed(scale=1.0, stdout=self.stdout)

Bulk inserts in batches; counters are computed from the rows being inserted, so they match
(`services.recount` agrees). Idempotent: seeded initiatives have a slug starting with
`bench-`; when there are any, the seed does nothing. `reset()` deletes them.

The states are consistent with the figures: an initiative is `threshold_reached` (or further)
only when its counted supports reach its threshold. Follows are not seeded (supporting
normally adds one); SDG tags neither.
"""

import random
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from . import conf
from .models import Comment, Initiative, Initiator, Support, Theme, search_vector_expression

SLUG_PREFIX = "bench-"
BATCH = 5_000
S = Initiative.Status

ACTIVITIES = [
    ("Repair Café", "Samen kapotte spullen herstellen in plaats van ze weg te gooien."),
    ("Buurtmoestuin", "Een gedeelde moestuin met bakken voor iedereen uit de buurt."),
    ("Speelstraat", "Tijdens de vakantie wordt de straat een veilige plek om te spelen."),
    ("Taalcafé", "Nederlands oefenen bij een koffie, met buren van alle nationaliteiten."),
    ("Zwerfvuilploeg", "Elke maand samen de bermen en pleinen opruimen."),
    ("Buurtfeest", "Een feest met muziek en eten uit alle culturen van de wijk."),
    ("Petanquebaan", "Een ontmoetingsplek voor jong en oud naast het buurthuis."),
    ("Fietsherstelpunt", "Een pomp en gereedschap om zelf je fiets te herstellen."),
    ("Geveltuintjes", "Smalle plantvakken tegen de gevels voor een groenere straat."),
    ("Boekenruilkast", "Een kast waar buren boeken brengen en meenemen."),
    ("Huiswerkklas", "Vrijwilligers helpen kinderen na school met hun huiswerk."),
    ("Wandelgroep voor senioren", "Elke week samen wandelen, in een tempo dat iedereen aankan."),
    ("Wereldkeuken", "Buren koken recepten uit hun land van herkomst en eten samen."),
    ("Zitbanken", "Banken om even uit te rusten tijdens een wandeling."),
    ("Straatvoetbaltornooi", "Een zomers tornooi op het plein voor jongeren."),
    ("Insectenhotel", "Bijen en vlinders een plek geven in het park."),
    ("Kunstroute", "Buren stellen hun kunst tentoon in hun voortuin."),
    ("Dansnamiddag", "Samen dansen in het dienstencentrum, voor iedereen."),
    ("Buurtbarbecue", "Een barbecue op het grasveld om de nieuwe buren te leren kennen."),
    ("Deelfietsen", "Fietsen die buren met elkaar delen."),
]
COMMENTS = [
    "Goed idee, ik help graag mee!",
    "Wanneer is de eerste keer? Ik kom zeker.",
    "Mijn kinderen zouden dit fantastisch vinden.",
    "Kan dit ook op zaterdag? Door de week werk ik.",
    "Ik heb nog materiaal liggen dat jullie mogen gebruiken.",
    "Eindelijk iemand die dit aanpakt.",
    "Is er al een plek gevonden?",
    "Mijn buurvrouw wil ook meedoen, hoe schrijft ze in?",
    "Dit zou ook in onze wijk moeten komen.",
    "Prachtig initiatief, veel succes!",
]


def _write(stdout, message):
    if stdout is not None:
        stdout.write(message)


@contextmanager
def _explicit_created(*models):
    """Keep the `created` times we set: auto_now_add would overwrite them in bulk inserts."""
    fields = [m._meta.get_field("created") for m in models if any(f.name == "created" for f in m._meta.fields)]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _bulk(model, objects):
    for start in range(0, len(objects), BATCH):
        model.objects.bulk_create(objects[start : start + BATCH], batch_size=BATCH)


def _weights(count, rng):
    """A long tail: a few initiatives get thousands of supports, most get a few dozen."""
    ranks = list(range(1, count + 1))
    rng.shuffle(ranks)
    return [1 / (rank**0.85) for rank in ranks]


def reset(stdout=None) -> int:
    """Delete the seeded initiatives (their initiators, supports and comments go with them)."""
    deleted, _ = Initiative.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    _write(stdout, f"initiatives: deleted {deleted} rows")
    return deleted


def seed(*, scale: float = 1.0, stdout=None, now=None, rng_seed: int = 3600) -> str:
    """Seed `5000 * scale` initiatives, `200000 * scale` supports, `50000 * scale` comments."""
    if Initiative.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        report = "initiatives: already seeded"
        _write(stdout, report)
        return report
    rng = random.Random(rng_seed)
    now = now or timezone.now()
    n_initiatives = max(5, round(5_000 * scale))
    n_supports = round(200_000 * scale)
    n_comments = round(50_000 * scale)

    User = get_user_model()
    people = list(
        User.objects.filter(is_active=True, neighbourhood__isnull=False).values_list(
            "pk", "year_of_birth", "neighbourhood_id"
        )
    )
    if not people:
        raise RuntimeError("The initiatives seed needs residents with a neighbourhood first.")
    by_pk = {pk: (year, hood) for pk, year, hood in people}
    pks = [pk for pk, _y, _h in people]
    neighbourhoods = sorted({hood for _p, _y, hood in people})
    themes = list(Theme.objects.values_list("pk", flat=True))
    from genk.accounts.models import DepartmentMembership

    handler_id = (
        DepartmentMembership.objects.current()
        .filter(department__slug=conf.moderation_department())
        .values_list("user_id", flat=True)
        .first()
    )
    proposal_threshold = conf.burgervoorstel_threshold()
    threshold = conf.initiative_threshold()

    with transaction.atomic():
        # 1. The initiatives, with their supporters planned first (the state follows the figures).
        plans = []
        published_count = 0
        for n in range(n_initiatives):
            activity, summary = rng.choice(ACTIVITIES)
            kind = Initiative.Kind.PROPOSAL if rng.random() < 0.05 else Initiative.Kind.INITIATIVE
            roll = rng.random()
            published = roll >= 0.14  # 8 % drafts, 3 % submitted, 1 % changes requested, 2 % rejected
            if published:
                published_count += 1
            plans.append(
                {"n": n, "activity": activity, "summary": summary, "kind": kind, "roll": roll, "published": published}
            )

        published_plans = [p for p in plans if p["published"]]
        weights = _weights(len(published_plans), rng)
        total_weight = sum(weights)
        for plan, weight in zip(published_plans, weights, strict=True):
            plan["supports"] = min(len(pks), round(n_supports * weight / total_weight))

        objects = []
        for plan in plans:
            n = plan["n"]
            lead = rng.choice(pks)
            hood = by_pk[lead][1] if rng.random() < 0.9 else rng.choice(neighbourhoods)
            city_wide = rng.random() < 0.05
            kind = plan["kind"]
            created = now - timedelta(days=rng.uniform(5, 730))
            fields = {
                "kind": kind,
                "title": f"{plan['activity']} {n + 1}",
                "slug": f"{SLUG_PREFIX}{n + 1}",
                "summary": plan["summary"],
                "description": (
                    f"{plan['summary']} We zoeken buren die willen meedoen en vragen de stad om hulp. "
                    "Iedereen is welkom; kom gerust eens langs."
                ),
                "city_wide": city_wide,
                "neighbourhood_id": None if city_wide else hood,
                "created_by_id": lead,
                "created": created,
                "modified": created,
                "help_venue": rng.random() < 0.4,
                "help_materials": rng.random() < 0.5,
                "help_permits": rng.random() < 0.2,
                "help_communication": rng.random() < 0.4,
                "help_subsidy": rng.random() < 0.3,
                "help_cocreation": rng.random() < 0.15,
            }
            roll = plan["roll"]
            if not plan["published"]:
                if roll < 0.08:
                    status = S.DRAFT
                else:
                    fields["submitted_at"] = created + timedelta(days=1)
                    status = S.SUBMITTED if roll < 0.11 else S.CHANGES_REQUESTED if roll < 0.12 else S.REJECTED
                    if status != S.SUBMITTED:
                        fields["moderation_message"] = "Kun je de plaats en de datum preciezer omschrijven?"
                        fields["moderated_at"] = created + timedelta(days=3)
                fields["status"] = status
                plan["counted"] = 0
                objects.append(Initiative(**fields))
                continue
            published_at = created + timedelta(days=rng.uniform(2, 6))
            limit = proposal_threshold if kind == Initiative.Kind.PROPOSAL else threshold
            close = published_at + timedelta(days=conf.support_days(kind))
            fields.update(
                submitted_at=created + timedelta(days=1),
                moderated_at=published_at,
                published_at=published_at,
                supports_close_at=close,
                threshold=limit,
                handler_id=handler_id,
            )
            plan.update(published_at=published_at, close=min(close, now), threshold=limit)
            objects.append(Initiative(**fields))

        with _explicit_created(Initiative):
            _bulk(Initiative, objects)
        saved = dict(Initiative.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", "pk"))
        for plan, obj in zip(plans, objects, strict=True):
            obj.pk = saved[obj.slug]
            plan["pk"] = obj.pk

        # 2. Initiators: the lead, and a co-initiator for one in three.
        initiators = []
        for obj in objects:
            initiators.append(
                Initiator(
                    initiative_id=obj.pk,
                    user_id=obj.created_by_id,
                    role=Initiator.Role.LEAD,
                    created=obj.created,
                    modified=obj.created,
                )
            )
            if rng.random() < 0.33 or obj.kind == Initiative.Kind.PROPOSAL:
                co = rng.choice(pks)
                if co != obj.created_by_id:
                    initiators.append(
                        Initiator(
                            initiative_id=obj.pk,
                            user_id=co,
                            role=Initiator.Role.CO,
                            created=obj.created,
                            modified=obj.created,
                        )
                    )
        with _explicit_created(Initiator):
            _bulk(Initiator, initiators)

        # 3. Themes.
        through = Initiative.themes.through
        _bulk(
            through,
            [
                through(initiative_id=obj.pk, theme_id=theme)
                for obj in objects
                for theme in (rng.sample(themes, k=min(len(themes), rng.randint(1, 3))) if themes else [])
            ],
        )

        # 4. Supports, and the state that follows from them.
        this_year = timezone.localdate(now).year
        min_age = conf.burgervoorstel_min_age()
        supports = []
        updates = []
        for plan, obj in zip(plans, objects, strict=True):
            if not plan["published"]:
                continue
            supporters = rng.sample(pks, plan["supports"])
            span = max(1.0, (plan["close"] - plan["published_at"]).total_seconds())
            counted_total = 0
            for user_id in supporters:
                year = by_pk[user_id][0]
                counted = obj.kind != Initiative.Kind.PROPOSAL or (year is not None and this_year - year > min_age)
                counted_total += counted
                supports.append(
                    Support(
                        initiative_id=obj.pk,
                        user_id=user_id,
                        counted=counted,
                        neighbourhood_id=by_pk[user_id][1],
                        created=plan["published_at"] + timedelta(seconds=rng.uniform(0, span)),
                    )
                )
            obj.support_count = len(supporters)
            obj.counted_support_count = counted_total
            _settle(obj, plan, rng, now)
            updates.append(obj)
        _bulk(Support, supports)
        Initiative.objects.bulk_update(
            updates,
            [
                "status",
                "support_count",
                "counted_support_count",
                "threshold_reached_at",
                "closed_at",
                "answer_due",
                "outcome",
                "answer_text",
                "answered_at",
                "answered_by",
                "progress_started_at",
                "realised_at",
                "withdrawn_at",
            ],
            batch_size=1000,
        )

        # 5. Comments, more where there is more support.
        public = updates
        comment_weights = [obj.support_count + 1 for obj in public]
        comments = []
        counts = {}
        for obj in rng.choices(public, weights=comment_weights, k=n_comments):
            hidden = rng.random() < 0.01
            created = obj.published_at + timedelta(days=rng.uniform(0, 60))
            comments.append(
                Comment(
                    initiative_id=obj.pk,
                    author_id=rng.choice(pks),
                    body=rng.choice(COMMENTS),
                    created=min(created, now),
                    hidden_at=now if hidden else None,
                    hidden_reason="Deze reactie was beledigend." if hidden else "",
                )
            )
            if not hidden:
                counts[obj.pk] = counts.get(obj.pk, 0) + 1
        _bulk(Comment, comments)
        for obj in public:
            obj.comment_count = counts.get(obj.pk, 0)
        Initiative.objects.bulk_update(public, ["comment_count"], batch_size=1000)

        # 6. The Dutch search vectors, in one statement.
        if connection.vendor == "postgresql":
            Initiative.objects.filter(slug__startswith=SLUG_PREFIX).update(search_vector=search_vector_expression())

    report = (
        f"{len(objects):,} initiatives ({published_count:,} published), {len(supports):,} supports, "
        f"{len(comments):,} comments"
    )
    _write(stdout, f"initiatives: {report}")
    return report


ANSWERS = {
    Initiative.Outcome.ACCEPTED: "De stad helpt met een locatie en materiaal.",
    Initiative.Outcome.CO_CREATION: "De stad werkt het samen met de initiatiefnemers uit.",
    Initiative.Outcome.REDIRECTED: "Dit past in het reglement voor burgerinitiatieven.",
    Initiative.Outcome.DECLINED: "Op deze plek kan het niet; we stellen een andere plek voor.",
}


def _settle(obj, plan, rng, now):
    """Give a published initiative a state consistent with its figures and dates."""
    reached = obj.counted_support_count >= obj.threshold
    open_now = obj.supports_close_at > now
    moment = min(now, plan["close"])
    if rng.random() < 0.02:
        obj.status, obj.withdrawn_at = S.WITHDRAWN, moment
        return
    if open_now and (not reached or rng.random() < 0.5):
        if reached:
            obj.status, obj.threshold_reached_at = S.THRESHOLD_REACHED, moment
            obj.answer_due = obj.answer_due_from(moment)
        else:
            obj.status = S.COLLECTING
        return
    if reached:
        obj.threshold_reached_at = moment
    else:
        obj.closed_at = moment
    obj.answer_due = obj.answer_due_from(moment)
    later = rng.random()
    if later < 0.3 and not open_now:
        obj.status = S.THRESHOLD_REACHED if reached else S.CLOSED
        return
    outcome = (
        rng.choice(list(ANSWERS))
        if reached
        else rng.choice([Initiative.Outcome.DECLINED, Initiative.Outcome.REDIRECTED])
    )
    obj.outcome, obj.answer_text = outcome, ANSWERS[outcome]
    obj.answered_at = min(now, moment + timedelta(days=rng.uniform(5, 30)))
    obj.status = S.ANSWERED
    if outcome != Initiative.Outcome.DECLINED and later > 0.6:
        obj.status, obj.progress_started_at = S.IN_PROGRESS, obj.answered_at
        if later > 0.85:
            obj.status, obj.realised_at = S.REALISED, now
