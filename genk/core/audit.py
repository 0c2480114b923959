"""The audit log of staff actions: who did what to which object, with before and after."""

from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict

from .models import AuditLogEntry


def snapshot(obj, fields=None) -> dict:
    """The audited state of `obj`: its concrete field values, JSON-serialisable."""
    data = model_to_dict(obj, fields=fields)
    return {k: (v.name if hasattr(v, "name") and hasattr(v, "url") else v) for k, v in data.items()}


def record(actor, action: str, obj, *, before: dict | None = None, after: dict | None = None, reason: str = ""):
    """Write one audit entry. Call inside the transaction that makes the change."""
    return AuditLogEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=str(actor) if actor is not None else "",
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before or {},
        after=after or {},
        reason=reason,
    )


def history(obj):
    """The audit entries of one object, newest first."""
    return AuditLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


class AuditedAdminMixin:
    """Django-admin changes by staff go to the audit log, with the fields before and after."""

    def save_model(self, request, obj, form, change):
        before = {}
        if change and obj.pk:
            old = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = snapshot(old, fields=list(form.changed_data)) if old else {}
        super().save_model(request, obj, form, change)
        after = snapshot(obj, fields=list(form.changed_data))
        action = f"{obj._meta.label_lower}.{'changed' if change else 'created'}"
        record(request.user, action, obj, before=before, after=after)

    def delete_model(self, request, obj):
        record(request.user, f"{obj._meta.label_lower}.deleted", obj, before=snapshot(obj))
        super().delete_model(request, obj)
