"""The public world-citizenship pages kept whole for visitors (genk.core.pagecache): a visitor's
second GET runs no query; a write to anything a page shows — an item of any app on the SDG
pages, through the tables the registry's providers declare — shows on the next GET; signed-in
people get their own page; an unknown parameter is not cached. And the yearly SDG report asks
each provider once for all 17 goals, with the same report as asking per goal (real
PostgreSQL and Redis)."""

import dataclasses
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from genk.accounts.models import Department, Organisation
from initiatives.models import Initiative
from initiatives.subsidies.models import SubsidyFile
from tests.agenda.factories import ActivityFactory, RegistrationFactory
from tests.budgets.factories import ProposalFactory
from tests.factories import OrganisationFactory, OrganisationMembershipFactory
from tests.fairtrade.factories import PointFactory
from tests.initiatives.factories import in_state
from tests.public_pages import fresh, kept
from tests.subsidies.factories import make_file
from tests.volunteers.factories import OpportunityFactory
from worldcitizenship import solidarity, tagging, workflow
from worldcitizenship.models import (
    Contact,
    Exchange,
    Funding,
    Goal,
    IndicatorValue,
    LocalIndicator,
    Partner,
    Project,
    SolidarityProfile,
    Target,
    Update,
)

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
GOAL = 12  # fair-trade points count for goal 12: every app can show an item there


def _without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# An item of each app, tagged with the goal.


def _initiative(goal, title):
    in_state(Initiative.Status.COLLECTING, title=title).sdgs.add(goal)


def _subsidy(goal, title):
    granted = make_file(
        SubsidyFile.Status.GRANTED,
        title=title,
        applicant_kind="organisation",
        organisation=OrganisationFactory(kind=Organisation.Kind.NORTH_SOUTH),
    )
    granted.scheme.sdgs.add(goal)


def _activity(goal, title):
    ActivityFactory(title=title, sdgs=[goal.number])


def _opportunity(goal, title):
    tagging.set_tags(OpportunityFactory(title=title), [goal.number])


def _proposal(goal, title):
    tagging.set_tags(ProposalFactory(title=title), [goal.number])


def _project(goal, title, partnership=None):
    from worldcitizenship.models import Partnership

    partnership = partnership or Partnership.objects.first()
    project = Project.objects.create(
        partnership=partnership,
        title=title,
        summary="s",
        aims="a",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + timedelta(days=90),
        status=Project.Status.RUNNING,
        published_at=timezone.now(),
    )
    project.sdgs.add(goal)
    return project


def _point(goal, title):
    PointFactory(name=title)


MAKERS = {
    "initiatieven": _initiative,
    "subsidies": _subsidy,
    "activiteiten": _activity,
    "vrijwilligerswerk": _opportunity,
    "burgerbudget": _proposal,
    "francistown": _project,
    "fairtrade": _point,
}


@pytest.fixture
def goal(sdgs, partnership):
    goal = Goal.objects.get(number=GOAL)
    for key, make in MAKERS.items():
        make(goal, f"Eerste {key}")
    return goal


# The registry says which tables the SDG pages show.


def test_every_provider_declares_the_tables_it_reads():
    found = tagging.tables()
    assert found is not None
    assert {p.key for p in tagging.providers()} >= set(MAKERS)
    assert {Initiative, Initiative.sdgs.through, SubsidyFile, Project, Project.sdgs.through} <= found
    assert {m._meta.label for m in found} >= {
        "agenda.Activity",
        "budgets.Proposal",
        "volunteers.Opportunity",
        "worldcitizenship.SDGTag",
        "fairtrade.Point",
    }
    assert solidarity.tables() is not None and SubsidyFile in solidarity.tables()


@pytest.mark.parametrize("key", sorted(MAKERS))
def test_a_new_item_of_each_app_shows_on_the_next_goal_page_and_report(key, goal, django_assert_num_queries):
    pages = [f"/wereldburgerschap/sdg/{GOAL}/", f"/wereldburgerschap/sdg/rapport/{YEAR}/"]
    for url in pages:
        assert f"Eerste {key}" in kept(url, django_assert_num_queries)
    MAKERS[key](goal, f"Nieuw {key}")
    for url in pages:
        assert f"Nieuw {key}" in fresh(url), url
    kind = f"/wereldburgerschap/sdg/{GOAL}/{key}/"
    assert f"Nieuw {key}" in kept(kind, django_assert_num_queries)
    MAKERS[key](goal, f"Nog een {key}")
    assert f"Nog een {key}" in fresh(kind)


