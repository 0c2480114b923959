"""Domain-named queries for subsidy files; views, tasks and exports use these, never raw status strings."""

from decimal import Decimal

from django.db import models
from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .caching import ChangesRegister

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2))


def _models():
    from . import models as m

    return m


def _sum_subquery(model, value_field, *, outer="pk", link="file", **filters):
    """Σ `value_field` of the rows of `model` pointing to the outer row, as a scalar subquery
    (no join: totals never multiply each other)."""
    rows = (
        model.objects.filter(**{link: OuterRef(outer)}, **filters)
        .order_by()
        .values(link)
        .annotate(total=Sum(value_field))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=DecimalField(max_digits=12, decimal_places=2)), ZERO)


def decision_department_slug() -> str:
    from . import conf

    return conf.decision_department()


class SchemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def open_on(self, day=None):
        """Active schemes whose submission window includes `day` (today by default)."""
        day = day or timezone.localdate()
        return self.active().filter(
            Q(opens_on__isnull=True) | Q(opens_on__lte=day), Q(closes_on__isnull=True) | Q(closes_on__gte=day)
        )

    def of_department_member(self, user, day=None):
        """The schemes of the departments `user` is currently a member of."""
        from genk.accounts.models import DepartmentMembership

        departments = DepartmentMembership.objects.current(day).filter(user=user).values("department_id")
        return self.filter(department_id__in=departments)


class SchemeBudgetQuerySet(models.QuerySet):
    def with_committed(self):
        """Annotate `committed` (Σ granted − recovered of the files charged to this scheme and
        year, in a committed state) and `remaining` (amount − committed)."""
        m = _models()
        committed = _sum_subquery(
            m.SubsidyFile,
            ExpressionWrapper(
                F("amount_granted") - F("amount_recovered"), output_field=DecimalField(max_digits=12, decimal_places=2)
            ),
            outer="scheme_id",
            link="scheme",
            budget_year=OuterRef("year"),
            status__in=m.SubsidyFile.COMMITTED_STATES,
            amount_granted__isnull=False,
        )
        return self.annotate(committed=committed).annotate(
            remaining=ExpressionWrapper(
                F("amount") - F("committed"), output_field=DecimalField(max_digits=12, decimal_places=2)
            )
        )


class SubsidyFileQuerySet(ChangesRegister):
    """Bulk writes move the version of the cached register (caching.py)."""

    # Who sees what.
    def for_applicant(self, user, day=None):
        """The files of which `user` is an applicant: the lead, an accepted co-applicant, or
        (for an organisation's file) a current representative of the organisation."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        m = _models()
        from genk.accounts.models import OrganisationMembership

        co = m.CoApplicant.objects.filter(user=user, accepted_at__isnull=False).values("file_id")
        orgs = (
            OrganisationMembership.objects.current(day)
            .filter(user=user, role=OrganisationMembership.Role.REPRESENTATIVE)
            .values("organisation_id")
        )
        return self.filter(
            Q(applicant=user)
            | Q(pk__in=co)
            | Q(applicant_kind=m.SubsidyFile.ApplicantKind.ORGANISATION, organisation_id__in=orgs)
        )

    def for_workbench(self, user, day=None):
        """The files a civil servant works on: every non-draft file of their departments'
        schemes, the files they assess, and (for decision-makers) the files awaiting or having
        a decision. Administrators see every non-draft file."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        m = _models()
        non_draft = self.exclude(status=m.SubsidyFile.Status.DRAFT)
        if user.is_superuser:
            return non_draft
        from genk.accounts.models import DepartmentMembership

        memberships = DepartmentMembership.objects.current(day).filter(user=user)
        departments = memberships.values("department_id")
        assessed = m.Assessment.objects.filter(assessor=user).values("file_id")
        condition = Q(scheme__department_id__in=departments) | Q(pk__in=assessed) | Q(handler=user)
        decides = (
            user.in_department_named(decision_department_slug())
            if day is None
            else memberships.filter(department__slug=decision_department_slug()).exists()
        )
        if decides:
            condition |= Q(status__in=m.SubsidyFile.DECISION_VISIBLE_STATES)
        return non_draft.filter(condition)

    def of_department(self, department):
        return self.filter(scheme__department=department)

    def assessed_by(self, user):
        return self.filter(assessments__assessor=user)

    # The workbench's views.
    def drafts(self):
        return self.filter(status=_models().SubsidyFile.Status.DRAFT)

    def not_draft(self):
        return self.exclude(status=_models().SubsidyFile.Status.DRAFT)

    def in_progress(self):
        """Submitted and not yet decided: the steps staff work on."""
        return self.filter(status__in=_models().SubsidyFile.IN_PROGRESS_STATES)

    def open(self):
        """Not draft and not in a final state."""
        SubsidyFile = _models().SubsidyFile
        return self.exclude(status=SubsidyFile.Status.DRAFT).exclude(status__in=SubsidyFile.FINAL_STATES)

    def unassigned(self):
        """Files in progress without a handler."""
        return self.open().filter(handler__isnull=True)

    def assigned_to(self, user):
        return self.filter(handler=user)

    def overdue(self, today=None):
        """Files whose current step's deadline has passed."""
        today = today or timezone.localdate()
        condition = Q()
        for status, field in _models().SubsidyFile.DUE_FIELDS.items():
            condition |= Q(status=status, **{f"{field}__lt": today})
        return self.filter(condition)

    def due_on(self, field, day):
        return self.filter(**{field: day})

    def granted(self):
        """Granted files, from the decision on (granted, report submitted or approved, closed)."""
        SubsidyFile = _models().SubsidyFile
        return self.filter(
            status__in=SubsidyFile.COMMITTED_STATES,
            outcome=SubsidyFile.Outcome.GRANTED,
            amount_granted__isnull=False,
        )

    def in_register(self):
        """What the public subsidy register shows: every granted subsidy."""
        return self.granted()

    def charged_to(self, scheme, year):
        return self.filter(scheme=scheme, budget_year=year)

    def with_totals(self):
        """Annotate `costs_total`, `income_total`, `paid_total` (scalar subqueries: no join);
        the properties `total_costs`, `total_income`, `total_paid`, `deficit`, `outstanding`
        then use them without a query."""
        m = _models()
        return self.annotate(
            costs_total=_sum_subquery(m.BudgetLine, "amount", kind=m.BudgetLine.Kind.COST),
            income_total=_sum_subquery(m.BudgetLine, "amount", kind=m.BudgetLine.Kind.INCOME),
            paid_total=_sum_subquery(m.Payment, "amount"),
        )

    def for_list(self):
        """What a list row shows, in a constant number of queries."""
        return self.select_related(
            "scheme", "scheme__department", "organisation", "neighbourhood", "handler", "applicant"
        )

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(reference__icontains=text)
            | Q(title__icontains=text)
            | Q(organisation__name__icontains=text)
            | Q(applicant__display_name__icontains=text)
            | Q(applicant__email__icontains=text)
        )


class SubsidyFileManager(models.Manager.from_queryset(SubsidyFileQuerySet)):
    pass
