"""The demo data (make demo) and the city-scale seed (bench)."""

from collections import Counter
from types import SimpleNamespace

import pytest

from participation.councils import seed
from participation.councils.models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    Attendance,
    Ballot,
    Council,
    Meeting,
    Vote,
)
from tests.factories import NeighbourhoodFactory, UserFactory


@pytest.fixture
def demo_ctx(db):
    from genk.accounts.demo import personas

    ctx = {"personas": {}, "stdout": None}
    personas(ctx)
    return ctx


def test_demo_has_every_state_and_is_idempotent(demo_ctx):
    from participation.councils.demo import councils

    councils(demo_ctx)
    counts = (Council.objects.count(), Meeting.objects.count(), Advice.objects.count(), AgendaDocument.objects.count())
    councils(demo_ctx)
    assert (
        Council.objects.count(),
        Meeting.objects.count(),
        Advice.objects.count(),
        AgendaDocument.objects.count(),
    ) == counts
    assert Council.objects.count() == 7
    assert set(Council.objects.values_list("slug", flat=True)) >= {
        "seniorenraad",
        "jeugdraad",
        "cultuurraad",
        "sportraad",
        "milieuraad",
        "gros",
        "diversiteitsraad",
    }
    assert not Council.objects.filter(is_example=False).exists()
    assert set(Meeting.objects.values_list("status", flat=True)) == set(Meeting.Status.values)
    assert set(Advice.objects.values_list("status", flat=True)) == set(Advice.Status.values)
    assert set(Advice.objects.exclude(outcome="").values_list("outcome", flat=True)) == set(Advice.Outcome.values)
    assert any(a.is_overdue() for a in Advice.objects.filter(status="sent"))
    assert any(not a.is_overdue() for a in Advice.objects.filter(status="sent"))
    assert any(a.answered_on_time is False for a in Advice.objects.filter(status="answered"))
    assert set(AdviceRequest.objects.values_list("status", flat=True)) == set(AdviceRequest.Status.values)
    assert AgendaDocument.objects.filter(is_confidential=True).exists()
    for document in AgendaDocument.objects.all()[:3]:
        assert document.file.open("rb").read(5) == b"%PDF-"
    member = demo_ctx["personas"]["council_member"]["user"]
    invited = Meeting.objects.get(council__slug="seniorenraad", status="invited")
    assert invited.attendances.filter(user=member).exists() and invited.rsvp_open()
    secretary = demo_ctx["personas"]["civil_servant"]["user"]
    assert secretary.has_perm("councils.manage_council", Council.objects.get(slug="seniorenraad"))
    # Every vote matches its ballots.
    for vote in Vote.objects.filter(is_secret=False):
        choices = Counter(vote.ballots.values_list("choice", flat=True))
        assert (choices["for"], choices["against"], choices["abstain"]) == (
            vote.votes_for,
            vote.votes_against,
            vote.abstentions,
        )


def test_demo_pages_render(client, demo_ctx):
    from participation.councils.demo import councils

    councils(demo_ctx)
    assert client.get("/adviesraden/").status_code == 200
    for council in Council.objects.all():
        assert client.get(council.get_absolute_url()).status_code == 200
    for meeting in Meeting.objects.filter(council__slug="seniorenraad"):
        assert client.get(meeting.get_absolute_url()).status_code == 200
    for advice in Advice.objects.public():
        assert client.get(advice.get_absolute_url()).status_code == 200
    client.force_login(demo_ctx["personas"]["civil_servant"]["user"])
    for meeting in Meeting.objects.filter(council__slug="seniorenraad"):
        assert client.get(f"/beheer/adviesraden/vergadering/{meeting.pk}/").status_code == 200
    assert client.get("/beheer/adviesraden/seniorenraad/").status_code == 200
    assert client.get("/beheer/adviesraden/seniorenraad/leden/").status_code == 200


def test_seed_at_small_scale(db):
    hood = NeighbourhoodFactory()
    for _ in range(60):
        UserFactory(neighbourhood=hood, verified=False)
    out = SimpleNamespace(lines=[], write=lambda line: out.lines.append(line))
    counts = seed.seed(scale=0.2, stdout=out)
    assert counts["councils"] == 3 and counts["meetings"] == 150
    assert Meeting.objects.count() == 150
    assert Attendance.objects.count() == counts["attendances"] > 0
    assert Ballot.objects.count() == counts["ballots"] > 0
    assert out.lines and out.lines[0].startswith("councils:")
    assert seed.seed(scale=0.2)["councils"] == 0  # rerun: nothing new
