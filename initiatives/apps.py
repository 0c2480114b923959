from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    label = "initiatives"
    verbose_name = _("Initiatieven")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from neighbourhoods.models import District, Neighbourhood
        from worldcitizenship.models import Goal

        from . import caching
        from .models import Comment, Initiative, Initiator, Theme, Update

        # What the cached public pages show (caching.py): a write moves the versions of what it changed.
        for model in (Theme, Neighbourhood, District, Goal):
            name = model._meta.label_lower
            post_save.connect(caching.reference_changed, sender=model, dispatch_uid=f"pages-ref-{name}")
            post_delete.connect(caching.reference_changed, sender=model, dispatch_uid=f"pages-ref-del-{name}")
        post_save.connect(caching.initiative_saved, sender=Initiative, dispatch_uid="pages-initiative")
        post_delete.connect(caching.initiative_deleted, sender=Initiative, dispatch_uid="pages-del-initiative")
        for model in (Initiator, Update, Comment):
            name = model._meta.label_lower
            post_save.connect(caching.part_changed, sender=model, dispatch_uid=f"pages-{name}")
            post_delete.connect(caching.part_changed, sender=model, dispatch_uid=f"pages-del-{name}")
        for through in (Initiative.themes.through, Initiative.sdgs.through):
            m2m_changed.connect(caching.labels_changed, sender=through, dispatch_uid=f"pages-m2m-{through.__name__}")
        post_save.connect(caching.person_saved, sender=get_user_model(), dispatch_uid="pages-person")
