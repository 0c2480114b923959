import io

import pytest

from genk.accounts import demo as accounts_demo
from worldcitizenship.models import Exchange, Photo, Project
from worldcitizenship.partnership import demo
from worldcitizenship.services import load_sdgs

pytestmark = pytest.mark.django_db


def test_the_demo_partnership_loads_twice():
    load_sdgs()
    ctx = {"stdout": io.StringIO(), "personas": {}}
    accounts_demo.personas(ctx)
    demo.partnership(ctx)
    demo.partnership(ctx)
    statuses = sorted(Project.objects.values_list("status", flat=True))
    assert statuses == ["completed", "draft", "running", "running"]
    assert Project.objects.filter(kind="educational").count() == 1
    assert set(Exchange.objects.values_list("kind", flat=True)) == {"delegation", "school_link", "youth"}
    assert Photo.objects.get().alt_text
    assert all("(voorbeeld)" in p.title for p in Project.objects.all())
