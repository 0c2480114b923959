"""The criteria loader, the live thresholds, the workflow of points and progress, notifications,
the indicator and the SDG 12 tagging."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from genk.core.audit import history
from genk.core.indicators import Period, get
from genk.core.models import Notification
from genk.core.workflow import TransitionNotAllowed
from worldcitizenship.fairtrade import services, workflow
from worldcitizenship.fairtrade.models import Criterion, Point, Progress

from .factories import PointFactory

pytestmark = pytest.mark.django_db
P = Point.Status


def test_the_loader_is_idempotent_and_updates(tmp_path):
    assert services.load_criteria() == {"created": 6, "updated": 0}
    assert services.load_criteria() == {"created": 0, "updated": 0}
    data = json.loads(services.DATA.read_text())
    data["criteria"][1]["per_residents"] = 3000
    changed = tmp_path / "criteria.json"
    changed.write_text(json.dumps(data))
    assert services.load_criteria(changed) == {"created": 0, "updated": 1}
    criterion = Criterion.objects.get(number=2)
    assert criterion.per_residents == 3000
    assert criterion.source_url.startswith("https://") and criterion.source_date.year == 2026
    assert [c.number for c in Criterion.objects.filter(to_verify=True)] == [2, 3, 6]


def test_thresholds_read_the_population_of_the_wijken(criteria, wijk, other_wijk):
    assert services.population() == 50000
    lines = {line.criterion.number: line for line in services.overview(2026).lines}
    assert lines[2].needed == 20  # 50,000 / 2,500
    assert lines[3].needed == 10  # 50,000 / 5,000
    assert lines[1].needed is None
    PointFactory(neighbourhood=wijk, kind="shop")
    PointFactory(neighbourhood=wijk, kind="horeca")
    PointFactory(neighbourhood=wijk, kind="school")
    PointFactory(neighbourhood=wijk, kind="shop", status=P.SUBMITTED, approved_at=None)
    lines = {line.criterion.number: line for line in services.overview(2026).lines}
    assert (lines[2].counted, lines[2].missing) == (2, 18)
    assert (lines[3].counted, lines[3].missing) == (1, 9)
    other_wijk.population = 0
    other_wijk.save()
    wijk.population = 1000
    wijk.save()
    lines = {line.criterion.number: line for line in services.overview(2026).lines}
    assert lines[2].needed == 2  # the minimum
    assert lines[2].missing == 0 and lines[2].enough_points


def test_register_approve_and_notify(wijk, resident, worldcitizenship_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        point = services.register_point(
            resident, name="Koffiebar", kind="horeca", address="Vennestraat 1", neighbourhood=wijk,
            latitude=Decimal("50.965"), longitude=Decimal("5.495"), offer="Fairtradekoffie",
        )  # fmt: skip
    assert point.status == P.SUBMITTED
    assert Notification.objects.get(recipient=worldcitizenship_officer).kind == "fairtrade.to_review"
    with pytest.raises(PermissionDenied):
        workflow.approve(point, resident)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(point, worldcitizenship_officer, "Welkom!")
    assert point.status == P.APPROVED and point.approved_at
    notification = Notification.objects.get(recipient=resident)
    assert notification.kind == "fairtrade.approved"
    with pytest.raises(TransitionNotAllowed):
        workflow.decline(point, worldcitizenship_officer, "Te laat")
    workflow.withdraw(point, resident)
    assert point.status == P.WITHDRAWN
    assert [e.action for e in history(point)][-2:] in (
        ["fairtrade.point.approve", "fairtrade.point.withdraw"],
        ["fairtrade.point.withdraw", "fairtrade.point.approve"],
    )


def test_decline_tells_the_applicant_why(
    submitted, resident, worldcitizenship_officer, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.decline(submitted, worldcitizenship_officer, "We vinden geen fairtradeproducten op je menu.")
    assert submitted.status == P.DECLINED
    assert Notification.objects.get(recipient=resident).kind == "fairtrade.declined"
    assert any("We vinden geen fairtradeproducten" in m.body for m in mailoutbox)


def test_progress_moves_only_through_the_workflow(criteria, worldcitizenship_officer, civil_servant):
    progress = services.progress_for(2026)[0]
    assert progress.status == Progress.Status.NOT_STARTED
    with pytest.raises(PermissionDenied):
        workflow.set_progress(progress, civil_servant, "start")
    workflow.set_progress(progress, worldcitizenship_officer, "start", "Resolutie in voorbereiding")
    workflow.set_progress(progress, worldcitizenship_officer, "meet")
    progress.refresh_from_db()
    assert progress.status == "met" and progress.met_at and progress.notes == "Resolutie in voorbereiding"
    with pytest.raises(TransitionNotAllowed):
        workflow.set_progress(progress, worldcitizenship_officer, "start")
    workflow.set_progress(progress, worldcitizenship_officer, "reopen")
    assert progress.status == "in_progress" and progress.met_at is None
    assert services.overview(2026).met == 0
    assert len(services.progress_for(2026)) == 6  # idempotent


def test_indicator_counts_points_per_wijk_at_the_end_of_the_period(wijk, other_wijk):
    now = timezone.now()
    PointFactory(neighbourhood=wijk, approved_at=now - timedelta(days=400))
    PointFactory(neighbourhood=wijk, approved_at=now)
    withdrawn = PointFactory(
        neighbourhood=other_wijk, latitude=50.965, longitude=5.515, approved_at=now - timedelta(days=400)
    )
    withdrawn.status = P.WITHDRAWN
    withdrawn.withdrawn_at = now
    withdrawn.save()
    PointFactory(neighbourhood=wijk, status=P.SUBMITTED, approved_at=None)
    indicator = get("fairtrade.points")
    assert 12 in indicator.sdgs
    assert indicator.by_neighbourhood(Period.year(now.year)) == {wijk.pk: 2}
    last_year = Period.year(now.year - 1)
    assert indicator.by_neighbourhood(last_year) == {wijk.pk: 1, other_wijk.pk: 1}


def test_sdg_12_counts_and_lists_the_approved_points(approved):
    from worldcitizenship import tagging
    from worldcitizenship.models import Goal

    goal12, _c = Goal.objects.get_or_create(
        number=12, defaults={"short_title_nl": "Verantwoorde consumptie en productie"}
    )
    assert tagging.overview()[12]["fairtrade"] == 1
    items = [i for i in tagging.tagged_items(goal12) if i.url == approved.get_absolute_url()]
    assert len(items) == 1 and items[0].title == "Wereldwinkel Genk"
    goal1, _c = Goal.objects.get_or_create(number=1, defaults={"short_title_nl": "Geen armoede"})
    assert not [i for i in tagging.tagged_items(goal1) if i.url == approved.get_absolute_url()]
    assert "fairtrade" not in tagging.overview().get(1, {})
    approved.status = P.WITHDRAWN  # a withdrawn point no longer counts
    approved.save(update_fields=["status"])
    assert "fairtrade" not in tagging.overview().get(12, {})


def test_gdpr_export_and_erasure_keep_the_point(approved, resident):
    from genk.core import gdpr

    assert gdpr.export_sections(resident)["fairtrade"]["points_registered"][0]["name"] == "Wereldwinkel Genk"
    gdpr.erase_all(resident)
    approved.refresh_from_db()
    assert approved.applicant is None and approved.status == P.APPROVED


def test_the_officer_sees_the_queue_on_the_staff_dashboard(submitted, worldcitizenship_officer, civil_servant):
    from genk.core.portal import counted
    from worldcitizenship.fairtrade.portal import staff_items

    [item] = counted(staff_items(worldcitizenship_officer))  # the dashboard counts every number at once
    assert item.count == 1
    assert staff_items(civil_servant) == []


def test_followers_hear_of_a_new_point_and_a_criterion_met(
    criteria, submitted, other_resident, worldcitizenship_officer, django_capture_on_commit_callbacks
):
    from worldcitizenship.follows import Follow

    Follow.objects.create(user=other_resident, subject="fairtrade", how="immediately")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(submitted, worldcitizenship_officer)
    subjects = list(Notification.objects.filter(recipient=other_resident).values_list("subject", flat=True))
    assert len(subjects) == 1 and "Nieuw fairtradepunt: Koffiebar De Bonen" in subjects[0]
    progress = services.progress_for(2026)[4]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.set_progress(progress, worldcitizenship_officer, "meet")
    assert Notification.objects.filter(recipient=other_resident).count() == 2
