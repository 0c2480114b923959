"""genk.core.forms.Select / SelectMultiple: the options written in Python give exactly the
markup of Django's templates (escaping, groups, selected, boolean attributes)."""

import pytest
from django import forms

from genk.core.forms import Select, SelectMultiple

CHOICES = [
    ("", "---------"),
    (1, "Vijver & wandeling"),
    ('x"y', "<b>vet</b>"),
    ("Groep <1>", [(3, "drie"), (4, "vier")]),
]
ATTRS = {"id": "id_keuze", "required": True, "disabled": False, "aria-describedby": 'hulp "1"'}


@pytest.mark.parametrize(
    ("templated", "fast", "value"),
    [
        (forms.Select, Select, 1),
        (forms.Select, Select, None),
        (forms.SelectMultiple, SelectMultiple, [1, 4]),
        (forms.SelectMultiple, SelectMultiple, []),
    ],
)
def test_the_options_are_written_as_django_writes_them(templated, fast, value):
    expected = templated(attrs=ATTRS, choices=CHOICES).render("keuze", value)
    written = fast(attrs=ATTRS, choices=CHOICES).render("keuze", value)
    assert written == expected
    assert "&lt;b&gt;vet&lt;/b&gt;" in written and 'value="x&quot;y"' in written


def test_a_model_form_field_with_the_widget_renders_the_same(db):
    from neighbourhoods.models import Neighbourhood
    from neighbourhoods.services import load_neighbourhoods

    load_neighbourhoods()
    queryset = Neighbourhood.objects.order_by("name")

    class Plain(forms.Form):
        wijken = forms.ModelMultipleChoiceField(queryset=queryset)

    class Fast(forms.Form):
        wijken = forms.ModelMultipleChoiceField(queryset=queryset, widget=SelectMultiple)

    first = queryset.first()
    assert str(Fast(initial={"wijken": [first.pk]})["wijken"]) == str(Plain(initial={"wijken": [first.pk]})["wijken"])
