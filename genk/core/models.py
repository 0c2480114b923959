from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        abstract = True


class AuditLogEntry(models.Model):
    """One staff action on one object: who, when, what, and the state before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgevoerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("uitvoerder (tekst)"), max_length=200, blank=True)
    action = models.CharField(_("handeling"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, verbose_name=_("soort object"), on_delete=models.PROTECT)
    object_id = models.CharField(_("object-id"), max_length=64)
    object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object (tekst)"), max_length=300)
    before = models.JSONField(_("voor"), encoder=DjangoJSONEncoder, default=dict, blank=True)
    after = models.JSONField(_("na"), encoder=DjangoJSONEncoder, default=dict, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    created = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("auditlogregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created"])]

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.object_repr}"

    def changes(self):
        """The fields that differ between before and after, as (field, before, after)."""
        keys = sorted(set(self.before) | set(self.after))
        return [(k, self.before.get(k), self.after.get(k)) for k in keys if self.before.get(k) != self.after.get(k)]


class Notification(models.Model):
    """A message to one user: shown in the portal, and emailed by their preference.

    `key` makes delivery idempotent: the same event for the same recipient is stored once,
    so a retried or repeated task creates and sends nothing twice.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=80)
    key = models.CharField(_("sleutel"), max_length=200)
    subject = models.CharField(_("onderwerp"), max_length=250)
    body = models.TextField(_("tekst"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key")]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["emailed_at", "recipient"]),
        ]

    def __str__(self):
        return self.subject


class SendLog(models.Model):
    """Every email the portal sent, under a unique key: the guard that makes sending idempotent."""

    key = models.CharField(_("sleutel"), max_length=250, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ontvanger"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("kanaal"), max_length=20, default="email")
    sent_at = models.DateTimeField(_("verzonden op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verzendlog")
        verbose_name_plural = _("verzendlog")

    def __str__(self):
        return self.key


class OutboxQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True)


class OutboxMessage(models.Model):
    """A Celery task to publish, written in the same transaction as the change that asks for it.

    The broker can be down when the transaction commits: the row survives, and
    `genk.core.outbox.drain` (after commit, every minute from beat, `manage.py drain_outbox`)
    publishes it once the broker answers. A row may be published twice (a crash between the
    publish and marking it sent), so only idempotent tasks go through the outbox."""

    task = models.CharField(_("taak"), max_length=200)
    kwargs = models.JSONField(_("argumenten"), encoder=DjangoJSONEncoder, default=dict, blank=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("doorgegeven op"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitgaande taak")
        verbose_name_plural = _("uitgaande taken")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["created"], condition=models.Q(sent_at__isnull=True), name="outbox_pending"),
        ]

    def __str__(self):
        return f"{self.task} #{self.pk}"
