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

        # What the cached public pages show (caching.py): their versions move on every write.
        for model in (Theme, Neighbourhood, District, Goal):
            name = model._meta.label_lower
            post_save.connect(caching.reference_changed, sender=model, dispatch_uid=f"pages-ref-{name}")
            post_delete.connect(caching.reference_changed, sender=model, dispatch_uid=f"pages-ref-del-{name}")
        for model in (Initiative, Initiator, Update, Comment):
            name = model._meta.label_lower
            post_save.connect(caching.content_changed, sender=model, dispatch_uid=f"pages-{name}")
            post_delete.connect(caching.content_changed, sender=model, dispatch_uid=f"pages-del-{name}")
        for through in (Initiative.themes.through, Initiative.sdgs.through):
            m2m_changed.connect(caching.content_changed, sender=through, dispatch_uid=f"pages-m2m-{through.__name__}")
        post_save.connect(caching.person_saved, sender=get_user_model(), dispatch_uid="pages-person")