@pytest.mark.parametrize("key", sorted(MAKERS))
def test_the_overview_counts_a_new_item_of_each_app_on_the_next_get(key, goal, django_assert_num_queries):
    url = "/wereldburgerschap/sdg/"

    def row(html):
        return html.split(f"SDG {GOAL} – ")[1].split("</tr>")[0]

    before = row(kept(url, django_assert_num_queries))
    assert f"<td>{len(MAKERS)}</td>" in before
    MAKERS[key](goal, f"Nieuw {key}")
    assert f"<td>{len(MAKERS) + 1}</td>" in row(fresh(url))


def _untagged_initiative(title):
    initiative = in_state(Initiative.Status.COLLECTING, title=title)
    return lambda goal: initiative.sdgs.add(goal)  # the many-to-many's table only


def _untagged_subsidy(title):
    granted = make_file(SubsidyFile.Status.GRANTED, title=title)
    return lambda goal: granted.scheme.sdgs.add(goal)


def _untagged_opportunity(title):
    opportunity = OpportunityFactory(title=title)
    return lambda goal: tagging.set_tags(opportunity, [goal.number])  # SDGTag only


def _untagged_proposal(title):
    proposal = ProposalFactory(title=title)
    return lambda goal: tagging.set_tags(proposal, [goal.number])


def _untagged_project(title):
    project = _project(Goal.objects.get(number=1), title)
    return lambda goal: project.sdgs.add(goal)


@pytest.mark.parametrize(
    "untagged", [_untagged_initiative, _untagged_subsidy, _untagged_opportunity, _untagged_proposal, _untagged_project]
)
def test_tagging_an_existing_item_shows_on_the_next_get(untagged, goal, django_assert_num_queries):
    """Only the tag is written (a many-to-many's table, or SDGTag): the providers declare it."""
    tag = untagged("Al bestaand, nu getagd")
    url = f"/wereldburgerschap/sdg/{GOAL}/"
    assert "Al bestaand, nu getagd" not in kept(url, django_assert_num_queries)
    tag(goal)
    assert "Al bestaand, nu getagd" in fresh(url)


def test_what_an_item_shows_from_another_table_shows_on_the_next_get(goal, django_assert_num_queries):
    """The opportunity's organisation and a subsidy's recipient are read from their own table."""
    url = f"/wereldburgerschap/sdg/{GOAL}/"
    kept(url, django_assert_num_queries)
    organisation = Organisation.objects.get(volunteer_opportunities__title="Eerste vrijwilligerswerk")
    Organisation.objects.filter(pk=organisation.pk).update(name="Natuurpunt Genk (nieuwe naam)")
    assert "Natuurpunt Genk (nieuwe naam)" in fresh(url)
    kept(url, django_assert_num_queries)
    Initiative.objects.filter(title="Eerste initiatieven").update(status=Initiative.Status.DRAFT)
    assert "Eerste initiatieven" not in fresh(url)  # no longer public: gone at once


def test_the_goal_pages_show_a_changed_target_goal_and_indicator(goal, django_assert_num_queries):
    url = f"/wereldburgerschap/sdg/{GOAL}/"
    report = f"/wereldburgerschap/sdg/rapport/{YEAR}/"
    kept(url, django_assert_num_queries)
    kept(report, django_assert_num_queries)
    indicator = LocalIndicator.objects.create(goal=goal, name="Fairtradeaankopen stad", unit="euro", source="Stad")
    assert "Fairtradeaankopen stad" in fresh(url)
    kept(url, django_assert_num_queries)
    IndicatorValue.objects.create(indicator=indicator, year=YEAR, value=Decimal("4321"))
    assert "4.321" in fresh(url) and "4.321" in fresh(report)
    kept(url, django_assert_num_queries)
    Target.objects.filter(goal=goal, position=1).update(title_nl="Een Nederlandse tekst voor 12.1")
    assert "Een Nederlandse tekst voor 12.1" in fresh(url)
    overview = "/wereldburgerschap/sdg/"
    kept(overview, django_assert_num_queries)
    Goal.objects.filter(pk=goal.pk).update(short_title_nl="Verantwoorde consumptie (nieuw)")
    assert "Verantwoorde consumptie (nieuw)" in fresh(overview)


