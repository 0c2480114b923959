"""The city-scale seed for benchmarks: 2,000 subsidy files at scale 1.0, in every state, with
budget lines, co-applicants, assessments with scores, payments and messages.

    from initiatives.subsidies.seed import seed
    seed(scale=1.0, stdout=self.stdout)

Three schemes of its own (slug `bench-…`, the demo's rules) with budgets for the last three
years that the seeded grants never exceed. Applicants are the residents that exist already
(User rows with a neighbourhood); organisations those that exist (the North-South scheme gets
two of its own if none is of that kind). Handlers and assessors are current members of the
schemes' departments; decisions are recorded by a member of SUBSIDIES_DECISION_DEPARTMENT when
there is one.

Bulk inserts in batches; every row respects the models' constraints and the workflow's
invariants (granted ≤ requested ≤ deficit ≤ scheme maximum; paid ≤ granted − recovered; a
closed file has nothing outstanding; Σ granted per scheme and year ≤ its budget).
Idempotent: seeded files have a reference starting with `BENCH-SUB-`; when there are any, the
seed does nothing. `reset()` deletes them and the bench schemes.
"""

import random
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from genk.accounts.models import Department, DepartmentMembership, Organisation, OrganisationMembership

from . import conf
from .demo import SCHEMES
from .models import (
    Assessment,
    BudgetLine,
    CoApplicant,
    Criterion,
    Message,
    Payment,
    RequiredDocument,
    Scheme,
    SchemeBudget,
    Score,
    SubsidyFile,
)

REFERENCE_PREFIX = "BENCH-SUB-"
SLUG_PREFIX = "bench-"
BATCH = 5_000
S = SubsidyFile.Status
CENT = Decimal("0.01")

# The share of each state (sums to 1).
STATES = [
    (S.DRAFT, 0.08),
    (S.SUBMITTED, 0.06),
    (S.INFO_REQUESTED, 0.04),
    (S.ASSESSMENT, 0.08),
    (S.PROPOSED, 0.05),
    (S.GRANTED, 0.20),
    (S.REFUSED, 0.08),
    (S.REPORT_SUBMITTED, 0.06),
    (S.REPORT_APPROVED, 0.05),
    (S.CLOSED, 0.26),
    (S.WITHDRAWN, 0.04),
]
PROJECTS = [
    ("Buurtcompost", "Compostbakken en een compostmeester voor de straat."),
    ("Bloembakken", "Bloembakken die de buren samen onderhouden."),
    ("Speelkoffer", "Een koffer met buitenspeelgoed voor het pleintje."),
    ("Gereedschapskast", "Gereedschap dat de buren met elkaar delen."),
    ("Insectenhotels", "Insectenhotels bouwen met de kinderen van de straat."),
    ("Huiswerkklas", "Vrijwilligers helpen kinderen met hun huiswerk."),
    ("Repair Café", "Samen kapotte spullen herstellen."),
    ("Taalcafé", "Nederlands oefenen bij een koffie."),
    ("Zonnelampjes", "Een verlichte looproute naar de bushalte."),
    ("Boekenruilkast", "Een kast waar buren boeken brengen en meenemen."),
    ("Moestuin", "Een gedeelde moestuin voor de buurt."),
    ("Waterput", "Een waterput met een partner in het Zuiden."),
    ("Zonnepanelen voor een kliniek", "Stroom voor een kraamkliniek met een partner in het Zuiden."),
    ("Wereldmarkt", "Een markt over eerlijke handel en wereldburgerschap in Genk."),
]
COSTS = ["Materiaal", "Huur van een zaal", "Eten en drinken", "Communicatie", "Vervoer", "Vorming"]
INCOMES = ["Eigen bijdrage", "Sponsoring", "Andere subsidie"]
IBAN = "BE68539007547034"


def _write(stdout, message):
    if stdout is not None:
        stdout.write(message)


