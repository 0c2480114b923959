from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class FormRenderer(TemplatesSetting):
    """Every form gets an error summary linking to its fields, and labelled field groups."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker (minutes, no seconds)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_LOCAL_FORMAT)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def add_errors(form, error: ValidationError) -> None:
    """Put a `ValidationError` raised outside the form (by a service) on the form: errors of a
    field the form has on that field, the others on the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)
