"""Form helpers for apps that tag things with SDGs.

    class InitiativeForm(forms.ModelForm):
        sdgs = SDGMultipleChoiceField()

Labels are rendered in the active language ("SDG 8 – Waardig werk en economische groei").
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Goal


class SDGCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes, one per goal; a group in a fieldset with the field's label as legend."""

    use_fieldset = True


class SDGMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = SDGCheckboxSelectMultiple

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("label", _("Duurzame ontwikkelingsdoelen (SDG's)"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Kies de doelen waaraan dit bijdraagt. Je mag er meerdere aanvinken of geen enkel.")
        )
        super().__init__(queryset=Goal.objects.all() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj: Goal) -> str:
        return f"SDG {obj.number} – {obj.short_title}"
