import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from worldcitizenship.forms import SDGMultipleChoiceField
from worldcitizenship.models import Goal

pytestmark = pytest.mark.django_db


class TagForm(forms.Form):
    sdgs = SDGMultipleChoiceField()


def test_field_offers_the_17_goals_as_checkboxes(sdgs):
    form = TagForm()
    field = form.fields["sdgs"]
    assert isinstance(field.widget, forms.CheckboxSelectMultiple)
    assert str(field.label) == "Duurzame ontwikkelingsdoelen (SDG's)"
    assert not field.required
    labels = [label for _, label in field.choices]
    assert len(labels) == 17
    assert labels[0] == "SDG 1 – Geen armoede"
    assert labels[7] == "SDG 8 – Waardig werk en economische groei"

    html = str(form["sdgs"])
    assert html.count('type="checkbox"') == 17
    assert "SDG 17 – Partnerschap om doelstellingen te bereiken" in html


def test_field_renders_in_a_fieldset_with_a_legend(sdgs):
    html = TagForm().as_div()
    assert "<fieldset" in html
    assert "<legend>Duurzame ontwikkelingsdoelen (SDG&#x27;s):</legend>" in html


def test_labels_follow_the_active_language(sdgs):
    with translation.override("en"):
        labels = [label for _, label in TagForm().fields["sdgs"].choices]
        assert labels[7] == "SDG 8 – Decent work and economic growth"
    with translation.override("fr"):
        labels = [label for _, label in TagForm().fields["sdgs"].choices]
        assert labels[7] == "SDG 8 – Travail décent et croissance économique"


def test_field_cleans_to_goals(sdgs):
    ids = list(Goal.objects.filter(number__in=[3, 11]).values_list("pk", flat=True))
    form = TagForm(data={"sdgs": [str(i) for i in ids]})
    assert form.is_valid()
    assert sorted(goal.number for goal in form.cleaned_data["sdgs"]) == [3, 11]

    assert TagForm(data={}).is_valid()
    invalid = TagForm(data={"sdgs": ["999999"]})
    assert not invalid.is_valid()
    assert "sdgs" in invalid.errors


def test_field_can_be_required_and_relabelled(sdgs):
    class Required(forms.Form):
        sdgs = SDGMultipleChoiceField(required=True, label="Doelen")

    form = Required(data={})
    assert not form.is_valid()
    assert form.fields["sdgs"].label == "Doelen"


def render(template: str, **context) -> str:
    # Whitespace collapsed: the template linter may wrap long tags over several lines.
    return " ".join(Template("{% load sdg_tags %}" + template).render(Context(context)).split())


def test_sdg_badges_link_to_the_goal_pages(sdgs):
    goals = Goal.objects.filter(number__in=[8, 13])
    html = render("{% sdg_badges goals %}", goals=goals)
    assert '<ul class="sdg-badges" aria-label="Duurzame ontwikkelingsdoelen (SDG\'s)">' in html
    assert '<li class="sdg-8">' in html
    assert '<a class="sdg-badge" href="/wereldburgerschap/sdg/8/" title="Waardig werk en economische groei">' in html
    assert 'SDG 8<span class="visually-hidden"> – Waardig werk en economische groei</span></a>' in html
    assert 'href="/wereldburgerschap/sdg/13/"' in html
    assert html.count("<li") == 2


def test_sdg_badges_in_english(sdgs):
    with translation.override("en"):
        html = render("{% sdg_badges goals %}", goals=Goal.objects.filter(number=13))
    assert '<span class="visually-hidden"> – Climate action</span>' in html


def test_sdg_badges_render_nothing_without_goals(sdgs):
    assert render("{% sdg_badges goals %}", goals=Goal.objects.none()).strip() == ""
    assert render("{% sdg_badges goals %}", goals=[]).strip() == ""


def test_sdg_badges_run_no_queries_for_prefetched_goals(sdgs, django_assert_num_queries):
    goals = list(Goal.objects.all())
    with django_assert_num_queries(0):
        html = render("{% sdg_badges goals %}", goals=goals)
    assert html.count('class="sdg-badge"') == 17


def test_sdg_stylesheet_tag():
    assert render("{% sdg_stylesheet %}") == '<link rel="stylesheet" href="/static/worldcitizenship/sdg.css">'
