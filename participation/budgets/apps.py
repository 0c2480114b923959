from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "participation.budgets"
    label = "budgets"
    verbose_name = _("Wijk- en burgerbudgetten")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from neighbourhoods.models import District, Neighbourhood

        from . import caching
        from .models import Cycle, Heading, HeadingResult, Phase, ProjectResult, ProjectUpdate, Proposal, Theme

        # What the cached fragments show (caching.py): a write moves the versions of what it changed.
        for model in (Theme, Neighbourhood, District):
            name = model._meta.label_lower
            post_save.connect(caching.reference_changed, sender=model, dispatch_uid=f"budgets-ref-{name}")
            post_delete.connect(caching.reference_changed, sender=model, dispatch_uid=f"budgets-ref-del-{name}")
        receivers = [
            (Cycle, caching.cycle_saved),
            (Phase, caching.part_saved),
            (Heading, caching.part_saved),
            (Proposal, caching.part_saved),
            (HeadingResult, caching.heading_part_saved),
            (ProjectResult, caching.proposal_part_saved),
            (ProjectUpdate, caching.proposal_part_saved),
        ]
        for model, receiver in receivers:
            name = model._meta.model_name
            post_save.connect(receiver, sender=model, dispatch_uid=f"budgets-pages-{name}")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"budgets-pages-del-{name}")
        m2m_changed.connect(caching.themes_changed, sender=Cycle.themes.through, dispatch_uid="budgets-pages-themes")
