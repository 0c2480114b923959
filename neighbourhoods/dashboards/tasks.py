"""Celery tasks of the dashboards. Both are safe to rerun.

- `refresh_figures(day=None)`: store yesterday's figures (or `day`'s); daily at 01:30. The
  upsert makes a rerun rewrite the same rows.
- `send_weekly_reports(day=None)`: every Monday at 07:00, each current director gets, per wijk
  they direct, the figures of the last seven days against the seven before, with a link to the
  dashboard and an XLSX attachment. Send-once key `dashboards.weekly:<user>:<wijk>:<ISO week>`
  (genk.core.notifications.send_email_once): a rerun in the same week sends nothing again.
"""

from datetime import date, timedelta

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from genk.core import beat, exports, notifications
from genk.core.indicators import Period
from neighbourhoods.models import TeamMembership

from . import dashboard, periods, services


@shared_task
def refresh_figures(day: str | None = None) -> int:
    target = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    return services.refresh(target)


def weekly_rows(wijk, today: date, wijken=None, pops=None):
    """The rows of a wijk's weekly report: the last seven days (up to yesterday) against the
    seven before."""
    end = today - timedelta(days=1)
    choice = periods.Choice("range", Period(end - timedelta(days=6), end))
    scope = dashboard.Scope("wijk", wijk.name, wijk, [wijk.pk])
    rows, _trend, _values = dashboard.build(scope, choice, public_only=False, wijken=wijken, pops=pops, today=today)
    return choice, rows


def report_table(rows, choice):
    headers = [
        _("Cijfer"),
        _("Eenheid"),
        choice.label(),
        choice.label(choice.previous),
        _("Verschil"),
        _("Stadsgemiddelde"),
        _("Per 1.000 inwoners"),
    ]
    return headers, [
        [str(r.figure.label), str(r.figure.unit), r.value, r.previous, r.change, r.city_average, r.per_1000]
        for r in rows
    ]


@shared_task
def send_weekly_reports(day: str | None = None) -> int:
    today = date.fromisoformat(day) if day else timezone.localdate()
    week = notifications.week_key(today)
    memberships = (
        TeamMembership.objects.current(today)
        .directors()
        .filter(user__is_active=True, user__erased_at__isnull=True)
        .select_related("user", "neighbourhood")
        .order_by("user_id", "neighbourhood__name")
    )
    wijken = dashboard.all_wijken()
    pops = services.populations(wijken)
    sent = 0
    for membership in memberships:
        user, wijk = membership.user, membership.neighbourhood
        with translation.override(user.language or settings.LANGUAGE_CODE):
            choice, rows = weekly_rows(wijk, today, wijken, pops)
            changed = [r for r in rows if r.change]
            url = notifications.absolute_url(reverse("dashboards_staff:wijk", args=[wijk.slug]))
            subject = _("Weekoverzicht %(wijk)s") % {"wijk": wijk.name}
            body = render_to_string(
                "dashboards/weekly_report.txt",
                {"wijk": wijk, "choice": choice, "rows": rows, "changed": changed, "url": url},
            )
            attachment = exports.xlsx_bytes(report_table(rows, choice), wijk.name)
        sent += notifications.send_email_once(
            f"dashboards.weekly:{user.pk}:{wijk.pk}:{week}",
            user,
            subject,
            body.strip(),
            attachments=[(f"weekoverzicht-{wijk.slug}-{week}.xlsx", attachment, exports.XLSX)],
        )
    return sent


beat.every("dashboards-refresh-figures", refresh_figures, crontab(hour=1, minute=30))
beat.every("dashboards-weekly-reports", send_weekly_reports, crontab(day_of_week=1, hour=7, minute=0))