@contextmanager
def _explicit_times(*models):
    """Keep the `created`/`modified` times we set: auto_now(_add) would overwrite them."""
    fields = [f for m in models for f in m._meta.fields if f.name in ("created", "modified")]
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


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def reset(stdout=None) -> int:
    """Delete the seeded files (their rows go with them), the bench schemes and the seed's
    organisations."""
    deleted, _ = SubsidyFile.objects.filter(reference__startswith=REFERENCE_PREFIX).delete()
    Scheme.objects.filter(slug__startswith=SLUG_PREFIX, subsidy_files__isnull=True).delete()
    Organisation.objects.filter(slug__startswith=f"{SLUG_PREFIX}subsidies-").delete()
    _write(stdout, f"subsidies: deleted {deleted} rows")
    return deleted


def _schemes(today) -> list[Scheme]:
    """The bench's three schemes (the demo's rules, slug `bench-<demo slug>`)."""
    made = []
    for position, spec in enumerate(SCHEMES):
        department, _ = Department.objects.get_or_create(
            slug=spec["department"], defaults={"name": spec["department"].capitalize()}
        )
        scheme, created = Scheme.objects.get_or_create(
            slug=f"{SLUG_PREFIX}{spec['slug']}",
            defaults={
                "name": f"{spec['name']} (bench)",
                "summary": spec["summary"],
                "legal_basis": spec["legal_basis"],
                "exclusions": spec["exclusions"],
                "department": department,
                "allows_resident_group": spec["allows_resident_group"],
                "allows_organisation": spec["allows_organisation"],
                "organisation_kinds": spec.get("organisation_kinds", []),
                "min_group_size": spec["min_group_size"],
                "min_distinct_addresses": spec["min_distinct_addresses"],
                "once_per_group_per_year": spec["once_per_group_per_year"],
                "min_amount": spec["min_amount"],
                "max_amount": spec["max_amount"],
                "advance_percentage": spec["advance_percentage"],
                "intake_days": spec["intake_days"],
                "assessment_days": spec["assessment_days"],
                "decision_days": spec["decision_days"],
                "report_days": spec["report_days"],
                "position": 100 + position,
            },
        )
        if created:
            from worldcitizenship.models import Goal

            scheme.sdgs.set(Goal.objects.filter(number__in=spec["sdgs"]))
            Criterion.objects.bulk_create(
                [
                    Criterion(scheme=scheme, name=name, description=description, weight=weight, position=i)
                    for i, (name, description, weight) in enumerate(spec["criteria"])
                ]
            )
            RequiredDocument.objects.bulk_create(
                [
                    RequiredDocument(scheme=scheme, name=name, description=description, stage=stage, position=i)
                    for i, (name, description, stage) in enumerate(spec["documents"])
                ]
            )
        made.append(scheme)
    return made


def _organisations(kind_needed: str) -> list[int]:
    """Organisations of `kind_needed`, with a representative (two made if there are none)."""
    ids = list(
        Organisation.objects.filter(kind=kind_needed, memberships__role="representative")
        .values_list("pk", flat=True)
        .distinct()[:200]
    )
    if ids:
        return ids
    User = get_user_model()
    reps = list(User.objects.filter(is_active=True, neighbourhood__isnull=False).values_list("pk", flat=True)[:2])
    for n, rep in enumerate(reps):
        organisation, _ = Organisation.objects.get_or_create(
            slug=f"{SLUG_PREFIX}subsidies-{kind_needed}-{n + 1}",
            defaults={
                "name": f"{Organisation.Kind(kind_needed).label.capitalize()} {n + 1} (bench)",
                "kind": kind_needed,
            },
        )
        OrganisationMembership.objects.get_or_create(organisation=organisation, user_id=rep, role="representative")
        ids.append(organisation.pk)
    return ids


