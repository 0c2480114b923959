"""Staff pages under /beheer/burgerbudget/: set-up, review, paper ballots, results, implementation, exports."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from genk.core.models import AuditLogEntry, Notification
from participation.budgets import ballots, services
from participation.budgets.models import Ballot, Cycle, Heading, Phase, Proposal, VoterRecord

from .factories import ProposalFactory, ThemeFactory, set_phase

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def url(name, **kwargs):
    return reverse(f"budgets_staff:{name}", kwargs=kwargs)


@pytest.mark.parametrize("persona", ["resident", "council_member"])
def test_staff_pages_are_closed_to_residents(client, request, city_cycle, persona):
    client.force_login(request.getfixturevalue(persona))
    for page in [url("cycles"), url("cycle", slug=city_cycle.slug), url("paper", slug=city_cycle.slug)]:
        assert client.get(page).status_code == 403


def test_staff_without_mfa_is_sent_to_set_it_up(client, city_cycle, civil_servant_without_mfa):
    client.force_login(civil_servant_without_mfa)
    response = client.get(url("cycles"))
    assert response.status_code == 302
    assert "2fa" in response.url or "mfa" in response.url


def test_set_up_a_district_cycle_and_publish_it(client, civil_servant, district, other_district, neighbourhood):
    theme = ThemeFactory(name="Duurzaamheid en klimaat", slug="klimaat")
    client.force_login(civil_servant)
    response = client.post(
        url("cycle_create"),
        {
            "name": "Stadsdeelbudget 2027",
            "department": civil_servant.department_memberships.get().department_id,
            "slug": "stadsdeelbudget-2027",
            "summary": "Een budget per stadsdeel.",
            "scope": "district",
            "themes": [theme.pk],
            "proposers": "district_residents",
            "proposal_min_age": 14,
            "min_project_cost": "1000",
            "max_project_cost": "25000",
            "voting_min_age": 14,
            "voting_residence": "district",
            "voting_rule": "knapsack",
            "min_choices": 1,
            "tie_break_seed": "sdb-2027",
        },
    )
    assert response.status_code == 302, text(response)
    cycle = Cycle.objects.get(slug="stadsdeelbudget-2027")
    assert not cycle.is_published
    html = text(client.get(url("cycle", slug=cycle.slug)))
    assert "Er is nog geen deelbudget." in html
    client.post(url("headings", slug=cycle.slug), {"districts-amount": "50000"})
    assert set(Heading.objects.filter(cycle=cycle).values_list("name", flat=True)) == {
        district.name,
        other_district.name,
    }
    now = timezone.now()
    dates = {
        kind: (now + timezone.timedelta(days=10 * (i + 1))).strftime("%Y-%m-%dT%H:%M")
        for i, kind in enumerate(["proposals", "review", "voting", "results", "implementation"])
    }
    # Out of order: refused with a reason.
    bad = {**dates, "review": dates["voting"]}
    assert "moet na de vorige fase beginnen" in text(client.post(url("phases", slug=cycle.slug), bad))
    assert client.post(url("phases", slug=cycle.slug), dates).status_code == 302
    assert Phase.objects.filter(cycle=cycle).count() == 5
    client.post(url("cycle_publish", slug=cycle.slug))
    cycle.refresh_from_db()
    assert cycle.is_published
    assert AuditLogEntry.objects.filter(action="budgets.cycle.publish").exists()
    assert client.get(cycle.get_absolute_url()).status_code == 200


def test_rule_fields_are_locked_once_someone_voted(client, city_cycle, civil_servant, district_resident):
    heading = city_cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, [heading.proposals.first().pk])
    client.force_login(civil_servant)
    html = text(client.get(url("cycle_edit", slug=city_cycle.slug)))
    assert "Vast: er is al gestemd." in html


def test_closing_voting_early_on_the_phases_form_after_votes_were_cast(
    client, city_cycle, civil_servant, district_resident
):
    """The form shows minutes; the voting start it sends back unchanged must not count as moved."""
    heading = city_cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, [heading.proposals.first().pk])
    client.force_login(civil_servant)
    page = client.get(url("phases", slug=city_cycle.slug))
    form = page.context["form"]
    data = {name: form[name].value().strftime("%Y-%m-%dT%H:%M") for name in form.fields}  # local time
    data["results"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(url("phases", slug=city_cycle.slug), data)
    assert response.status_code == 302, text(response)
    cycle = Cycle.objects.for_page().get(pk=city_cycle.pk)
    assert cycle.voting_closed() and cycle.phase("voting").starts_at == city_cycle.phase("voting").starts_at
    # Moving the voting start itself stays refused.
    data["voting"] = (timezone.localtime() - timezone.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    assert "het begin van de stemming ligt vast" in text(client.post(url("phases", slug=city_cycle.slug), data))


class TestReview:
    @pytest.fixture
    def proposal(self, city_cycle, district_resident):
        cycle = set_phase(city_cycle, "review")
        return ProposalFactory(
            heading=cycle.headings.get(),
            author=district_resident,
            status="submitted",
            title="Bloemenweide",
            estimated_cost=Decimal("8000"),
        )

    def test_feasible_with_a_revised_cost_notifies_the_proposer(
        self, client, proposal, civil_servant, district_resident, django_capture_on_commit_callbacks
    ):
        client.force_login(civil_servant)
        assert "Bloemenweide" in text(client.get(url("review_list", slug=proposal.cycle.slug)))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url("review", slug=proposal.cycle.slug, pk=proposal.pk),
                {"decision": "feasible", "revised_cost": "9500", "note": "Inclusief onderhoud het eerste jaar."},
            )
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.FEASIBLE and proposal.cost == Decimal("9500")
        notification = Notification.objects.get(recipient=district_resident, kind="budgets.proposal_reviewed")
        assert "haalbaar" in notification.subject and "9500" in notification.body
        assert AuditLogEntry.objects.filter(
            action="budgets.proposal.mark_feasible", object_id=str(proposal.pk)
        ).exists()
        html = text(client.get(proposal.get_absolute_url()))
        assert "herzien door de stad" in html and "Inclusief onderhoud" in html

    def test_not_feasible_needs_a_public_reason(self, client, proposal, civil_servant):
        client.force_login(civil_servant)
        review = url("review", slug=proposal.cycle.slug, pk=proposal.pk)
        html = text(client.post(review, {"decision": "not_feasible", "note": ""}))
        assert "Geef een reden" in html
        client.post(review, {"decision": "not_feasible", "note": "Het terrein is geen eigendom van de stad."})
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.NOT_FEASIBLE
        assert "geen eigendom van de stad" in text(client.get(proposal.get_absolute_url()))

    def test_merge_duplicates(self, client, proposal, civil_servant):
        other = ProposalFactory(heading=proposal.heading, status="submitted", title="Wilde bloemen in het park")
        client.force_login(civil_servant)
        client.post(
            url("review", slug=proposal.cycle.slug, pk=other.pk), {"decision": "merge", "merge_into": proposal.pk}
        )
        other.refresh_from_db()
        assert other.status == Proposal.Status.MERGED and other.merged_into == proposal
        assert "Wilde bloemen in het park" in text(client.get(proposal.get_absolute_url()))

    def test_review_is_closed_during_voting(self, client, proposal, civil_servant):
        set_phase(proposal.cycle, "voting")
        client.force_login(civil_servant)
        response = client.get(url("review", slug=proposal.cycle.slug, pk=proposal.pk))
        assert response.status_code == 403 and "Beoordelen kan tijdens" in text(response)


class TestPaperBallot:
    def test_identify_and_enter(self, client, paper_cycle, civil_servant, neighbourhood, district_resident):
        client.force_login(civil_servant)
        response = client.post(
            url("paper", slug=paper_cycle.slug),
            {
                "identity_checked": "on",
                "document": "eid",
                "national_number": "85.07.30-033.28",
                "label": "F. Y.",
                "year_of_birth": 1988,
                "neighbourhood": neighbourhood.pk,
                "account_email": district_resident.email,
            },
        )
        record = VoterRecord.objects.get()
        assert response.status_code == 302 and response.url == url(
            "paper_voter", slug=paper_cycle.slug, record=record.pk
        )
        assert record.user == district_resident
        html = text(client.get(response.url))
        assert "stembrief invoeren" in html
        speeltuin = paper_cycle.proposals.get(title="Speeltuin").pk
        fiets = paper_cycle.proposals.get(title="Fietsenstalling").pk
        moestuin = paper_cycle.proposals.get(title="Moestuin").pk
        ballot_url = url("paper_ballot", slug=paper_cycle.slug, record=record.pk, heading="heel-genk")
        html = text(client.post(ballot_url, {"proposals": [speeltuin, fiets, moestuin]}))
        assert "meer dan het budget" in html
        assert client.post(ballot_url, {"proposals": [speeltuin, fiets]}).status_code == 302
        ballot = Ballot.objects.get()
        assert ballot.channel == "paper" and ballot.voter == district_resident
        # The resident can no longer vote online.
        client.force_login(district_resident)
        response = client.get(reverse("budgets:ballot", kwargs={"slug": paper_cycle.slug, "heading": "heel-genk"}))
        assert response.status_code == 403 and "op papier" in text(response)

    def test_wrong_national_number_is_refused(self, client, paper_cycle, civil_servant, neighbourhood):
        client.force_login(civil_servant)
        html = text(
            client.post(
                url("paper", slug=paper_cycle.slug),
                {
                    "identity_checked": "on",
                    "document": "eid",
                    "national_number": "85073003329",
                    "label": "X",
                    "year_of_birth": 1985,
                    "neighbourhood": neighbourhood.pk,
                },
            )
        )
        assert "controlegetal" in html and not VoterRecord.objects.exists()

    def test_paper_entry_only_during_voting(self, client, paper_cycle, civil_servant):
        set_phase(paper_cycle, "results")
        client.force_login(civil_servant)
        assert client.get(url("paper", slug=paper_cycle.slug)).status_code == 403

    def test_no_paper_pages_in_a_cycle_without_paper_ballots(self, client, city_cycle, civil_servant):
        client.force_login(civil_servant)
        assert client.get(url("paper", slug=city_cycle.slug)).status_code == 403
        html = text(client.get(url("cycle", slug=city_cycle.slug)))
        assert "Stembrieven op papier" in html  # the count (0) is shown ...
        assert "Stembrief op papier invoeren" not in html  # ... but there is nothing to enter

    def test_paper_ballots_setting_is_fixed_once_someone_voted(
        self, client, paper_cycle, civil_servant, district_resident, neighbourhood
    ):
        from .factories import identify

        identify(paper_cycle, civil_servant, neighbourhood, number="85073003328", user=district_resident)
        ballots.cast_ballot(district_resident, paper_cycle.headings.get(), [paper_cycle.proposals.first().pk])
        client.force_login(civil_servant)
        response = client.get(url("cycle_edit", slug=paper_cycle.slug))
        form = response.context["form"]
        assert form.fields["paper_ballots"].disabled
        # A form shown before the first vote and sent after it: refused by the service.
        from django.core.exceptions import ValidationError

        from participation.budgets.forms import CycleForm

        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        data["paper_ballots"] = False
        data.pop("is_example", None)
        stale = CycleForm(data, instance=Cycle.objects.get(pk=paper_cycle.pk), locked=False)
        assert stale.is_valid(), stale.errors
        with pytest.raises(ValidationError, match="er is al gestemd"):
            services.save_cycle(stale, civil_servant)
        assert Cycle.objects.get(pk=paper_cycle.pk).paper_ballots


class TestResults:
    def vote(self, cycle, users):
        heading = cycle.headings.get()
        by_title = dict(Proposal.objects.filter(cycle=cycle).values_list("title", "pk"))
        for user, titles in users:
            ballots.cast_ballot(user, heading, [by_title[t] for t in titles])

    def test_publish_only_after_voting_closed_then_override_with_a_public_reason(
        self,
        client,
        city_cycle,
        civil_servant,
        district_resident,
        other_district_resident,
        django_capture_on_commit_callbacks,
    ):
        self.vote(
            city_cycle, [(district_resident, ["Speeltuin"]), (other_district_resident, ["Speeltuin", "Zitbanken"])]
        )
        proposer = Proposal.objects.get(title="Speeltuin").author
        client.force_login(civil_servant)
        html = text(client.get(url("results", slug=city_cycle.slug)))
        assert "nog niet gesloten" in html
        assert client.post(url("results_publish", slug=city_cycle.slug)).status_code == 403
        cycle = set_phase(city_cycle, "results")
        html = text(client.get(url("results", slug=cycle.slug)))
        assert "Voorlopige telling" in html and "Speeltuin – 2 (2 + 0)" in html
        # Votes per project export once voting closed.
        csv_text = client.get(url("export", slug=cycle.slug, what="stemmen", fmt="csv")).content.decode()
        assert "Speeltuin" in csv_text and ",2,0,2" in csv_text
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url("results_publish", slug=cycle.slug)).status_code == 302
        cycle.refresh_from_db()
        assert cycle.results_published
        recipients = set(
            Notification.objects.filter(kind="budgets.results_published").values_list("recipient_id", flat=True)
        )
        assert {district_resident.pk, other_district_resident.pk, proposer.pk} <= recipients
        # Published once only.
        assert client.post(url("results_publish", slug=cycle.slug)).status_code == 403
        moestuin = cycle.headings.get().result.project_results.get(proposal__title="Moestuin")
        assert not moestuin.selected
        response = client.post(
            url("result_override", slug=cycle.slug, pk=moestuin.pk),
            {"selected": "1", "reason": "Het college voegt de moestuin toe met eigen middelen."},
        )
        assert response.status_code == 302
        html = text(client.get(reverse("budgets:results", kwargs={"slug": cycle.slug})))
        assert "Aangepast door de stad. Reden: Het college voegt de moestuin toe met eigen middelen." in html
        entry = AuditLogEntry.objects.get(action="budgets.results.override")
        assert entry.reason.startswith("Het college") and entry.before["selected"] is False

    def test_exports(self, client, city_cycle, civil_servant, district_resident):
        self.vote(city_cycle, [(district_resident, ["Speeltuin"])])
        client.force_login(civil_servant)
        response = client.get(url("export", slug=city_cycle.slug, what="voorstellen", fmt="xlsx"))
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][1] == "titel" and {r[1] for r in rows[1:]} >= {"Speeltuin", "Moestuin"}
        assert response["Content-Disposition"].endswith('.xlsx"')
        csv_text = client.get(url("export", slug=city_cycle.slug, what="voorstellen", fmt="csv")).content.decode()
        assert "Speeltuin" in csv_text
        # No votes per project while voting is open.
        assert client.get(url("export", slug=city_cycle.slug, what="stemmen", fmt="csv")).status_code == 403


def test_implementation_update_with_photo(client, city_cycle, civil_servant, district_resident, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    heading = city_cycle.headings.get()
    proposal = heading.proposals.get(title="Speeltuin")
    ballots.cast_ballot(district_resident, heading, [proposal.pk])
    cycle = set_phase(city_cycle, "results")
    services.publish_results(cycle, civil_servant)
    set_phase(cycle, "implementation")
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "green").save(buffer, "PNG")
    photo = SimpleUploadedFile("speeltuin.png", buffer.getvalue(), content_type="image/png")
    client.force_login(civil_servant)
    response = client.post(
        url("update_create", slug=cycle.slug, pk=proposal.pk),
        {
            "progress": 100,
            "text": "De speeltuin is open!",
            "photo": photo,
            "photo_alt": "Kinderen op de nieuwe schommel",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.COMPLETED and proposal.progress == 100
    html = text(client.get(proposal.get_absolute_url()))
    assert 'alt="Kinderen op de nieuwe schommel"' in html and "De speeltuin is open!" in html