def test_a_new_apps_provider_is_covered_without_editing_the_views(goal, django_assert_num_queries):
    """A provider that declares its tables: the SDG pages are kept, and a write to its table
    shows on the next GET."""

    def counts(year=None):
        return {GOAL: Department.objects.filter(slug__startswith="sdg-").count()}

    def items(g, offset=0, limit=10, year=None):
        rows = Department.objects.filter(slug__startswith="sdg-").order_by("-pk")[offset : offset + limit]
        return [tagging.TaggedItem(kind="Dienst", title=d.name, url="/") for d in rows]

    Department.objects.create(slug="sdg-een", name="Dienst Een")
    tagging.register_provider("diensten", label="Diensten", counts=counts, items=items, tables=[Department])
    try:
        url = f"/wereldburgerschap/sdg/{GOAL}/"
        assert "Dienst Een" in kept(url, django_assert_num_queries)
        Department.objects.create(slug="sdg-twee", name="Dienst Twee")
        assert "Dienst Twee" in fresh(url)
        assert "Dienst Twee" in kept(f"/wereldburgerschap/sdg/rapport/{YEAR}/", django_assert_num_queries)
    finally:
        tagging.unregister_provider("diensten")


def test_a_provider_that_does_not_declare_its_tables_keeps_the_sdg_pages_uncached(goal):
    tagging.register_provider("geheim", label="Geheim", counts=lambda year=None: {}, items=lambda *a, **k: [])
    try:
        for url in ("/wereldburgerschap/sdg/", f"/wereldburgerschap/sdg/{GOAL}/"):
            Client().get(url)
            with CaptureQueriesContext(connection) as second:
                response = Client().get(url)
            assert "X-Page-Cache" not in response and len(second.captured_queries) > 0
    finally:
        tagging.unregister_provider("geheim")


def test_signed_in_people_get_their_own_sdg_pages(client, goal, resident, django_assert_num_queries):
    for url in (
        "/wereldburgerschap/sdg/",
        f"/wereldburgerschap/sdg/{GOAL}/",
        f"/wereldburgerschap/sdg/rapport/{YEAR}/",
    ):
        assert "Mijn profiel" not in kept(url, django_assert_num_queries)
        client.force_login(resident)
        response = client.get(url)
        assert "X-Page-Cache" not in response
        assert "Mijn profiel" in response.content.decode() and "Afmelden" in response.content.decode()
        client.logout()


@pytest.mark.parametrize(
    "url",
    [
        "/wereldburgerschap/sdg/?x=1",
        f"/wereldburgerschap/sdg/{GOAL}/?utm_source=nieuwsbrief",
        f"/wereldburgerschap/sdg/{GOAL}/activiteiten/?pagina=1&x=2",
        f"/wereldburgerschap/sdg/rapport/{YEAR}/?print=1",
    ],
)
def test_an_unknown_parameter_is_not_cached(url, goal):
    Client().get(url)
    with CaptureQueriesContext(connection) as second:
        response = Client().get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response and len(second.captured_queries) > 0


def test_the_kind_page_keeps_each_page_of_the_list(goal, django_assert_num_queries):
    for i in range(30):
        ActivityFactory(title=f"Markt {i:02d}", sdgs=[GOAL], starts_at=timezone.now() + timedelta(days=i + 1))
    first = kept(f"/wereldburgerschap/sdg/{GOAL}/activiteiten/", django_assert_num_queries)
    second = kept(f"/wereldburgerschap/sdg/{GOAL}/activiteiten/?pagina=2", django_assert_num_queries)
    assert "Pagina 1 van 2" in first and "Pagina 2 van 2" in second


# The yearly report: one query per provider for the items of all 17 goals, the same report.


