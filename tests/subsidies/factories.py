"""Factories for subsidy files.

`SchemeFactory` makes a scheme of the participation department (so the `civil_servant`
persona is its handling staff) with a budget for this year and two criteria.
`make_file(status=..., ...)` puts a file directly in any state with the fields that state
implies (for rules, pages and reports); the workflow's own tests go through workflow.py.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from genk.accounts.models import DepartmentMembership
from initiatives.subsidies.models import (
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
from tests.factories import DepartmentFactory, DepartmentMembershipFactory, NeighbourhoodFactory, UserFactory

S = SubsidyFile.Status
VALID_IBAN = "BE68539007547034"


class SchemeFactory(DjangoModelFactory):
    class Meta:
        model = Scheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Subsidiereglement {n}")
    slug = factory.Sequence(lambda n: f"reglement-{n}")
    summary = "Een subsidie voor projecten van inwoners en verenigingen."
    legal_basis = "Gemeenteraadsbesluit van 1 januari 2024."
    department = factory.SubFactory(DepartmentFactory, name="Participatie", slug="participatie")
    allows_resident_group = True
    allows_organisation = True
    min_amount = Decimal("0.00")
    max_amount = Decimal("2500.00")
    advance_percentage = 80
    intake_days = 10
    assessment_days = 20
    decision_days = 30
    report_days = 60

    @factory.post_generation
    def budget(self, create, extracted, **kwargs):
        """`budget=Decimal(...)` sets this year's envelope (default € 50,000); `budget=False`: none."""
        if not create or extracted is False:
            return
        amount = Decimal("50000.00") if extracted is None else Decimal(extracted)
        SchemeBudget.objects.create(scheme=self, year=timezone.localdate().year, amount=amount)

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        """Two weighted criteria by default; `criteria=[("name", weight), ...]` or `criteria=False`."""
        if not create or extracted is False:
            return
        rows = extracted or [("Meerwaarde voor de buurt", 2), ("Haalbaarheid", 1)]
        for position, (name, weight) in enumerate(rows):
            Criterion.objects.create(scheme=self, name=name, weight=weight, position=position)


def add_required_document(scheme, name="Offerte", stage=RequiredDocument.Stage.APPLICATION) -> RequiredDocument:
    return RequiredDocument.objects.create(scheme=scheme, name=name, stage=stage)


class SubsidyFileFactory(DjangoModelFactory):
    """A complete draft of a group of residents (with a budget of € 1,500 costs and € 200
    income, asking € 1,000); put it in another state with `make_file`."""

    class Meta:
        model = SubsidyFile
        skip_postgeneration_save = True

    scheme = factory.SubFactory(SchemeFactory)
    budget_year = factory.LazyFunction(lambda: timezone.localdate().year)
    applicant_kind = SubsidyFile.ApplicantKind.RESIDENT_GROUP
    applicant = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Buurtproject {n}")
    description = (
        "We organiseren een namiddag met spelletjes, een repair café en een gezamenlijke maaltijd voor "
        "alle buren van de straat."
    )
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    applicant_address = factory.Sequence(lambda n: f"Stalenstraat {n + 1}")
    iban = VALID_IBAN
    account_holder = "Feitelijke vereniging Buurtproject"
    amount_requested = Decimal("1000.00")

    @factory.post_generation
    def budget_lines(self, create, extracted, **kwargs):
        """Default: costs € 1,500 (two lines), income € 200; `budget_lines=[(kind, description,
        amount), ...]` or `budget_lines=False`."""
        if not create:
            return
        self.save()
        if extracted is False:
            return
        rows = extracted or [
            (BudgetLine.Kind.COST, "Huur van materiaal", Decimal("900.00")),
            (BudgetLine.Kind.COST, "Eten en drinken", Decimal("600.00")),
            (BudgetLine.Kind.INCOME, "Eigen inbreng", Decimal("200.00")),
        ]
        BudgetLine.objects.bulk_create(
            [
                BudgetLine(file=self, kind=kind, description=description, amount=Decimal(amount), position=i)
                for i, (kind, description, amount) in enumerate(rows)
            ]
        )


def department_member(department, role=DepartmentMembership.Role.STAFF, **user_fields):
    """A (new) current member of `department`, with MFA."""
    from tests.factories import enroll_mfa

    user = DepartmentMembershipFactory(department=department, role=role, user=UserFactory(**user_fields)).user
    enroll_mfa(user)
    return user


def add_co_applicant(file, user=None, address=None, accepted=True) -> CoApplicant:
    user = user or UserFactory()
    return CoApplicant.objects.create(
        file=file,
        user=user if accepted else None,
        email=user.email,
        name=user.public_name,
        address=address or f"Andere straat {CoApplicant.objects.count() + 1}",
        accepted_at=timezone.now() if accepted else None,
    )


def make_group(file, size: int = 5, distinct_addresses: int | None = None) -> list[CoApplicant]:
    """Make the group `size` people (the lead included) at `distinct_addresses` addresses."""
    distinct = size if distinct_addresses is None else distinct_addresses
    rows = []
    for i in range(size - 1):
        address = f"Groepstraat {i + 2}" if i + 2 <= distinct else file.applicant_address
        rows.append(add_co_applicant(file, address=address))
    return rows


