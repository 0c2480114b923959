"""The stored search vector of opportunities: kept by the database on every write (save,
bulk_create, QuerySet.update, an organisation renamed), weighted, and used by the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganisationFactory
from volunteers.models import Opportunity

from .factories import OpportunityFactory

pytestmark = pytest.mark.django_db
LIST = reverse("volunteers:list")


def found(text):
    return set(Opportunity.objects.search(text).values_list("title", flat=True))


def test_title_description_tasks_skills_and_organisation_are_searched():
    organisation = OrganisationFactory(name="Vzw Kiemkracht")
    OpportunityFactory(
        organisation=organisation,
        title="Taalcafé Winterslag",
        description="Gesprekken met nieuwkomers.",
        tasks="Koffie schenken",
        skills="Geduld",
    )
    assert found("taalcafe") == {"Taalcafé Winterslag"}
    assert found("nieuwkomer") == {"Taalcafé Winterslag"}  # Dutch stemming
    assert found("koffie") == {"Taalcafé Winterslag"}
    assert found("geduld") == {"Taalcafé Winterslag"}
    assert found("kiemkracht") == {"Taalcafé Winterslag"}
    assert found("fietsherstel") == set()


def test_the_title_weighs_more_than_the_description_and_the_organisation():
    in_title = OpportunityFactory(title="Soepbedeling", description="Help mee.")
    in_text = OpportunityFactory(title="Keukenhulp", description="Je helpt bij de soepbedeling.")
    in_name = OpportunityFactory(title="Onthaal", organisation=OrganisationFactory(name="Soepbedeling vzw"))
    ranked = list(Opportunity.objects.search("soepbedeling").order_by("-rank").values_list("pk", flat=True))
    assert ranked == [in_title.pk, in_text.pk, in_name.pk]


def test_bulk_writes_keep_the_vector():
    organisation = OrganisationFactory()
    Opportunity.objects.bulk_create(
        [Opportunity(organisation=organisation, title=f"Zwerfvuil rapen {n}", slug=f"zw-{n}") for n in range(3)]
    )
    assert len(found("zwerfvuil")) == 3
    Opportunity.objects.filter(slug="zw-0").update(title="Boomplantdag")
    assert found("boomplantdag") == {"Boomplantdag"}
    assert len(found("zwerfvuil")) == 2
    Opportunity.objects.filter(slug="zw-1").update(description="Met grijpers en zakken")
    assert found("grijper") == {"Zwerfvuil rapen 1"}


def test_save_keeps_the_vector_also_when_loaded_without_it():
    opportunity = OpportunityFactory(title="Fietsatelier")
    opportunity = Opportunity.objects.get(pk=opportunity.pk)  # the manager defers the vector
    opportunity.title = "Repaircafé"
    opportunity.save()
    assert found("repaircafe") == {"Repaircafé"}
    assert found("fietsatelier") == set()
    opportunity.status = Opportunity.Status.CLOSED
    opportunity.save(update_fields=["status"])
    assert found("repaircafe") == {"Repaircafé"}


def test_renaming_the_organisation_updates_its_opportunities():
    organisation = OrganisationFactory(name="Buurtwerk Oud")
    OpportunityFactory(organisation=organisation, title="Onthaal")
    organisation.name = "Wijkpunt Nieuw"
    organisation.save()
    assert found("wijkpunt") == {"Onthaal"}
    assert found("buurtwerk") == set()


def test_an_opportunity_moved_to_another_organisation_is_found_under_its_name():
    opportunity = OpportunityFactory(title="Onthaal", organisation=OrganisationFactory(name="Eerste vzw"))
    Opportunity.objects.filter(pk=opportunity.pk).update(organisation=OrganisationFactory(name="Tweede vzw"))
    assert found("tweede") == {"Onthaal"}
    assert found("eerste") == set()


def test_the_list_searches_the_stored_vector_not_the_rows_text(client):
    OpportunityFactory(title="Taalcafé Winterslag")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST + "?q=taalcafe")
    assert "Taalcafé Winterslag" in response.text
    searches = [q["sql"] for q in ctx.captured_queries if "@@" in q["sql"]]
    assert searches and all("to_tsvector" not in sql and "search_vector" in sql for sql in searches)


def test_the_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'volunteers_opportunity' AND indexdef LIKE '%%gin%%'"
        )
        assert any("search_vector" in row[0] for row in cursor.fetchall())


def test_the_migration_fills_the_vectors_of_existing_rows():
    """Rows written before the trigger existed (here: with it switched off) get their vector from
    the migration's own step."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("volunteers.migrations.0005_opportunity_search_vector")
    OpportunityFactory(title="Fietsatelier Zwartberg")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's inserts: checked now, so DDL may run
        cursor.execute("SET session_replication_role = replica")  # triggers off, as before the migration
        cursor.execute("UPDATE volunteers_opportunity SET search_vector = NULL")
        cursor.execute("SET session_replication_role = origin")
    assert found("fietsatelier") == set()
    with connection.schema_editor(atomic=False) as editor:
        migration._run(migration.CREATE)(apps, editor)
    assert found("fietsatelier") == {"Fietsatelier Zwartberg"}
