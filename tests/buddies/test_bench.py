"""The language-buddy pages `make bench` measures, at 500 residents: seeded, declared, answering."""

import io

import pytest

from bench import pages, seed
from tests.bench.test_pages import REQUESTS, RESIDENTS, request
from volunteers.buddies.models import Learner, Meeting, Pair

pytestmark = pytest.mark.django_db


def test_buddy_pages(db):
    report = seed.run(seed.SeedContext(residents=RESIDENTS, write=io.StringIO().write))
    line = next(text for name, _s, text in report if name.endswith("language_buddies"))
    assert "learners" in line, line
    assert Learner.objects.count() >= 30
    assert Pair.objects.filter(status="active").exists()
    assert Meeting.objects.exists()
    from bench.steps.buddies import buddy_pages

    ctx = pages.PageContext(requests_per_page=REQUESTS)
    declared = buddy_pages(ctx)
    assert not ctx.skipped, ctx.skipped
    assert len(declared) == 2
    for page in declared:
        response = request(page, 0)
        assert response.status_code == page.expect, (page.label, page.path, response.status_code)
    from bench.steps.buddies import delete_language_buddies

    delete_language_buddies()
    assert not Learner.objects.exists()