ORDER = [
    S.DRAFT,
    S.SUBMITTED,
    S.ASSESSMENT,
    S.PROPOSED,
    S.GRANTED,
    S.REPORT_SUBMITTED,
    S.REPORT_APPROVED,
    S.CLOSED,
]


def _reached(status, step) -> bool:
    """Whether a file in `status` has gone through `step` on the main path."""
    path = {
        S.INFO_REQUESTED: S.SUBMITTED,
        S.REFUSED: S.PROPOSED,
        S.WITHDRAWN: S.SUBMITTED,
    }.get(status, status)
    return ORDER.index(path) >= ORDER.index(step)


def make_file(
    status=S.DRAFT,
    *,
    handler=None,
    assessors=None,
    amount_granted=None,
    decided_by=None,
    paid=None,
    submitted_assessments=None,
    **fields,
) -> SubsidyFile:
    """A file put directly in `status`, with what that state implies: dates and deadlines, a
    handler (a new member of the scheme's department unless given), assessments (by the
    handler unless `assessors` given; submitted from `proposed` on), the proposal, the
    decision (€ 1,000 granted unless `amount_granted`), payments (`paid`: default the advance
    from granted on and everything once closed) and the report."""
    file = SubsidyFileFactory(**fields)
    today = timezone.localdate()
    now = timezone.now()
    if status == S.DRAFT:
        return file
    changes = {"status": status, "submitted_at": now - timedelta(days=40), "intake_due": today + timedelta(days=5)}
    if status == S.INFO_REQUESTED:
        changes.update(
            info_requested_at=now - timedelta(days=2),
            info_due=today + timedelta(days=12),
            info_return_status=S.SUBMITTED,
        )
        Message.objects.create(file=file, kind=Message.Kind.INFO_REQUEST, body="Voeg een offerte toe, aub.")
    if status == S.WITHDRAWN:
        changes.update(withdrawn_at=now, withdrawn_reason="Het project gaat niet door.")
    in_assessment = _reached(status, S.ASSESSMENT)
    if in_assessment or handler is not None:
        handler = handler or department_member(file.scheme.department)
        changes["handler"] = handler
    if in_assessment:
        changes["assessment_due"] = today + timedelta(days=10)
    if _reached(status, S.PROPOSED):
        changes.update(
            proposed_outcome=SubsidyFile.Outcome.REFUSED if status == S.REFUSED else SubsidyFile.Outcome.GRANTED,
            proposed_amount=None if status == S.REFUSED else (amount_granted or file.amount_requested),
            proposal_text="De beoordelaars zijn positief.",
            decision_due=today + timedelta(days=20),
        )
    decided = _reached(status, S.GRANTED) or status == S.REFUSED
    if decided:
        granted = status != S.REFUSED
        changes.update(
            outcome=SubsidyFile.Outcome.GRANTED if granted else SubsidyFile.Outcome.REFUSED,
            amount_granted=(amount_granted or file.amount_requested) if granted else None,
            decided_on=today - timedelta(days=10),
            decision_reference="CBS/2024/123",
            decision_text="Het college kent de subsidie toe." if granted else "Het college weigert.",
            decided_by=decided_by,
            budget_year=today.year,
            report_due=(file.ends_on or today) + timedelta(days=file.scheme.report_days) if granted else None,
        )
    if _reached(status, S.REPORT_SUBMITTED):
        changes.update(
            report_text="Het project was een succes: 80 buren deden mee.",
            report_costs=Decimal("1400.00"),
            report_submitted_at=now - timedelta(days=3),
        )
    if _reached(status, S.REPORT_APPROVED):
        changes["report_approved_at"] = now - timedelta(days=1)
    if status == S.CLOSED:
        changes["closed_at"] = now
    for field, value in changes.items():
        setattr(file, field, value)
    file.save()
    if in_assessment:
        people = assessors if assessors is not None else [handler]
        submit = _reached(status, S.PROPOSED) if submitted_assessments is None else submitted_assessments
        criteria = list(file.scheme.criteria.all())
        for assessor in people:
            assessment = Assessment.objects.create(
                file=file,
                assessor=assessor,
                recommendation=Assessment.Recommendation.GRANT if submit else "",
                recommended_amount=file.amount_requested if submit else None,
                submitted_at=now - timedelta(days=5) if submit else None,
            )
            if submit:
                Score.objects.bulk_create([Score(assessment=assessment, criterion=c, score=4) for c in criteria])
    if file.amount_granted:
        if paid is None:
            if status == S.CLOSED:
                paid = file.amount_granted
            else:
                paid = (file.amount_granted * file.scheme.advance_percentage / 100).quantize(Decimal("0.01"))
        if paid:
            Payment.objects.create(
                file=file,
                kind=Payment.Kind.BALANCE if status == S.CLOSED else Payment.Kind.ADVANCE,
                amount=paid,
                paid_on=file.decided_on,
                reference="BET-1",
            )
    return file
