"""What initiatives gives the shared registries: indicators, GDPR, demo, seed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from genk.core import gdpr, indicators
from initiatives import services
from initiatives.models import Comment, Follow, Initiative, Support
from tests.factories import NeighbourhoodFactory, UserFactory

from .factories import CommentFactory, SupportFactory, in_state

pytestmark = pytest.mark.django_db
S = Initiative.Status


def test_indicators_per_neighbourhood():
    hood = NeighbourhoodFactory()
    other = NeighbourhoodFactory()
    initiative = in_state(S.COLLECTING, neighbourhood=hood)
    in_state(S.COLLECTING, neighbourhood=other)
    in_state(S.COLLECTING, neighbourhood=None, city_wide=True)
    SupportFactory(initiative=initiative, neighbourhood=other)
    SupportFactory(initiative=initiative, neighbourhood=other)
    year = timezone.localdate().year
    period = indicators.Period(timezone.localdate() - timedelta(days=60), timezone.localdate())
    assert indicators.get("initiatives.published").by_neighbourhood(period) == {hood.pk: 1, other.pk: 1}
    assert indicators.get("initiatives.supports").by_neighbourhood(period) == {other.pk: 2}
    assert indicators.get("initiatives.realised").by_neighbourhood(indicators.Period.year(year)) == {}


def test_gdpr_export_and_erasure_keep_public_contributions(supporter):
    from genk.accounts.services import erase_user

    mine = in_state(S.DRAFT, created_by=supporter, title="Mijn kladversie")
    public = in_state(S.COLLECTING, title="Repair Café")
    services.support(public, supporter)
    CommentFactory(initiative=public, author=supporter, body="Ik help mee")
    data = gdpr.export_sections(supporter)["initiatives"]
    assert [i["title"] for i in data["initiatives"]] == ["Mijn kladversie"]
    assert data["supports"][0]["initiative"] == "Repair Café"
    assert data["comments"][0]["body"] == "Ik help mee"
    assert data["follows"][0]["initiative"] == "Repair Café"

    erase_user(supporter)
    assert not Initiative.objects.filter(pk=mine.pk).exists()
    assert not Follow.objects.filter(user=supporter).exists()
    assert Support.objects.filter(user=supporter).count() == 1  # the count stays exact
    public.refresh_from_db()
    assert public.support_count == 1
    comment = Comment.objects.get(author=supporter)
    assert comment.author.public_name == "voormalige inwoner"


def test_demo_step_makes_initiatives_in_every_state_and_is_idempotent():
    from genk.accounts.demo import personas
    from initiatives.demo import initiatives as demo_initiatives
    from neighbourhoods.demo import neighbourhoods as demo_neighbourhoods

    ctx = {"personas": {}, "stdout": _Out()}
    personas(ctx)
    demo_neighbourhoods(ctx)
    demo_initiatives(ctx)
    states = set(Initiative.objects.values_list("status", flat=True))
    assert states == set(S.values)
    count = Initiative.objects.count()
    demo_initiatives(ctx)
    assert Initiative.objects.count() == count
    for initiative in Initiative.objects.all():
        figures = services.recount(initiative)
        assert (figures["support_count"], figures["counted_support_count"]) == (
            initiative.support_count,
            initiative.counted_support_count,
        )
    banken = Initiative.objects.get(title="Zitbanken langs de Stiemerbeek")
    assert banken.kind == "proposal" and banken.threshold == 557
    assert banken.counted_support_count < banken.support_count  # some supporters are under 16
    assert "Voorbeeld voor de demo" in banken.description


def test_seed_at_small_scale_is_consistent_and_idempotent():
    from initiatives.seed import reset, seed

    hoods = [NeighbourhoodFactory() for _ in range(4)]
    year = timezone.localdate().year
    UserFactory.create_batch(60, neighbourhood=hoods[0], year_of_birth=year - 30)
    UserFactory.create_batch(20, neighbourhood=hoods[1], year_of_birth=year - 14)
    report = seed(scale=0.004)
    assert report.startswith("20 initiatives")
    assert Initiative.objects.count() == 20
    assert seed(scale=0.004) == "initiatives: already seeded"
    for initiative in Initiative.objects.all():
        figures = services.recount(initiative)
        assert figures == {
            "support_count": initiative.support_count,
            "counted_support_count": initiative.counted_support_count,
            "comment_count": initiative.comment_count,
        }, initiative.title
        if (
            initiative.status in (S.THRESHOLD_REACHED, S.ANSWERED, S.IN_PROGRESS, S.REALISED)
            and initiative.threshold_reached_at
        ):
            assert initiative.counted_support_count >= initiative.threshold
        if initiative.status == S.COLLECTING:
            assert initiative.counted_support_count < initiative.threshold
    assert Support.objects.count() == round(200_000 * 0.004) or Support.objects.count() > 0
    reset()
    assert Initiative.objects.count() == 0


class _Out:
    def write(self, message):
        pass
