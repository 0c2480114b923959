import pytest

from genk.core import pagecache
from worldcitizenship.services import load_sdgs


@pytest.fixture
def rendered(monkeypatch):
    """Every request renders its page (no visitor's copy is kept or served): for counting the
    queries of a render."""
    monkeypatch.setattr(pagecache, "visitor_request", lambda request, params: False)


@pytest.fixture
def sdgs(db):
    """The 17 goals and 169 targets, loaded from the project's data files."""
    load_sdgs()


@pytest.fixture
def partnership(db):
    from tests.factories import DepartmentFactory
    from worldcitizenship.models import Contact, Partner, Partnership

    department = DepartmentFactory(slug="wereldburgerschap", name="Wereldburgerschap")
    p = Partnership.objects.create(
        name="Stedenband Genk–Francistown",
        since=2009,
        aims="Samen werken aan onderwijs en water.",
        focus="Jongeren en klimaat.",
        department=department,
    )
    Partner.objects.create(
        partnership=p, side="genk", name="Scholengroep Genk (voorbeeld)", contact_email="geheim@example.org"
    )
    Partner.objects.create(partnership=p, side="partner", name="Francistown City Council (voorbeeld)")
    Contact.objects.create(partnership=p, name="An Peeters", role="Beleidsmedewerker", email="an@genk.be")
    return p


@pytest.fixture
def project(partnership, sdgs):
    from datetime import date

    from worldcitizenship.models import Goal, Project

    project = Project.objects.create(
        partnership=partnership,
        title="Water voor scholen (voorbeeld)",
        summary="Regenwater opvangen op drie scholen.",
        aims="Drinkbaar water op school.",
        starts_on=date(2026, 3, 1),
        ends_on=date(2027, 6, 30),
    )
    project.sdgs.set(Goal.objects.filter(number__in=[6, 4]))
    project.partners.set(partnership.partners.all())
    return project
