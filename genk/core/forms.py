from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form gets an error summary linking to its fields, and labelled field groups."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