def _report_seed(sdgs, partnership):
    """Items of every app in several goals; more than ten in one goal (the report shows ten)."""
    for number in (1, 4, 12, 13):
        goal = Goal.objects.get(number=number)
        for key, make in MAKERS.items():
            if key != "fairtrade" or number == GOAL:
                make(goal, f"{key} voor SDG {number}")
    start = timezone.now().replace(month=1, day=2)
    for i in range(14):
        ActivityFactory(title=f"Reeks {i:02d}", sdgs=[6, 13], starts_at=start + timedelta(days=i * 3))
    for i in range(12):
        PointFactory(name=f"Punt {i:02d}", approved_at=timezone.now() - timedelta(hours=i))


def _per_goal_only():
    """The registry as it was: every provider asked per goal (no batched form)."""
    saved = dict(tagging._providers)
    for key, p in saved.items():
        tagging._providers[key] = dataclasses.replace(p, first_items=None)
    return saved


def test_the_batched_report_is_the_report_asked_per_goal(client, rendered, sdgs, partnership):
    _report_seed(sdgs, partnership)
    url = f"/wereldburgerschap/sdg/rapport/{YEAR}/"
    with CaptureQueriesContext(connection) as batched_queries:
        batched = client.get(url).content.decode()
    saved = _per_goal_only()
    try:
        with CaptureQueriesContext(connection) as per_goal_queries:
            per_goal = client.get(url).content.decode()
    finally:
        tagging._providers.clear()
        tagging._providers.update(saved)
    assert _without_token(batched) == _without_token(per_goal)
    assert "Reeks 13" in batched and "Reeks 03" not in batched  # the ten latest of goal 13's activities
    assert "Punt 00" in batched and "Punt 10" not in batched
    assert len(batched_queries.captured_queries) < len(per_goal_queries.captured_queries)


def test_every_providers_first_items_are_its_items_per_goal(sdgs, partnership):
    _report_seed(sdgs, partnership)
    goals = list(Goal.objects.all())
    for p in tagging.providers():
        assert p.first_items is not None, p.key
        for year in (YEAR, YEAR - 1, None):
            first = p.first_items(year=year, limit=10)
            for g in goals:
                assert first.get(g.number, []) == p.items(g, offset=0, limit=10, year=year), (p.key, year, g.number)


def test_first_per_goal_keeps_each_goals_order_also_by_text(sdgs, django_assert_num_queries):
    """Ordered by a text column (no Python sort: a row number per goal), with `only`."""
    from neighbourhoods.agenda.models import Activity

    for i, title in enumerate(["Zomerbar", "Appelpluk", "Markt", "Bijenhotel", "Kringloop"]):
        ActivityFactory(title=title, sdgs=[12, 13] if i % 2 else [12])

    def rows(number):
        return (
            tagging.filter_json_goal(Activity.objects.public(), "sdgs", number)
            .select_related("neighbourhood")
            .only("title", "neighbourhood__name")
            .order_by("title", "pk")
        )

    with django_assert_num_queries(1):
        first = tagging.first_per_goal(rows, 3)
    assert [a.title for a in first[12]] == ["Appelpluk", "Bijenhotel", "Kringloop"]
    assert [a.title for a in first[13]] == ["Appelpluk", "Bijenhotel"]
    assert first[1] == []
    for number in (12, 13):
        assert first[number] == list(rows(number)[:3])


def test_the_report_runs_two_queries_per_provider_whatever_it_holds(client, rendered, sdgs, partnership):
    url = f"/wereldburgerschap/sdg/rapport/{YEAR}/"
    indicator = LocalIndicator.objects.create(goal=Goal.objects.get(number=1), name="Armoede", unit="%", source="x")
    IndicatorValue.objects.create(indicator=indicator, year=YEAR, value=Decimal("12.5"))
    client.get(url)  # the content types
    with CaptureQueriesContext(connection) as empty:
        client.get(url)
    _report_seed(sdgs, partnership)
    with CaptureQueriesContext(connection) as full:
        assert client.get(url).status_code == 200
    providers = len(tagging.providers())
    # The goals, the indicators and their values; per provider its counts, and (with something
    # that year) the first items of all 17 goals.
    assert len(empty.captured_queries) == 3 + providers
    assert len(full.captured_queries) == 3 + 2 * providers


