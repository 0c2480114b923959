"""GDPR (follows in the download, deleted on erasure), the personal-data check, the figures."""

import pytest

from genk.accounts.services import erase_user
from genk.core import gdpr, indicators
from genk.core.indicators import Period
from neighbourhoods.areawork.models import Action, Follow, Signal
from neighbourhoods.areawork.privacy import personal_data_problems

from .factories import ActionFactory, SignalFactory

pytestmark = pytest.mark.django_db


def test_follows_are_in_the_download_and_go_with_the_account(resident, wijk, team_member):
    Follow.objects.create(user=resident, neighbourhood=wijk)
    signal = SignalFactory(neighbourhood=wijk, recorded_by=team_member)
    assert gdpr.export_sections(resident)["areawork"]["followed_wijken"][0]["wijk"] == "Kolderbos"
    assert gdpr.export_sections(team_member)["areawork"]["signals_recorded"][0]["theme"] == "youth"
    erase_user(resident)
    erase_user(team_member)
    assert not Follow.objects.exists()
    signal.refresh_from_db()
    assert signal.recorded_by is None


@pytest.mark.parametrize(
    "text",
    [
        "mail naar an.janssens@telenet.be",
        "bel 0470 12 34 56",
        "bel +32 89 65 44 00",
        "tel. 089/65.44.00",
        "rijksregisternummer 85.07.30-033.28",
        "85073003328",
    ],
)
def test_obvious_personal_data_is_refused(text):
    assert personal_data_problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "Twintig jongeren hangen rond aan het speelplein van de Kolderbosstraat.",
        "Sinds 2024 klagen 3 buren over 15 kapotte lantaarns.",
        "Op 12.03.2026 waren er 40 mensen op het buurtfeest.",
    ],
)
def test_ordinary_signals_pass(text):
    assert personal_data_problems(text) == []


def test_signals_hold_no_personal_fields():
    names = {f.name for f in Signal._meta.get_fields()}
    assert not names & {"name", "email", "phone", "address", "person", "client", "birth_date", "national_number"}


def test_the_plan_progress_is_a_figure(priority, wijk):
    ActionFactory(priority=priority, status=Action.Status.DONE)
    ActionFactory(priority=priority)
    ActionFactory(priority=priority, status=Action.Status.DROPPED)
    period = Period.year(priority.plan.year)
    assert indicators.get("areawork.plan_actions").by_neighbourhood(period) == {wijk.pk: 2}
    assert indicators.get("areawork.plan_actions_done").by_neighbourhood(period) == {wijk.pk: 1}
    assert indicators.get("areawork.plan_actions").by_neighbourhood(Period.year(2001)) == {}
