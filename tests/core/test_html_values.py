"""Values the Nu Html Checker reads: <time datetime> without microseconds, <progress>/<meter>
values within their max."""

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

from initiatives.models import Initiative
from tests.initiatives.factories import in_state


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_html_datetime_has_whole_seconds_and_the_local_offset():
    moment = datetime(2026, 12, 16, 18, 0, 5, 584123, tzinfo=UTC)
    assert render("{{ m|html_datetime }}", m=moment) == "2026-12-16T19:00:05+01:00"
    assert render("{{ d|html_datetime }}", d=date(2026, 12, 16)) == "2026-12-16"
    assert render("{{ x|html_datetime }}", x=None) == ""


def test_at_most_keeps_a_value_within_its_max():
    assert render("{{ v|at_most:50 }}", v=73) == "50"
    assert render("{{ v|at_most:50 }}", v=12) == "12"
    assert render("{{ v|at_most:limit }}", v=12, limit=None) == "12"


@pytest.mark.django_db
def test_a_support_count_above_the_threshold_stays_within_the_progress_bar(client):
    initiative = in_state(Initiative.Status.THRESHOLD_REACHED, threshold=2)
    Initiative.objects.filter(pk=initiative.pk).update(support_count=7, counted_support_count=7)
    html = client.get(initiative.get_absolute_url()).content.decode()
    progress = re.search(r"<progress[^>]*>", html, flags=re.S).group(0)
    maximum = int(re.search(r'max="(\d+)"', progress).group(1))
    value = int(re.search(r'value="(\d+)"', progress).group(1))
    assert value <= maximum
    for stamp in re.findall(r'<time datetime="([^"]+)"', html):
        assert not re.search(r"\.\d", stamp), stamp
