"""The SDG overview and goal pages through the tagging registry: items from every app, only
what a visitor may see, counted per goal, and a constant number of queries with 10 and 10,000
tagged items across apps."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from genk.accounts.models import Organisation
from initiatives.models import Initiative
from initiatives.subsidies.models import SubsidyFile
from neighbourhoods.agenda.models import Activity
from participation.budgets.models import Proposal
from tests.agenda.factories import ActivityFactory
from tests.budgets.factories import ProposalFactory
from tests.factories import OrganisationFactory
from tests.initiatives.factories import in_state
from tests.subsidies.factories import make_file
from tests.volunteers.factories import OpportunityFactory
from volunteers.models import Opportunity
from worldcitizenship import tagging
from worldcitizenship.models import Goal, SDGTag

pytestmark = pytest.mark.django_db

IS = Initiative.Status
FS = SubsidyFile.Status


def seed_one_each(goal_number=13):
    """Per app a public item tagged with the goal, and one a visitor may not see."""
    goal = Goal.objects.get(number=goal_number)
    in_state(IS.COLLECTING, title="Klimaatstraat Bret").sdgs.add(goal)
    in_state(IS.DRAFT, title="Kladversie klimaat").sdgs.add(goal)
    granted = make_file(
        FS.GRANTED,
        title="Zonnepanelen voor de kraamkliniek",
        applicant_kind="organisation",
        organisation=OrganisationFactory(name="Genk–Kasaï vzw", kind=Organisation.Kind.NORTH_SOUTH),
    )
    granted.scheme.sdgs.add(goal)
    make_file(FS.SUBMITTED, title="Ingediend, niet beslist", scheme=granted.scheme)
    ActivityFactory(title="Klimaatwandeling Zwartberg", sdgs=[goal_number, 4])
    ActivityFactory(title="Ontwerpactiviteit", sdgs=[goal_number], status=Activity.Status.DRAFT)
    tagging.set_tags(OpportunityFactory(title="Bomen planten in Kolderbos"), [goal_number])
    tagging.set_tags(OpportunityFactory(title="Ontwerpvacature", status=Opportunity.Status.DRAFT), [goal_number])
    tagging.set_tags(ProposalFactory(title="Regenwaterbuffer Termien"), [goal_number])
    tagging.set_tags(ProposalFactory(title="Ingetrokken voorstel", status=Proposal.Status.WITHDRAWN), [goal_number])
    return goal


PUBLIC = [
    "Klimaatstraat Bret",
    "Zonnepanelen voor de kraamkliniek",
    "Klimaatwandeling Zwartberg",
    "Bomen planten in Kolderbos",
    "Regenwaterbuffer Termien",
]
HIDDEN = [
    "Kladversie klimaat",
    "Ingediend, niet beslist",
    "Ontwerpactiviteit",
    "Ontwerpvacature",
    "Ingetrokken voorstel",
]


def test_every_app_registers_a_counted_provider():
    keys = {p.key for p in tagging.providers() if p.counts is not None}
    assert {"initiatieven", "subsidies", "burgerbudget", "vrijwilligerswerk", "activiteiten"} <= keys


def test_goal_page_lists_public_items_of_every_app_and_nothing_else(client, sdgs):
    seed_one_each(13)
    html = client.get("/wereldburgerschap/sdg/13/").content.decode()
    for title in PUBLIC:
        assert title in html
    for title in HIDDEN:
        assert title not in html
    for heading in ["Initiatieven", "Subsidies", "Burgerbudgetprojecten", "Vrijwilligerswerk", "Activiteiten"]:
        assert f"{heading}\n" in html or f"{heading} " in html
    assert "Genk–Kasaï vzw · €\xa01.000,00" in html  # the organisation and the amount granted
    # Another goal shows only what is tagged with it (the walk is also tagged SDG 4).
    other = client.get("/wereldburgerschap/sdg/4/").content.decode()
    assert "Klimaatwandeling Zwartberg" in other and "Klimaatstraat Bret" not in other


def test_overview_counts_per_goal_and_kind(client, sdgs):
    seed_one_each(13)
    table = tagging.overview()
    assert table[13] == {
        "initiatieven": 1,
        "subsidies": 1,
        "activiteiten": 1,
        "vrijwilligerswerk": 1,
        "burgerbudget": 1,
    }
    assert table[4] == {"activiteiten": 1}
    assert table[1] == {}
    response = client.get("/wereldburgerschap/sdg/")
    row = response.content.decode().split("SDG 13 – ")[1].split("</tr>")[0]
    assert row.count("<td>1</td>") == 5 and "<td>5</td>" in row


def test_the_year_keeps_what_happened_that_year(sdgs):
    seed_one_each(13)
    this_year = timezone.localdate().year
    assert sum(tagging.overview(year=this_year)[13].values()) == 5
    assert tagging.overview(year=this_year - 3)[13] == {}


def test_a_kind_page_is_paginated(client, sdgs):
    goal = Goal.objects.get(number=6)
    for i in range(30):
        ActivityFactory(title=f"Waterwandeling {i:02d}", sdgs=[6], starts_at=timezone.now() + timedelta(days=i + 1))
    html = client.get("/wereldburgerschap/sdg/6/").content.decode()
    assert html.count("Waterwandeling") == 5
    assert "Alle 30 bekijken: Activiteiten" in html
    first = client.get("/wereldburgerschap/sdg/6/activiteiten/").content.decode()
    assert first.count("Waterwandeling") == 25 + 0 and "Pagina 1 van 2" in first
    second = client.get("/wereldburgerschap/sdg/6/activiteiten/?pagina=2").content.decode()
    assert second.count("Waterwandeling") == 5
    assert "Waterwandeling 00" in second  # newest (latest start) first: the soonest comes last
    assert client.get("/wereldburgerschap/sdg/6/onbekend/").status_code == 404
    assert goal.number == 6


def _bulk(n_per_app: int, number: int):
    """`n_per_app` more tagged public items in four apps, inserted in bulk."""
    goal = Goal.objects.get(number=number)
    activity = Activity.objects.filter(status=Activity.Status.PUBLISHED).first()
    Activity.objects.bulk_create(
        [Activity(**{**_fields(activity), "title": f"Bulk {i}", "sdgs": [number]}) for i in range(n_per_app)]
    )
    opportunity = Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED).first()
    made = Opportunity.objects.bulk_create(
        [
            Opportunity(**{**_fields(opportunity), "title": f"Bulk {i}", "slug": f"bulk-{n_per_app}-{i}"})
            for i in range(n_per_app)
        ]
    )
    ct = tagging._content_type(Opportunity)
    SDGTag.objects.bulk_create([SDGTag(content_type=ct, object_id=o.pk, goal=goal) for o in made])
    initiative = Initiative.objects.filter(status=IS.COLLECTING).first()
    made = Initiative.objects.bulk_create(
        [
            Initiative(**{**_fields(initiative), "title": f"Bulk {i}", "slug": f"bulk-{n_per_app}-{i}"})
            for i in range(n_per_app)
        ]
    )
    Initiative.sdgs.through.objects.bulk_create([Initiative.sdgs.through(initiative_id=i.pk, goal=goal) for i in made])
    proposal = Proposal.objects.filter(status=Proposal.Status.FEASIBLE).first()
    made = Proposal.objects.bulk_create(
        [Proposal(**{**_fields(proposal), "title": f"Bulk {i}"}) for i in range(n_per_app)]
    )
    ct = tagging._content_type(Proposal)
    SDGTag.objects.bulk_create([SDGTag(content_type=ct, object_id=p.pk, goal=goal) for p in made])


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}


def _queries(client, path) -> int:
    client.get(path)  # warm the caches (content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_query_counts_are_the_same_with_10_and_10000_tagged_items(client, rendered, sdgs):
    seed_one_each(13)
    _bulk(2, 13)  # about 10 tagged items across apps
    small = {path: _queries(client, path) for path in ("/wereldburgerschap/sdg/", "/wereldburgerschap/sdg/13/")}
    small_kind = _queries(client, "/wereldburgerschap/sdg/13/activiteiten/?pagina=2")
    _bulk(2_500, 13)  # 10,000 more across four apps
    assert sum(tagging.overview()[13].values()) == 5 + 4 * 2 + 4 * 2_500
    for path, count in small.items():
        assert _queries(client, path) == count, path
    assert _queries(client, "/wereldburgerschap/sdg/13/activiteiten/?pagina=2") <= small_kind + 0
    # The bounds: the overview one query for the goals and one per provider; a goal page two,
    # plus two per provider, plus the indicators.
    assert small["/wereldburgerschap/sdg/"] <= 1 + len(tagging.providers()) + 2  # + session/auth at most
    assert small["/wereldburgerschap/sdg/13/"] <= 3 + 2 * len(tagging.providers()) + 2
