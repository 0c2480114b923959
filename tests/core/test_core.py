import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from genk.core import audit, indicators
from tests.factories import DepartmentFactory, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_who_what_before_and_after(civil_servant):
    department = DepartmentFactory(name="Cultuur", slug="cultuur")
    before = audit.snapshot(department, fields=["name", "email"])
    department.email = "participatie@genk.be"
    department.save()
    entry = audit.record(
        civil_servant,
        "department.changed",
        department,
        before=before,
        after=audit.snapshot(department, ["name", "email"]),
    )
    assert entry.actor == civil_servant
    assert entry.object == department
    assert entry.changes() == [("email", "", "participatie@genk.be")]
    assert list(audit.history(department)) == [entry]


def test_audit_log_page_shows_entries_to_staff_only(client, civil_servant, resident):
    department = DepartmentFactory(name="Wereldburgerschap")
    audit.record(
        civil_servant, "department.renamed", department, before={"name": "WB"}, after={"name": "Wereldburgerschap"}
    )
    client.force_login(resident)
    assert client.get(reverse("core:audit_log")).status_code == 403
    client.force_login(civil_servant)
    html = client.get(reverse("core:audit_log")).content.decode()
    assert "department.renamed" in html
    assert "WB → Wereldburgerschap" in html


def test_audit_log_page_query_count_is_constant(client, civil_servant, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    department = DepartmentFactory()
    client.force_login(civil_servant)
    audit.record(civil_servant, "x.one", department)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:audit_log"))
    for i in range(60):
        audit.record(civil_servant, f"x.{i}", department)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("core:audit_log"))


def test_indicator_registry_computes_per_neighbourhood_district_and_city():
    a = NeighbourhoodFactory(population=1000)
    b = NeighbourhoodFactory(population=3000, district=a.district)
    c = NeighbourhoodFactory(population=2000)

    @indicators.register("test.events", label="Evenementen", unit="evenementen")
    def events(period):
        assert date(2026, 3, 1) in period
        return {a.pk: 2, b.pk: 5, c.pk: 1}

    @indicators.register("test.turnout", label="Opkomst", unit="%", aggregate="mean")
    def turnout(period):
        return {a.pk: 10.0, b.pk: 30.0}

    try:
        keys = [i.key for i in indicators.registered()]
        assert "test.events" in keys and "test.turnout" in keys
        period = indicators.Period.year(2026)
        ind = indicators.get("test.events")
        values = ind.by_neighbourhood(period)
        assert ind.combine(values, [a.pk, b.pk]) == 7
        assert ind.combine(values, [a.pk, b.pk, c.pk]) == 8
        rate = indicators.get("test.turnout")
        weights = {a.pk: 1000, b.pk: 3000}
        assert rate.combine(rate.by_neighbourhood(period), [a.pk, b.pk], weights) == 25.0
        assert rate.combine(rate.by_neighbourhood(period), [c.pk], weights) is None
        assert ind.app_label == "test"
    finally:
        indicators.unregister("test.events")
        indicators.unregister("test.turnout")
    assert "test.events" not in [i.key for i in indicators.registered()]


def test_indicator_rejects_unknown_aggregate():
    with pytest.raises(ValueError):
        indicators.register("test.bad", label="x", aggregate="median")


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    html = response.content.decode()
    assert "<script>" not in html and 'style="' not in html


def test_home_page_is_dutch_and_links_privacy_and_accessibility(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Het participatieplatform van de stad Genk" in html
    assert reverse("core:privacy") in html and reverse("core:accessibility") in html
    assert "Toegankelijkheidsverklaring" in client.get(reverse("core:accessibility")).content.decode()
    assert "Vlaamse Ombudsdienst" in client.get(reverse("core:accessibility")).content.decode()
    assert "Privacyverklaring" in client.get(reverse("core:privacy")).content.decode()


@pytest.mark.parametrize("language, text", [("en", "The participation platform"), ("fr", "La plateforme")])
def test_home_page_in_english_and_french(client, language, text):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/")
    assert response.headers["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html
    assert "Alleen de Nederlandse tekst is officieel" not in html  # the notice is translated too


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.allow_error_logs
def test_server_error_page(client, settings):
    from django.urls import path

    from genk import urls as root

    def boom(request):
        raise RuntimeError("boom")

    client.raise_request_exception = False
    settings.ROOT_URLCONF = type(
        "U", (), {"urlpatterns": [path("boom/", boom)] + root.urlpatterns, "handler500": root.handler500}
    )
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "genk.settings",
        "SECRET_KEY": "k3y-" + "x7Q9z!" * 10,
        "ALLOWED_HOSTS": "samen.genk.be",
        "EMAIL_URL": "smtp+tls://portal:secret@smtp.genk.be:587",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_public_name_of_a_user():
    assert UserFactory(display_name="Marie").public_name == "Marie"


def test_audit_log_pagination_keeps_the_filter(client, civil_servant):
    department = DepartmentFactory(name="Jeugd", slug="jeugd")
    for i in range(55):
        audit.record(civil_servant, f"jeugd.step{i}", department)
    client.force_login(civil_servant)
    html = client.get(reverse("core:audit_log"), {"handeling": "jeugd."}).content.decode()
    assert "?handeling=jeugd.&amp;pagina=2" in html


def test_every_beat_entry_names_a_registered_task():
    """The apps declare their periodic tasks (genk.core.beat); each must exist in a worker."""
    from genk.celery import app
    from genk.core import beat

    app.loader.import_default_modules()  # what a worker does at start: the apps' tasks modules
    entries = beat.schedule()
    assert {"notifications-daily-digest", "initiatives-close-support-periods", "councils-reminders"} <= set(entries)
    missing = [entry["task"] for entry in entries.values() if entry["task"] not in app.tasks]
    assert not missing, missing


def test_beat_scheduler_runs_what_the_apps_declare(tmp_path):
    """Celery beat, with the settings' scheduler, schedules every declared entry."""
    from genk.celery import app
    from genk.core import beat

    assert app.conf.beat_scheduler == "genk.core.beat:Scheduler"
    scheduler = beat.Scheduler(app, schedule_filename=str(tmp_path / "beat"), lazy=True)
    scheduler.setup_schedule()
    assert set(beat.schedule()) <= set(scheduler.schedule)
    assert scheduler.schedule["subsidies-remind-applicants"].task == "initiatives.subsidies.tasks.remind_applicants"
    scheduler.close()


@pytest.mark.parametrize(
    ("value", "short", "expected"),
    [
        (Decimal("2500"), False, "€\u00a02.500,00"),
        ("1500000", True, "€\u00a01.500.000"),
        (Decimal("12345.5"), True, "€\u00a012.345,50"),
        (Decimal("-0.004"), False, "€\u00a00,00"),
        (Decimal("-120.5"), False, "-€\u00a0120,50"),
        (None, False, ""),
        ("veel", False, ""),
    ],
)
def test_amounts_in_euro_are_written_the_dutch_way(value, short, expected):
    from genk.core.money import format_euro

    assert format_euro(value, cents_when_needed=short) == expected


def test_the_demo_runs_on_sqlite(tmp_path):
    """`make demo` migrates a SQLite database and loads the demo data, with no PostgreSQL or
    Redis: every migration and every demo step must work there too (a PostgreSQL-only index or
    query would break the first thing a city tries)."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        DJANGO_SETTINGS_MODULE="genk.settings",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
    )
    for command in (["migrate", "--verbosity", "0"], ["load_demo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert "Genk-demo-2026" in result.stdout
    assert "secretariaat@demo.samen.genk.be" in result.stdout
