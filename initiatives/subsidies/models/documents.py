"""The documents of a file (private) and its conversation: messages and internal notes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.files import random_name

from ..storage import private_storage
from .files import SubsidyFile
from .schemes import RequiredDocument


def document_upload_to(instance, filename):
    return random_name(filename, timezone.now().year)


class Document(models.Model):
    """A private file of a subsidy file: served only by permission-checked views.

    The uploaded file is `attachment` (the foreign key to the subsidy file is `file`)."""

    class Stage(models.TextChoices):
        APPLICATION = "application", _("bij de aanvraag")
        REPORT = "report", _("bij het eindverslag")
        DECISION = "decision", _("beslissing")
        OTHER = "other", _("ander document")

    file = models.ForeignKey(SubsidyFile, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        RequiredDocument,
        verbose_name=_("vereist document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    stage = models.CharField(_("moment"), max_length=20, choices=Stage.choices, default=Stage.APPLICATION)
    title = models.CharField(_("titel"), max_length=200)
    attachment = models.FileField(_("bestand"), upload_to=document_upload_to, storage=private_storage, max_length=300)
    original_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255, blank=True)
    content_type = models.CharField(_("bestandstype"), max_length=150, blank=True)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeladen door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("opgeladen op"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["stage", "created", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("subsidies:document", kwargs={"pk": self.pk})


class Message(models.Model):
    """The file's conversation: requests for information, answers, internal notes (staff only)
    and system messages."""

    class Kind(models.TextChoices):
        INFO_REQUEST = "info_request", _("vraag om informatie")
        ANSWER = "answer", _("antwoord")
        NOTE = "note", _("interne notitie")
        SYSTEM = "system", _("systeembericht")

    file = models.ForeignKey(SubsidyFile, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    body = models.TextField(_("bericht"))
    created = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    # Messages the applicant sees (an internal note never).
    APPLICANT_KINDS = (Kind.INFO_REQUEST, Kind.ANSWER, Kind.SYSTEM)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["file", "created"], name="subsidy_message_by_file")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.body[:40]}"

    @property
    def is_internal(self) -> bool:
        return self.kind == self.Kind.NOTE
