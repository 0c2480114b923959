"""Surveys (bevragingen): a questionnaire answered once per resident, results as charts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel
from participation.ownership import DepartmentOwned


class SurveyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open(self, now=None):
        now = now or timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)


class Survey(DepartmentOwned, TimeStampedModel):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("code in de link"), max_length=200, unique=True)
    intro = models.TextField(
        _("inleiding"), help_text=_("Waarover gaat de bevraging, wat doet de stad met de antwoorden?")
    )
    opens_at = models.DateTimeField(_("opent op"))
    closes_at = models.DateTimeField(_("sluit op"))
    audience_district = models.ForeignKey(
        "neighbourhoods.District",
        verbose_name=_("alleen voor inwoners van stadsdeel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    min_age = models.PositiveSmallIntegerField(_("minimumleeftijd"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximumleeftijd"), null=True, blank=True)
    results_public = models.BooleanField(
        _("resultaten publiek na het sluiten"),
        default=True,
        help_text=_("Grafieken van de gesloten vragen. Antwoorden op open vragen zijn nooit publiek."),
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    is_example = models.BooleanField(_("voorbeeld"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("bevraging")
        verbose_name_plural = _("bevragingen")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="surveys_survey_dates"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(max_age__gte=F("min_age")),
                name="surveys_survey_age_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:detail", kwargs={"slug": self.slug})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    @property
    def audience_label(self) -> str:
        parts = []
        if self.audience_district_id:
            parts.append(str(_("inwoners van %(district)s") % {"district": self.audience_district.name}))
        if self.min_age and self.max_age:
            parts.append(str(_("van %(min)s tot %(max)s jaar") % {"min": self.min_age, "max": self.max_age}))
        elif self.min_age:
            parts.append(str(_("vanaf %(min)s jaar") % {"min": self.min_age}))
        elif self.max_age:
            parts.append(str(_("tot %(max)s jaar") % {"max": self.max_age}))
        return ", ".join(parts) or str(_("iedereen met een account"))


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("één keuze")
        MULTIPLE = "multiple", _("meerdere keuzes")
        SCALE = "scale", _("schaal")
        TEXT = "text", _("open vraag")

    survey = models.ForeignKey(Survey, verbose_name=_("bevraging"), on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.CharField(_("uitleg"), max_length=300, blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    required = models.BooleanField(_("verplicht"), default=True)
    scale_min = models.SmallIntegerField(_("schaal van"), default=1)
    scale_max = models.SmallIntegerField(_("schaal tot"), default=5)
    scale_min_label = models.CharField(_("betekenis van het laagste cijfer"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("betekenis van het hoogste cijfer"), max_length=60, blank=True)
    show_if_choice = models.ForeignKey(
        "Choice",
        verbose_name=_("alleen tonen als gekozen werd voor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependent_questions",
        help_text=_("Een antwoord op een eerdere vraag."),
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["survey", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_max__gt=F("scale_min")), name="surveys_question_scale_range"),
            models.CheckConstraint(condition=Q(scale_max__lte=F("scale_min") + 10), name="surveys_question_scale_size"),
        ]

    def __str__(self):
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    @property
    def field_name(self) -> str:
        return f"vraag_{self.pk}"

    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class Choice(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text = models.CharField(_("antwoord"), max_length=200)

    class Meta:
        verbose_name = _("antwoordmogelijkheid")
        verbose_name_plural = _("antwoordmogelijkheden")
        ordering = ["question", "order", "pk"]

    def __str__(self):
        return self.text


class Response(TimeStampedModel):
    """One person's answers. One per person per survey, guaranteed by the database."""

    survey = models.ForeignKey(Survey, verbose_name=_("bevraging"), on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="survey_responses"
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk van de deelnemer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("antwoordformulier")
        verbose_name_plural = _("antwoordformulieren")
        constraints = [models.UniqueConstraint(fields=["survey", "respondent"], name="surveys_response_once")]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("antwoordformulier"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, verbose_name=_("keuze"), null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    number = models.SmallIntegerField(_("cijfer"), null=True, blank=True)
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], condition=Q(choice__isnull=True), name="surveys_answer_once"
            ),
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="surveys_answer_choice_once",
            ),
        ]
        indexes = [models.Index(fields=["question", "choice"]), models.Index(fields=["question", "number"])]

    def __str__(self):
        return f"{self.question_id}: {self.choice_id or self.number or self.text[:40]}"