# The international-solidarity directory and pages.


@pytest.fixture
def profile(sdgs):
    organisation = OrganisationFactory(name="Vrienden van Cochabamba", kind=Organisation.Kind.NORTH_SOUTH)
    profile = SolidarityProfile.objects.create(
        organisation=organisation, countries=["BO"], description="Koffieboeren.", projects="Een branderij"
    )
    profile.sdgs.set(Goal.objects.filter(number__in=[1, 8]))
    return profile


def _grant(profile, title):
    make_file(SubsidyFile.Status.GRANTED, title=title, applicant_kind="organisation", organisation=profile.organisation)


def test_the_directory_and_a_profile_show_every_write_on_the_next_get(profile, django_assert_num_queries):
    pages = ["/wereldburgerschap/organisaties/", f"/wereldburgerschap/organisaties/{profile.organisation.slug}/"]
    for url in pages:
        assert "Vrienden van Cochabamba" in kept(url, django_assert_num_queries)
    _grant(profile, "Koffie voor Cochabamba")  # from the subsidies app, through the solidarity registry
    for url in pages:
        assert "Koffie voor Cochabamba" in fresh(url)
        kept(url, django_assert_num_queries)
    Organisation.objects.filter(pk=profile.organisation_id).update(name="Amigos de Cochabamba")
    for url in pages:
        assert "Amigos de Cochabamba" in fresh(url)
        kept(url, django_assert_num_queries)
    profile.description = "Koffie en cacao."
    profile.save()
    assert "Koffie en cacao." in fresh(pages[1])
    profile.sdgs.add(Goal.objects.get(number=13))  # the many-to-many's own table
    assert "SDG 13" in fresh(pages[1])
    kept(pages[0], django_assert_num_queries)
    SolidarityProfile.objects.filter(pk=profile.pk).update(is_listed=False)
    assert f'href="{pages[1]}"' not in fresh(pages[0])  # its grant stays listed under the grants
    assert Client().get(pages[1]).status_code == 404


def test_the_directory_keeps_its_filters_but_not_an_unknown_parameter(profile, django_assert_num_queries):
    assert "Vrienden van Cochabamba" in kept("/wereldburgerschap/organisaties/?land=BO", django_assert_num_queries)
    assert "Vrienden van Cochabamba" not in kept("/wereldburgerschap/organisaties/?sdg=5", django_assert_num_queries)
    Client().get("/wereldburgerschap/organisaties/?foo=1")
    assert "X-Page-Cache" not in Client().get("/wereldburgerschap/organisaties/?foo=1")


def test_the_representative_gets_their_own_profile_page(client, profile, django_assert_num_queries):
    url = f"/wereldburgerschap/organisaties/{profile.organisation.slug}/"
    kept(url, django_assert_num_queries)
    representative = OrganisationMembershipFactory(organisation=profile.organisation, role="representative").user
    client.force_login(representative)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "/beheer/wereldburgerschap/organisaties/" in response.content.decode()  # their edit link


# The Francistown partnership.


EXCHANGE = {
    "starts_on": timezone.localdate(),
    "direction": "both",
    "participants": "Jongeren",
    "place": "Francistown",
    "purpose": "Kennismaken",
}


@pytest.fixture
def running(project, worldcitizenship_officer):
    workflow.publish(project, worldcitizenship_officer)
    return project


def test_the_partnership_page_shows_every_write_on_the_next_get(running, partnership, django_assert_num_queries):
    url = "/wereldburgerschap/francistown/"
    assert "Water voor scholen (voorbeeld)" in kept(url, django_assert_num_queries)
    writes = [
        (
            lambda: Partner.objects.create(partnership=partnership, side="partner", name="Tati River School"),
            "Tati River School",
        ),
        (
            lambda: Contact.objects.create(
                partnership=partnership, name="Mpho Dube", role="Coördinator", email="mpho@example.org"
            ),
            "Mpho Dube",
        ),
        (lambda: _project(Goal.objects.get(number=4), "Leesclub", partnership), "Leesclub"),
        (
            lambda: Exchange.objects.create(
                partnership=partnership, kind="visit", title="Bezoek aan Francistown", **EXCHANGE
            ),
            "Bezoek aan Francistown",
        ),
        (lambda: ActivityFactory(title="Avond over Botswana", programme="francistown"), "Avond over Botswana"),
        (
            lambda: type(partnership).objects.filter(pk=partnership.pk).update(focus="Water en klimaat"),
            "Water en klimaat",
        ),
    ]
    for write, shown in writes:
        write()
        assert shown in fresh(url), shown
        kept(url, django_assert_num_queries)


