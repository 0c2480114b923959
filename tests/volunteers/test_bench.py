"""The volunteer pages `make bench` measures, at 500 residents: each declared, each answers, the
sign-up POST signs up a new resident per request and `undo` puts everything back."""

import io

import pytest

from bench import pages, seed
from tests.bench.test_pages import REQUESTS, RESIDENTS, request
from volunteers.models import NoticeAcknowledgement, Opportunity, Shift, SignUp

pytestmark = pytest.mark.django_db


def test_volunteer_pages(db):
    report = seed.run(seed.SeedContext(residents=RESIDENTS, write=io.StringIO().write))
    assert any(name.endswith("volunteer_work") and "sign-ups" in text for name, _s, text in report)
    assert Opportunity.objects.filter(slug__startswith=seed.SLUG_PREFIX).count() == 15
    assert Shift.objects.filter(opportunity__slug__startswith=seed.SLUG_PREFIX).count() == 150
    # Reset leaves nothing that would keep the accounts step from deleting its organisations.
    from bench.steps.volunteers import delete_volunteer_work

    delete_volunteer_work()
    assert not Opportunity.objects.filter(slug__startswith=seed.SLUG_PREFIX).exists()
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
