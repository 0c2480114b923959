from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

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


def _attrs(attrs) -> str:
    """Django's `widgets/attrs.html`, in Python."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class OptionsInPython:
    """A select (single or multiple) whose options are written in Python: the same markup as
    Django's `select.html` and `select_option.html` (byte for byte, tests/core), without
    rendering a template per option.
    For selects with hundreds of options (the activities of a wijk), where the templates cost
    a third of a millisecond per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class Select(OptionsInPython, forms.Select):
    pass


class SelectMultiple(OptionsInPython, forms.SelectMultiple):
    pass


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
