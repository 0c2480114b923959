"""Which department owns a budget cycle or a survey (issue 16: staff rights scoped by department).

A cycle and a survey belong to one department (`department`) and may name departments that help
(`helper_departments`). Members (with MFA) of those departments manage it
(`genk.core.permissions.in_department`); other staff see only what the public sees.
Without a department only administrators manage it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from genk.core.permissions import in_department

# Existing cycles and surveys got this department in their migration (when it exists).
DEFAULT_DEPARTMENT_SLUG = "participatie"


class DepartmentOwned(models.Model):
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("dienst"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De medewerkers van deze dienst beheren het. Leeg: alleen beheerders."),
    )
    helper_departments = models.ManyToManyField(
        "accounts.Department",
        verbose_name=_("helpende diensten"),
        blank=True,
        related_name="+",
        help_text=_("Hun medewerkers mogen mee beheren."),
    )

    class Meta:
        abstract = True

    def department_ids(self) -> list[int]:
        """The owning department and the helping ones (ids)."""
        helpers = [d.pk for d in self.helper_departments.all()] if self.pk else []
        return [i for i in [self.department_id, *helpers] if i is not None]


def owning_department(obj):
    return obj.department_id if isinstance(obj, DepartmentOwned) else None


def all_departments(obj):
    return obj.department_ids() if isinstance(obj, DepartmentOwned) else None


def owned_by(get_owned):
    """Two predicates for objects that `get_owned(obj)` leads to: (manages, owns).
    `manages`: a member (with MFA) of the owning or a helping department; `owns`: of the owning one."""
    manages = in_department(lambda obj: all_departments(get_owned(obj)), name="manages_by_department")
    owns = in_department(lambda obj: owning_department(get_owned(obj)), name="owns_by_department")
    return manages, owns


def managed_by(queryset, user):
    """The objects of `queryset` that `user` manages: administrators all, staff those of their departments."""
    if user.is_superuser:
        return queryset
    ids = user.department_ids()
    return queryset.filter(Q(department__in=ids) | Q(helper_departments__in=ids)).distinct()


def limit_departments(form, user):
    """In a staff form: staff choose among their own departments (administrators among all);
    a new object starts with the person's first department."""
    from genk.accounts.models import Department

    if "department" not in form.fields:
        return
    if not user.is_superuser:
        field = form.fields["department"]
        allowed = {*user.department_ids(), form.instance.department_id}
        field.queryset = Department.objects.filter(pk__in=[i for i in allowed if i is not None])
        field.required = True
        if form.instance.pk is None and not form.initial.get("department"):
            form.initial["department"] = next(iter(sorted(user.department_ids())), None)


def set_default_department(model_label):
    """A migration step: existing rows belong to the Participatie department, when it exists
    (else they stay without one: administrators only)."""

    def forwards(apps, schema_editor):
        Department = apps.get_model("accounts", "Department")
        Model = apps.get_model(*model_label.split("."))
        department = Department.objects.filter(slug=DEFAULT_DEPARTMENT_SLUG).first()
        if department is not None:
            Model.objects.filter(department__isnull=True).update(department=department)

    return forwards


def default_department():
    """The Participatie department, which owns the demo's and the benchmark's cycles and surveys."""
    from genk.accounts.models import Department

    return Department.objects.filter(slug=DEFAULT_DEPARTMENT_SLUG).first()
