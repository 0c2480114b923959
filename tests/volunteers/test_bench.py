"""The volunteer pages `make bench` measures, at 500 residents: each declared, each answers, the
sign-up POST signs up a new resident per request and `undo` puts everything back."""

import io

import pytest

from bench import pages, seed
from tests.bench.test_pages import REQUESTS, RESIDENTS, request
from volunteers.models import (
    Commitment,
    FlexibleHours,
    HourEntry,
    NoticeAcknowledgement,
    Opportunity,
    Shift,
    SignUp,
)

pytestmark = pytest.mark.django_db


def test_volunteer_pages(db):
    report = seed.run(seed.SeedContext(residents=RESIDENTS, write=io.StringIO().write))
    assert any(name.endswith("volunteer_work") and "sign-ups" in text for name, _s, text in report)
    assert Opportunity.objects.filter(slug__startswith=seed.SLUG_PREFIX).count() == 15
    assert Shift.objects.filter(opportunity__slug__startswith=seed.SLUG_PREFIX).count() == 150
    # The issue's 200,000 hour entries (scaled): shifts' hours and days of flexible work together.
    from bench.steps.volunteers import DAYS_PER_COMMITMENT

    target = seed.SeedContext(residents=RESIDENTS).scaled(200_000, minimum=100)
    flexible = FlexibleHours.objects.filter(commitment__opportunity__slug__startswith=seed.SLUG_PREFIX)
    entries = HourEntry.objects.count() + flexible.count()
    assert target <= entries < target + DAYS_PER_COMMITMENT
    assert flexible.exclude(commitment__opportunity__kind="flexible").count() == 0
    assert flexible.filter(status="approved").count() > flexible.count() * 0.8
    assert all(text for _name, _s, text in seed.run(seed.SeedContext(residents=RESIDENTS, write=io.StringIO().write)))
    assert HourEntry.objects.count() + flexible.count() == entries  # a second run adds nothing
    # An older bench database without flexible hours gets them on the next run.
    flexible.delete()
    Commitment.objects.all().delete()
    seed.run(seed.SeedContext(residents=RESIDENTS, write=io.StringIO().write))
    assert HourEntry.objects.count() + flexible.count() == entries
    # Reset leaves nothing that would keep the accounts step from deleting its organisations.
    from bench.steps.volunteers import delete_volunteer_work

    delete_volunteer_work()
    assert not Opportunity.objects.filter(slug__startswith=seed.SLUG_PREFIX).exists()
    assert not FlexibleHours.objects.exists() and not Commitment.objects.exists()
    seed.run(seed.SeedContext(residents=RESIDENTS, write=io.StringIO().write))
    from bench.steps.volunteers import volunteer_pages

    ctx = pages.PageContext(requests_per_page=REQUESTS)
    declared = volunteer_pages(ctx)
    assert not ctx.skipped, ctx.skipped
    labels = [p.label for p in declared]
    assert len(labels) == 11, labels
    signups, acks = SignUp.objects.count(), NoticeAcknowledgement.objects.count()
    for page in declared:
        for number in range(REQUESTS if page.method == "POST" else 1):
            response = request(page, number)
            assert response.status_code == page.expect, (page.label, page.path, response.status_code)
        if page.check:
            assert page.check() is None, page.label
        if page.undo:
            page.undo()
    assert (SignUp.objects.count(), NoticeAcknowledgement.objects.count()) == (signups, acks)
