from django import forms
from django.utils.translation import gettext_lazy as _

from genk.core.forms import DATETIME_LOCAL_FORMAT, DateTimeLocalInput
from participation.ownership import limit_departments

from .models import Choice, Question, Survey


class AnswerForm(forms.Form):
    """The questionnaire. A question shown only for some answers is on the page for everyone
    (with a note, so it works without JavaScript); its answer counts, and is required, only
    when the condition holds."""

    def __init__(self, *args, survey: Survey, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = questions
        by_choice_question = {}
        for number, question in enumerate(questions, start=1):
            question.number = number
            by_choice_question[question.pk] = question
            conditional = question.show_if_choice_id is not None
            required = question.required and not conditional
            label = f"{number}. {question.text}"
            help_text = question.help_text
            if conditional:
                parent = next((q for q in questions if q.pk == question.show_if_choice.question_id), None)
                note = _("Alleen als je bij vraag %(n)s '%(choice)s' antwoordde.") % {
                    "n": parent.number if parent else "?",
                    "choice": question.show_if_choice.text,
                }
                help_text = f"{note} {help_text}".strip()
            if question.kind == Question.Kind.SINGLE:
                field = forms.TypedChoiceField(
                    choices=[(c.pk, c.text) for c in question.choices.all()], widget=forms.RadioSelect, coerce=int
                )
            elif question.kind == Question.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    choices=[(c.pk, c.text) for c in question.choices.all()],
                    widget=forms.CheckboxSelectMultiple,
                    coerce=int,
                )
            elif question.kind == Question.Kind.SCALE:
                choices = []
                for value in question.scale_values():
                    text = str(value)
                    if value == question.scale_min and question.scale_min_label:
                        text = f"{value} – {question.scale_min_label}"
                    elif value == question.scale_max and question.scale_max_label:
                        text = f"{value} – {question.scale_max_label}"
                    choices.append((value, text))
                field = forms.TypedChoiceField(choices=choices, widget=forms.RadioSelect, coerce=int)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
            field.required = required
            field.label = label
            field.help_text = help_text
            if conditional:
                field.widget.attrs.update(
                    {
                        "data-show-if-question": f"vraag_{question.show_if_choice.question_id}",
                        "data-show-if-choice": str(question.show_if_choice_id),
                    }
                )
            self.fields[question.field_name] = field

    def shown(self, question: Question, data: dict) -> bool:
        if question.show_if_choice_id is None:
            return True
        parent_value = data.get(f"vraag_{question.show_if_choice.question_id}")
        if isinstance(parent_value, list):
            return question.show_if_choice_id in parent_value
        return parent_value == question.show_if_choice_id

    def clean(self):
        data = super().clean()
        for question in self.questions:
            if question.show_if_choice_id is None:
                continue
            name = question.field_name
            if not self.shown(question, data):
                data[name] = None  # not asked: the answer is dropped
            elif question.required and data.get(name) in (None, "", []):
                self.add_error(name, _("Deze vraag is verplicht bij jouw eerdere antwoord."))
        return data


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "slug",
            "intro",
            "opens_at",
            "closes_at",
            "audience_district",
            "min_age",
            "max_age",
            "results_public",
            "department",
            "helper_departments",
            "is_example",
        ]
        widgets = {
            "opens_at": DateTimeLocalInput(),
            "closes_at": DateTimeLocalInput(),
            "intro": forms.Textarea(attrs={"rows": 5}),
            "helper_departments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            limit_departments(self, user)
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = [DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M"]
        self.fields["audience_district"].empty_label = _("(alle stadsdelen)")

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("De bevraging sluit na ze opent."))
        if data.get("min_age") and data.get("max_age") and data["max_age"] < data["min_age"]:
            self.add_error("max_age", _("De maximumleeftijd is lager dan de minimumleeftijd."))
        return data


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Antwoordmogelijkheden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eén per regel. Alleen bij 'één keuze' en 'meerdere keuzes'."),
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "help_text",
            "kind",
            "required",
            "choices_text",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "show_if_choice",
        ]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = Question.objects.filter(survey=survey, kind__in=(Question.Kind.SINGLE, Question.Kind.MULTIPLE))
        if self.instance.pk:
            earlier = earlier.filter(order__lt=self.instance.order)
            self.fields["choices_text"].initial = "\n".join(c.text for c in self.instance.choices.all())
        self.fields["show_if_choice"].queryset = Choice.objects.filter(question__in=earlier).select_related("question")
        self.fields["show_if_choice"].label_from_instance = lambda c: f"{c.question.text} → {c.text}"
        self.fields["show_if_choice"].empty_label = _("(altijd tonen)")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        lines = [line.strip() for line in (data.get("choices_text") or "").splitlines() if line.strip()]
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(lines) < 2:
            self.add_error("choices_text", _("Geef minstens twee antwoordmogelijkheden, één per regel."))
        if len(set(lines)) != len(lines):
            self.add_error("choices_text", _("Elke antwoordmogelijkheid komt maar één keer voor."))
        data["choices"] = lines
        if kind == Question.Kind.SCALE:
            low, high = data.get("scale_min"), data.get("scale_max")
            if low is not None and high is not None and not (low < high <= low + 10):
                self.add_error("scale_max", _("Een schaal heeft 2 tot 11 stappen, van laag naar hoog."))
        return data