def _representatives(org_ids) -> dict[int, int]:
    rows = (
        OrganisationMembership.objects.current()
        .filter(organisation_id__in=org_ids, role="representative")
        .order_by("organisation_id", "pk")
        .values_list("organisation_id", "user_id")
    )
    reps = {}
    for org, user in rows:
        reps.setdefault(org, user)
    return reps


def seed(*, scale: float = 1.0, stdout=None, now=None, rng_seed: int = 3601) -> str:
    """Seed `2000 * scale` subsidy files (at least one per state)."""
    if SubsidyFile.objects.filter(reference__startswith=REFERENCE_PREFIX).exists():
        report = "subsidies: already seeded"
        _write(stdout, report)
        return report
    rng = random.Random(rng_seed)
    now = now or timezone.now()
    today = timezone.localdate(now)
    n_files = max(len(STATES), round(2_000 * scale))

    User = get_user_model()
    residents = list(
        User.objects.filter(is_active=True, neighbourhood__isnull=False).values_list("pk", "neighbourhood_id")[:20_000]
    )
    if len(residents) < 5:
        raise RuntimeError("The subsidies seed needs residents with a neighbourhood first.")
    resident_ids = [pk for pk, _hood in residents]
    hood_of = dict(residents)

    with transaction.atomic():
        schemes = _schemes(today)
        criteria = {s.pk: list(s.criteria.values_list("pk", flat=True)) for s in schemes}
        staff = {}
        for scheme in schemes:
            members = list(
                DepartmentMembership.objects.current()
                .filter(department_id=scheme.department_id)
                .values_list("user_id", flat=True)[:20]
            )
            staff[scheme.pk] = members
        decider = (
            DepartmentMembership.objects.current()
            .filter(department__slug=conf.decision_department())
            .values_list("user_id", flat=True)
            .first()
        )
        associations = _organisations(Organisation.Kind.ASSOCIATION)
        north_south = _organisations(Organisation.Kind.NORTH_SOUTH)
        reps = _representatives(associations + north_south)

        # 1. Plan the files: scheme, applicant, state, amounts, dates.
        states = [status for status, _share in STATES]
        planned_states = states + rng.choices(states, weights=[w for _s, w in STATES], k=n_files - len(states))
        files, plans = [], []
        committed = {}
        for n, status in enumerate(planned_states):
            scheme = schemes[n % len(schemes)] if n < len(schemes) * 4 else rng.choice(schemes)
            organisation_kind = scheme.organisation_kinds[0] if scheme.organisation_kinds else ""
            if scheme.allows_resident_group and (not scheme.allows_organisation or rng.random() < 0.7):
                kind = SubsidyFile.ApplicantKind.RESIDENT_GROUP
                organisation_id = None
                applicant_id = rng.choice(resident_ids)
            else:
                kind = SubsidyFile.ApplicantKind.ORGANISATION
                pool = north_south if organisation_kind == Organisation.Kind.NORTH_SOUTH else associations
                organisation_id = rng.choice(pool)
                applicant_id = reps.get(organisation_id) or rng.choice(resident_ids)
            title, summary = rng.choice(PROJECTS)
            later_states = (S.REPORT_SUBMITTED, S.REPORT_APPROVED, S.CLOSED)
            created = now - timedelta(days=rng.uniform(150 if status in later_states else 1, 700))
            submitted = created + timedelta(days=rng.uniform(1, 10))
            # The budget: costs, maybe other income; the request fits the deficit and the scheme.
            cost_lines = [_money(rng.uniform(100, float(scheme.max_amount) * 0.8)) for _ in range(rng.randint(1, 3))]
            income_lines = [_money(rng.uniform(50, 300)) for _ in range(rng.randint(0, 1))]
            deficit = sum(cost_lines) - sum(income_lines)
            if deficit < scheme.min_amount:
                cost_lines.append(scheme.min_amount - deficit + Decimal("100.00"))
                deficit = sum(cost_lines) - sum(income_lines)
            requested = min(deficit, scheme.max_amount)
            requested = max(scheme.min_amount, _money(requested * Decimal(rng.uniform(0.7, 1.0))))
            fields = {
                "reference": f"{REFERENCE_PREFIX}{n + 1:05d}",
                "scheme_id": scheme.pk,
                "budget_year": timezone.localdate(submitted).year,
                "applicant_kind": kind,
                "applicant_id": applicant_id,
                "organisation_id": organisation_id,
                "title": f"{title} {n + 1}",
                "description": f"{summary} Een project voor en met de buurt; iedereen is welkom.",
                "city_wide": organisation_kind == Organisation.Kind.NORTH_SOUTH,
                "neighbourhood_id": None
                if organisation_kind == Organisation.Kind.NORTH_SOUTH
                else hood_of.get(applicant_id),
                "starts_on": timezone.localdate(submitted) + timedelta(days=30),
                "ends_on": timezone.localdate(submitted) + timedelta(days=rng.randint(40, 200)),
                "applicant_address": f"Seedstraat {n + 1}" if kind == SubsidyFile.ApplicantKind.RESIDENT_GROUP else "",
                "iban": IBAN,
                "account_holder": f"Aanvrager {n + 1}",
                "amount_requested": requested,
                "status": status,
                "created": created,
                "modified": created,
            }
            handlers = staff[scheme.pk]
            handler = rng.choice(handlers) if handlers else None
            if status != S.DRAFT:
                fields.update(submitted_at=submitted, intake_due=timezone.localdate(submitted) + timedelta(days=10))
            if status not in (S.DRAFT, S.SUBMITTED, S.WITHDRAWN) or (status == S.SUBMITTED and rng.random() < 0.3):
                fields["handler_id"] = handler
            if status == S.INFO_REQUESTED:
                fields.update(
                    info_requested_at=submitted + timedelta(days=3),
                    info_due=timezone.localdate(submitted) + timedelta(days=17),
                    info_return_status=S.SUBMITTED,
                )
            if status == S.WITHDRAWN:
                fields.update(
                    withdrawn_at=submitted + timedelta(days=5), withdrawn_reason="Het project gaat niet door."
                )
            assessed = status in (S.ASSESSMENT, S.PROPOSED, S.REFUSED, *SubsidyFile.COMMITTED_STATES)
            if assessed:
                fields["assessment_due"] = timezone.localdate(submitted) + timedelta(days=30)
            proposed = status in (S.PROPOSED, S.REFUSED, *SubsidyFile.COMMITTED_STATES)
            granted = status in SubsidyFile.COMMITTED_STATES
            decided_on = None
            if proposed:
                amount = (
                    _money(requested * Decimal(rng.choice(["1", "1", "0.9", "0.8"])))
                    if granted or (status == S.PROPOSED)
                    else None
                )
                fields.update(
                    proposed_outcome=SubsidyFile.Outcome.REFUSED
                    if status == S.REFUSED
                    else SubsidyFile.Outcome.GRANTED,
                    proposed_amount=amount,
                    proposal_text="De beoordelaars adviseren positief." if amount else "Past niet in het reglement.",
                    decision_due=timezone.localdate(submitted) + timedelta(days=60),
                )
            if status in SubsidyFile.DECIDED_STATES:
                decided_on = min(today, timezone.localdate(submitted) + timedelta(days=rng.randint(30, 70)))
                fields.update(
                    outcome=SubsidyFile.Outcome.GRANTED if granted else SubsidyFile.Outcome.REFUSED,
                    amount_granted=fields["proposed_amount"] if granted else None,
                    decided_on=decided_on,
                    decision_reference=f"CBS/{decided_on:%Y}/{n + 1:05d}",
                    decision_text="Het college volgt het voorstel.",
                    decided_by_id=decider,
                    budget_year=decided_on.year,
                )
                if granted:
                    fields["report_due"] = fields["ends_on"] + timedelta(days=scheme.report_days)
            if status in (S.REPORT_SUBMITTED, S.REPORT_APPROVED, S.CLOSED):
                fields.update(
                    report_text="Het project is uitgevoerd zoals gepland.",
                    report_costs=_money(sum(cost_lines) * Decimal(rng.uniform(0.85, 1.05))),
                    report_submitted_at=submitted + timedelta(days=90),
                )
            if status in (S.REPORT_APPROVED, S.CLOSED):
                fields["report_approved_at"] = fields["report_submitted_at"] + timedelta(days=5)
            recovered = Decimal("0.00")
            if status in (S.REPORT_APPROVED, S.CLOSED) and rng.random() < 0.15:
                recovered = _money(fields["amount_granted"] * Decimal("0.1"))
            fields["amount_recovered"] = recovered
            if status == S.CLOSED:
                fields["closed_at"] = fields["report_approved_at"] + timedelta(days=10)
            if granted:
                key = (scheme.pk, fields["budget_year"])
                committed[key] = committed.get(key, Decimal("0")) + fields["amount_granted"] - recovered
            files.append(SubsidyFile(**fields))
            plans.append(
                {
                    "scheme": scheme,
                    "costs": cost_lines,
                    "incomes": income_lines,
                    "handler": handler,
                    "assessed": assessed,
                    "submitted_assessments": proposed,
                    "submitted": submitted,
                    "decided_on": decided_on,
                }
            )

        # 2. The budgets: every year's envelope holds what was granted (with room to spare).
        years = {today.year - 2, today.year - 1, today.year} | {year for _scheme, year in committed}
        for scheme in schemes:
            spec_budget = next(s["budget"] for s in SCHEMES if f"{SLUG_PREFIX}{s['slug']}" == scheme.slug)
            for year in sorted(years):
                need = committed.get((scheme.pk, year), Decimal("0"))
                amount = max(spec_budget, (need * Decimal("1.25") / 10_000).to_integral_value() * 10_000 + 10_000)
                SchemeBudget.objects.update_or_create(scheme=scheme, year=year, defaults={"amount": amount})

        with _explicit_times(SubsidyFile):
            _bulk(SubsidyFile, files)
        pks = dict(SubsidyFile.objects.filter(reference__startswith=REFERENCE_PREFIX).values_list("reference", "pk"))
        for obj in files:
            obj.pk = pks[obj.reference]

        # 3. Budget lines, co-applicants, messages, assessments, payments.
        lines, co_applicants, messages, assessments, payments = [], [], [], [], []
        for obj, plan in zip(files, plans, strict=True):
            position = 0
            for amount in plan["costs"]:
                lines.append(
                    BudgetLine(
                        file_id=obj.pk,
                        kind=BudgetLine.Kind.COST,
                        description=rng.choice(COSTS),
                        amount=amount,
                        position=position,
                    )
                )
                position += 1
            for amount in plan["incomes"]:
                lines.append(
                    BudgetLine(
                        file_id=obj.pk,
                        kind=BudgetLine.Kind.INCOME,
                        description=rng.choice(INCOMES),
                        amount=amount,
                        position=position,
                    )
                )
                position += 1
            if obj.applicant_kind == SubsidyFile.ApplicantKind.RESIDENT_GROUP:
                size = max(plan["scheme"].min_group_size or 1, 1) - 1 + (1 if rng.random() < 0.3 else 0)
                members = {obj.applicant_id}
                for i in range(size):
                    user_id = rng.choice(resident_ids)
                    if user_id in members:
                        continue
                    members.add(user_id)
                    co_applicants.append(
                        CoApplicant(
                            file_id=obj.pk,
                            user_id=user_id,
                            email=f"mede{obj.pk}-{i}@bench.samen-genk.test",
                            name=f"Mede-aanvrager {i + 1}",
                            address=f"Seedstraat {obj.pk}-{i + 2}",
                            token=f"bench-{obj.pk}-{i}",
                            invited_at=obj.created,
                            accepted_at=obj.created + timedelta(days=1),
                            created=obj.created,
                            modified=obj.created,
                        )
                    )
            if obj.status == S.INFO_REQUESTED:
                messages.append(
                    Message(
                        file_id=obj.pk,
                        author_id=plan["handler"],
                        kind=Message.Kind.INFO_REQUEST,
                        body="Kun je een offerte toevoegen?",
                        created=obj.info_requested_at,
                    )
                )
            if plan["assessed"] and plan["handler"]:
                submitted = plan["submitted_assessments"]
                recommendation = (
                    Assessment.Recommendation.REFUSE if obj.status == S.REFUSED else Assessment.Recommendation.GRANT
                )
                team = staff[plan["scheme"].pk]
                for assessor in sorted({plan["handler"], rng.choice(team)}):
                    assessments.append(
                        (
                            Assessment(
                                file_id=obj.pk,
                                assessor_id=assessor,
                                recommendation=recommendation if submitted else "",
                                recommended_amount=obj.proposed_amount if submitted else None,
                                comment="Een goed project." if submitted else "",
                                submitted_at=plan["submitted"] + timedelta(days=20) if submitted else None,
                                created=plan["submitted"] + timedelta(days=12),
                                modified=plan["submitted"] + timedelta(days=12),
                            ),
                            criteria[plan["scheme"].pk] if submitted else [],
                            [rng.randint(1, 5) for _ in criteria[plan["scheme"].pk]] if submitted else [],
                        )
                    )
            if obj.status in SubsidyFile.COMMITTED_STATES:
                payable = obj.amount_granted - obj.amount_recovered
                advance = _money(obj.amount_granted * plan["scheme"].advance_percentage / 100)
                advance = min(advance, payable)
                if advance > 0:
                    payments.append(
                        Payment(
                            file_id=obj.pk,
                            kind=Payment.Kind.ADVANCE,
                            amount=advance,
                            paid_on=plan["decided_on"],
                            reference=f"BET-{obj.pk}-1",
                            recorded_by_id=plan["handler"],
                            created=now,
                        )
                    )
                if obj.status == S.CLOSED and payable - advance > 0:
                    payments.append(
                        Payment(
                            file_id=obj.pk,
                            kind=Payment.Kind.BALANCE,
                            amount=payable - advance,
                            paid_on=timezone.localdate(obj.closed_at) if obj.closed_at else plan["decided_on"],
                            reference=f"BET-{obj.pk}-2",
                            recorded_by_id=plan["handler"],
                            created=now,
                        )
                    )
        _bulk(BudgetLine, lines)
        with _explicit_times(CoApplicant, Assessment):
            _bulk(CoApplicant, co_applicants)
            _bulk(Assessment, [a for a, _criteria, _scores in assessments])
        _bulk(Message, messages)
        _bulk(Payment, payments)
        assessment_ids = {
            (file_id, assessor_id): pk
            for pk, file_id, assessor_id in Assessment.objects.filter(
                file__reference__startswith=REFERENCE_PREFIX
            ).values_list("pk", "file_id", "assessor_id")
        }
        scores = []
        for assessment, criterion_ids, values in assessments:
            pk = assessment_ids[(assessment.file_id, assessment.assessor_id)]
            scores += [
                Score(assessment_id=pk, criterion_id=criterion_id, score=value)
                for criterion_id, value in zip(criterion_ids, values, strict=True)
            ]
        _bulk(Score, scores)

    counts = {status: planned_states.count(status) for status in states}
    report = (
        f"{len(files):,} subsidy files in {sum(1 for c in counts.values() if c)} states, {len(lines):,} budget lines, "
        f"{len(co_applicants):,} co-applicants, {len(assessments):,} assessments, {len(scores):,} scores, "
        f"{len(payments):,} payments"
    )
    _write(stdout, f"subsidies: {report}")
    return report