def test_free_places_on_the_partnership_page_lag_at_most_a_minute(partnership, monkeypatch, django_assert_num_queries):
    from genk.core import pagecache
    from worldcitizenship.caching import REGISTRATION_LAG

    talk = ActivityFactory(title="Avond over Botswana", programme="francistown", registration_enabled=True, capacity=1)
    url = "/wereldburgerschap/francistown/"
    assert "volzet" not in kept(url, django_assert_num_queries)
    RegistrationFactory(activity=talk)
    assert "volzet" not in Client().get(url).content.decode()  # within the lag: the copy
    now = pagecache._now()
    monkeypatch.setattr(pagecache, "_now", lambda: now + REGISTRATION_LAG + 1)
    assert "volzet" in fresh(url)


def test_the_partnership_page_is_kept_no_longer_than_its_first_coming_activity_lasts(partnership):
    from worldcitizenship.partnership import views

    ending = ActivityFactory(
        title="Bijna voorbij",
        programme="francistown",
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(minutes=2),
    )
    ActivityFactory(
        title="Later",
        programme="francistown",
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=3),
    )
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/wereldburgerschap/francistown/")
    request.user = AnonymousUser()
    response = views.home.__wrapped__(request)
    assert response._pagecache_until == ending.ends_at


def test_the_project_list_and_page_show_every_write_on_the_next_get(running, partnership, django_assert_num_queries):
    detail = running.get_absolute_url()
    listing = "/wereldburgerschap/francistown/projecten/"
    filtered = "/wereldburgerschap/francistown/projecten/?sdg=6&pagina=1"
    for url in (detail, listing, filtered):
        assert "Water voor scholen (voorbeeld)" in kept(url, django_assert_num_queries)
    Project.objects.filter(pk=running.pk).update(title="Water voor vijf scholen")
    for url in (detail, listing, filtered):
        assert "Water voor vijf scholen" in fresh(url)
        kept(url, django_assert_num_queries)
    writes = [
        (lambda: Funding.objects.create(project=running, source="flemish", amount_eur=Decimal("4321")), "4.321"),
        (
            lambda: Update.objects.create(project=running, title="De eerste tank staat", body="b"),
            "De eerste tank staat",
        ),
        (
            lambda: Exchange.objects.create(
                partnership=partnership, project=running, kind="youth", title="Jongeren op bezoek", **EXCHANGE
            ),
            "Jongeren op bezoek",
        ),
        (
            lambda: Partner.objects.filter(projects=running).update(name="Scholengroep Genk-Zuid"),
            "Scholengroep Genk-Zuid",
        ),
        (lambda: running.sdgs.add(Goal.objects.get(number=13)), "SDG 13"),
    ]
    for write, shown in writes:
        write()
        assert shown in fresh(detail), shown
        kept(detail, django_assert_num_queries)
    assert "SDG 13" in fresh("/wereldburgerschap/francistown/projecten/?sdg=13")


def test_signed_in_residents_get_the_follow_form_not_the_visitors_copy(
    client, running, resident, django_assert_num_queries
):
    for url in ("/wereldburgerschap/francistown/", running.get_absolute_url()):
        assert 'name="how"' not in kept(url, django_assert_num_queries)
        client.force_login(resident)
        response = client.get(url)
        assert "X-Page-Cache" not in response and 'name="how"' in response.content.decode()
        client.logout()


def test_the_project_list_does_not_keep_an_unknown_parameter(running):
    url = "/wereldburgerschap/francistown/projecten/?status=running&fbclid=abc"
    Client().get(url)
    assert "X-Page-Cache" not in Client().get(url)
