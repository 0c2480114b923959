"""The SDG and "accessible place" filters on the public list of opportunities."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from neighbourhoods.models import Place
from tests.factories import NeighbourhoodFactory

from .factories import OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db
LIST = reverse("volunteers:list")


def place(name, step_free):
    return Place.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        address="Straat 1",
        neighbourhood=NeighbourhoodFactory(),
        step_free=step_free,
    )


def titles(client, query):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return {o.title for o in response.context["opportunities"]}


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_sdg_filter_shows_the_opportunities_with_that_goal(client):
    OpportunityFactory(title="Klimaatwandeling", sdgs=[13, 15])
    OpportunityFactory(title="Voedselbank", sdgs=[2])
    OpportunityFactory(title="Zonder doelen", sdgs=[])
    OpportunityFactory(title="Ontwerp klimaat", sdgs=[13], status="draft")
    assert titles(client, "?sdg=13") == {"Klimaatwandeling"}
    assert titles(client, "?sdg=2") == {"Voedselbank"}
    assert titles(client, "?sdg=1") == set()  # 1 is not 13 or 15: no substring match
    assert titles(client, "") == {"Klimaatwandeling", "Voedselbank", "Zonder doelen"}


def test_sdg_out_of_range_is_a_form_error_not_a_500(client):
    response = client.get(LIST + "?sdg=18")
    assert response.status_code == 200
    assert response.context["filter"].errors["sdg"]
    response = client.get(LIST + "?sdg=abc")
    assert response.status_code == 200


def test_accessible_filter_keeps_step_free_places_only(client):
    OpportunityFactory(title="In het drempelvrije buurthuis", place=place("Buurthuis Drempelvrij", True))
    OpportunityFactory(title="Op de eerste verdieping", place=place("Zaal Boven", False))
    OpportunityFactory(title="Ergens in de wijk", neighbourhood=NeighbourhoodFactory())
    OpportunityFactory(title="Heel Genk")
    assert titles(client, "?toegankelijk=on") == {"In het drempelvrije buurthuis"}
    assert titles(client, "?toegankelijk=") == {
        "In het drempelvrije buurthuis",
        "Op de eerste verdieping",
        "Ergens in de wijk",
        "Heel Genk",
    }


def test_both_filters_together_and_with_others(client):
    step_free = place("Dienstencentrum Toegankelijk", True)
    OpportunityFactory(title="Toegankelijk en klimaat", place=step_free, sdgs=[13], themes=["nature"])
    OpportunityFactory(title="Toegankelijk zonder klimaat", place=step_free, sdgs=[3], themes=["care"])
    OpportunityFactory(title="Klimaat, niet toegankelijk", place=place("Kelder", False), sdgs=[13], themes=["nature"])
    assert titles(client, "?sdg=13&toegankelijk=on") == {"Toegankelijk en klimaat"}
    assert titles(client, "?sdg=13&toegankelijk=on&thema=care") == set()


def test_the_form_shows_the_new_fields(client):
    page = client.get(LIST).text
    assert 'name="sdg"' in page
    assert 'name="toegankelijk"' in page
    assert "Toegankelijke plek (drempelvrij)" in page


def test_query_count_is_constant_with_the_new_filters(client):
    url = LIST + "?sdg=13&toegankelijk=on&q=vrijwilliger"
    step_free = place("Buurthuis Altijd Open", True)
    for _ in range(3):
        ShiftFactory(opportunity=OpportunityFactory(place=step_free, sdgs=[13]))
    few = queries(client, url)
    for _ in range(30):
        ShiftFactory(opportunity=OpportunityFactory(place=step_free, sdgs=[13, 4]))
    assert queries(client, url) == few
    assert queries(client, url + "&pagina=2") == few


def test_the_filter_selects_render_as_djangos_select(organisation, notice):
    """The filters' selects (genk.core.forms.Select) write their options in Python: the same HTML as Django's template-rendered
    Select (the chosen option selected, the label's `for`, escaping)."""
    from django import forms
    from django.http import QueryDict

    from genk.core.forms import Select
    from tests.factories import OrganisationFactory
    from volunteers.filters import OpportunityFilter

    OpportunityFactory(organisation=OrganisationFactory(name="Vzw <Samen> & Co"))
    OpportunityFactory(organisation=organisation)
    form = OpportunityFilter(QueryDict(f"wijk=heel-genk&thema=care&sdg=3&organisatie={organisation.pk}")).form
    selects = [name for name, field in form.fields.items() if isinstance(field.widget, Select)]
    assert set(selects) >= {"wijk", "thema", "soort", "organisatie", "taal", "sdg"}
    for name in selects:
        field = form.fields[name]
        plain = form[name].as_widget()
        django_select = form[name].as_widget(
            widget=forms.Select(attrs=field.widget.attrs, choices=field.widget.choices)
        )
        assert plain.replace("\n", "").replace("  ", "") == django_select.replace("\n", "").replace("  ", "")
    assert f'<option value="{organisation.pk}" selected>Buurtwerk Sledderlo</option>' in form["organisatie"].as_widget()
    assert "Vzw &lt;Samen&gt; &amp; Co" in form["organisatie"].as_widget()
