"""What the initiative pages share: the writing steps and finding an initiative the user may see."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core.permissions import can

from ..forms import (
    DescriptionForm,
    HelpForm,
    IdeaForm,
    ImageForm,
    PlaceForm,
)
from ..models import Initiative

PAGE_SIZE = 12
COMMENTS_PAGE_SIZE = 30


@dataclass(frozen=True)
class Step:
    slug: str
    label: str
    form_class: type | None = None


STEPS = [
    Step("idee", gettext_lazy("Idee"), IdeaForm),
    Step("beschrijving", gettext_lazy("Beschrijving"), DescriptionForm),
    Step("plaats", gettext_lazy("Wijk en thema's"), PlaceForm),
    Step("afbeelding", gettext_lazy("Afbeelding"), ImageForm),
    Step("hulp", gettext_lazy("Hulp van de stad"), HelpForm),
    Step("initiatiefnemers", gettext_lazy("Initiatiefnemers")),
    Step("nakijken", gettext_lazy("Nakijken en indienen")),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def initiative_or_404(pk: int, queryset=None) -> Initiative:
    return get_object_or_404(queryset if queryset is not None else Initiative.objects.all(), pk=pk)


def visible_or_404(request, initiative: Initiative) -> None:
    """Drafts and submissions are not there for people who may not see them."""
    if not can(request.user, "initiatives.view_initiative", initiative):
        raise Http404(_("Dit initiatief bestaat niet of is niet openbaar."))
