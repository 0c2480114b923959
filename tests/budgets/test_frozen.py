"""Issue 16, item 7: a second heading for a district is a form error (not a 500), and what voters
rely on (the headings, the links) is frozen once voting opens."""

from decimal import Decimal

import pytest
from django.urls import reverse

from participation.budgets.models import Cycle, Heading

from .factories import set_phase


def url(name, **kwargs):
    return reverse(f"budgets_staff:{name}", kwargs=kwargs)


def heading_data(district, **extra):
    data = {"district": district.pk, "name": "Nog eens", "slug": "nog-eens", "amount": "1000", "order": 3}
    data.update(extra)
    return data


def test_a_second_heading_for_a_district_is_a_form_error(client, civil_servant, district_cycle, district):
    cycle = set_phase(district_cycle, "review")
    client.force_login(civil_servant)
    response = client.post(url("headings", slug=cycle.slug), heading_data(district))
    assert response.status_code == 200
    assert "Dit stadsdeel heeft al een deelbudget in deze ronde." in response.content.decode()
    assert Heading.objects.filter(cycle=cycle, district=district).count() == 1


def test_a_second_heading_with_the_same_code_is_a_form_error(client, civil_servant, district_cycle, district):
    cycle = set_phase(district_cycle, "review")
    client.force_login(civil_servant)
    existing = cycle.headings.get(district=district)
    other = Heading.objects.filter(cycle=cycle).exclude(pk=existing.pk).get()
    response = client.post(
        url("heading_edit", slug=cycle.slug, pk=other.pk),
        {"district": other.district_id, "name": other.name, "slug": existing.slug, "amount": "50000", "order": 2},
    )
    assert response.status_code == 200
    assert "heeft deze code al" in response.content.decode()


def test_no_heading_is_added_once_voting_opened(client, civil_servant, district_cycle, neighbourhood):
    from tests.factories import DistrictFactory

    new_district = DistrictFactory(name="Nieuw", slug="nieuw")
    client.force_login(civil_servant)
    page = client.get(url("headings", slug=district_cycle.slug)).content.decode()
    assert "De stemming is begonnen: je kunt geen deelbudget meer toevoegen." in page
    assert "Deelbudget toevoegen" not in page
    for data in (heading_data(new_district), {"districts-amount": "50000"}):
        response = client.post(url("headings", slug=district_cycle.slug), data)
        assert response.status_code == 200
        assert "De stemming is begonnen: je kunt geen deelbudget meer toevoegen." in response.content.decode()
        assert district_cycle.headings.count() == 2


def test_a_headings_code_stays_during_voting(client, civil_servant, city_cycle):
    heading = city_cycle.headings.get()
    client.force_login(civil_servant)
    response = client.post(
        url("heading_edit", slug=city_cycle.slug, pk=heading.pk),
        {"name": heading.name, "slug": "nieuwe-code", "amount": "100000", "order": 1},
    )
    assert response.status_code == 200
    assert "Vast sinds de stemming opende" in response.content.decode()
    heading.refresh_from_db()
    assert heading.slug == "heel-genk"


@pytest.mark.parametrize(("phase", "renamed"), [("review", True), ("voting", False), ("results", False)])
def test_the_cycle_link_is_frozen_once_voting_opened(client, civil_servant, city_cycle, phase, renamed):
    cycle = set_phase(city_cycle, phase)
    client.force_login(civil_servant)
    form = client.get(url("cycle_edit", slug=cycle.slug)).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["themes"] = [t.pk for t in cycle.themes.all()]
    data["department"] = cycle.department_id
    data["helper_departments"] = []
    data["slug"] = "andere-link"
    data = {k: v for k, v in data.items() if k in form.fields and not isinstance(v, bool) or v is True}
    response = client.post(url("cycle_edit", slug=cycle.slug), data)
    assert Cycle.objects.filter(slug="andere-link").exists() is renamed
    if not renamed:
        assert response.status_code == 200
        assert "De code in de link ligt vast sinds de stemming opende" in response.content.decode()
    assert Decimal(cycle.headings.get().amount) == Decimal("100000")
