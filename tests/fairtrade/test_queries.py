"""Query counts of the directory and the overview do not grow with the number of points."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NeighbourhoodFactory
from tests.neighbourhoods.factories import square
from worldcitizenship.fairtrade.models import Evidence
from worldcitizenship.fairtrade.services import progress_for

from .factories import PointFactory

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def make(n, wijken):
    for i in range(n):
        wijk = wijken[i % len(wijken)]
        west = 5.49 + 0.02 * (i % len(wijken))
        PointFactory(
            neighbourhood=wijk,
            kind=["shop", "horeca", "school", "company", "organisation"][i % 5],
            latitude=50.965,
            longitude=west + 0.005,
        )


@pytest.mark.parametrize(
    "url",
    [
        "/wereldburgerschap/fairtrade/punten/",
        "/wereldburgerschap/fairtrade/punten/?soort=shop&wijk=q-0",
        "/wereldburgerschap/fairtrade/",
    ],
)
def test_directory_and_overview(client, rendered, criteria, url):
    wijken = [
        NeighbourhoodFactory(code=f"Q{i}", slug=f"q-{i}", boundary=square(5.49 + 0.02 * i, 50.96)) for i in range(3)
    ]
    for progress in progress_for(2026):
        Evidence.objects.create(progress=progress, kind="link", title="Link", url="https://www.genk.be/")
    make(10, wijken)
    count(client, url)  # the map's shapes are cached after the first page
    few = count(client, url)
    make(60, wijken)
    assert count(client, url) == few
