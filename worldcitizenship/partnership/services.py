"""What the officer does to the partnership besides moving a project's state (workflow.py).

Every function checks permission on its object (`genk.core.permissions.require`) and runs in
one transaction: nothing half-saved."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from genk.core import audit, images
from genk.core.permissions import require
from genk.core.refusals import NotAllowed

from . import notify
from .models import Funding, Indicator, Partnership, Photo, Project, Update


def partnership() -> Partnership | None:
    """The partnership (Genk has one: Francistown)."""
    return Partnership.objects.select_related("department").order_by("pk").first()


def save_project(form, user) -> Project:
    """Create or change a project from a valid ProjectForm (its SDGs and targets with it)."""
    project = form.instance
    require(user, "worldcitizenship.add_project" if project.pk is None else "worldcitizenship.change_project", project)
    with transaction.atomic():
        creating = project.pk is None
        if creating:
            project.created_by = user
        project = form.save()
        audit.record(
            user, "worldcitizenship.project.create" if creating else "worldcitizenship.project.change", project
        )
    return project


def save_indicator(form, user) -> Indicator:
    """Indicators are set at the start: once the project is published, only the result (and the
    date it was measured) may change — never the name, unit, baseline or target."""
    indicator = form.instance
    project = indicator.project
    require(user, "worldcitizenship.change_project", project)
    if project.status != Project.Status.DRAFT:
        fixed = {"name", "unit", "baseline", "target"} & set(form.changed_data)
        if indicator.pk is None or fixed:
            raise NotAllowed(
                _("Indicatoren worden bij de start vastgelegd: na de publicatie vul je alleen nog het resultaat in.")
            )
    with transaction.atomic():
        indicator = form.save()
        audit.record(user, "worldcitizenship.indicator.save", indicator)
    return indicator


def save_funding(form, user) -> Funding:
    require(user, "worldcitizenship.change_project", form.instance.project)
    with transaction.atomic():
        funding = form.save()
        audit.record(user, "worldcitizenship.funding.save", funding)
    return funding


def delete_funding(funding: Funding, user) -> None:
    require(user, "worldcitizenship.change_project", funding.project)
    with transaction.atomic():
        audit.record(user, "worldcitizenship.funding.delete", funding.project, before={"funding": str(funding)})
        funding.delete()


def budget(project: Project) -> Decimal:
    """The project's budget in euros: the sum of its funding sources."""
    if hasattr(project, "_prefetched_objects_cache") and "fundings" in project._prefetched_objects_cache:
        return sum((f.amount_eur for f in project.fundings.all()), Decimal("0"))
    return project.fundings.aggregate(total=Sum("amount_eur"))["total"] or Decimal("0")


def post_update(project: Project, user, *, title: str, body: str, photos=()) -> Update:
    """News about a public project, with photos (each `(image, alt_text)`); followers hear of it."""
    require(user, "worldcitizenship.change_project", project)
    if not project.is_public:
        raise NotAllowed(_("Publiceer het project eerst: nieuws over een project in voorbereiding ziet niemand."))
    with transaction.atomic():
        update = Update.objects.create(project=project, title=title, body=body, author=user)
        for image, alt_text in photos:
            if not (alt_text or "").strip():
                raise NotAllowed(_("Elke foto heeft een beschrijving nodig (alt-tekst)."))
            # The page version (upright, without its EXIF metadata such as a GPS position), made
            # here: an officer's upload, rare; see README "Photos".
            page_version = images.clean_image(image, images.Limits.from_settings("WORLDCITIZENSHIP"))
            Photo.objects.create(update=update, image=page_version, alt_text=alt_text.strip())
        audit.record(user, "worldcitizenship.update.create", update)
        notify.update_posted(update)
    return update
