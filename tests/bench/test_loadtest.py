"""`make loadtest` (bench/loadtest.py, bench/locustfile.py): the plan, the report, and a smoke run
of the real locust script — 5 users for a few seconds against the test server — which must
ask for every kind of page and get no error."""

import json
import os
import subprocess
import sys

import pytest

from bench import pages as bench_pages
from bench.loadtest import ROOT, copies_line, crawl, plan_from, read_stats, table, tail_label


def test_pages_are_sorted_into_the_kinds_of_user_who_ask_for_them():
    pages = [
        bench_pages.Page("lijst", "/initiatieven/"),
        bench_pages.Page("profiel", "/profiel/", sessions=["sessionid=a"]),
        bench_pages.Page("werkbank", "/beheer/", sessions=["sessionid=b"]),
        bench_pages.Page("steunen", "/initiatieven/1/steunen/", method="POST", form="/initiatieven/1/", expect=302),
        bench_pages.Page("floor", "/bench/floor/"),
    ]
    plan = plan_from(pages, ["sessionid=r"], ["/wijken/a/"], "csrftoken", [0.5, 2], [70, 25, 5], "http://x:1")
    assert [p["path"] for p in plan["popular"]] == ["/initiatieven/"]  # the floor is no page a visitor asks
    assert [p["path"] for p in plan["resident_pages"]] == ["/profiel/"]
    assert [p["path"] for p in plan["staff_pages"]] == ["/beheer/"]
    assert plan["actions"][0]["form"] == "/initiatieven/1/" and plan["actions"][0]["expect"] == 302
    assert plan["tail"] == [{"label": "tail /wijken/", "path": "/wijken/a/"}]
    assert plan["weights"] == {"visitor": 70, "resident": 25, "staff": 5}


def test_the_page_cache_share_is_reported():
    assert copies_line({"home": [10, 9], "tail /agenda/": [10, 1]}) == (
        "answered from the page cache: 10 of 20 GETs (50 %)"
    )
    assert copies_line({}) == "answered from the page cache: 0 of 0 GETs (0 %)"


def test_long_tail_pages_are_grouped_by_their_first_segment():
    assert tail_label("/initiatieven/12-buurtfeest/?page=2") == "tail /initiatieven/"
    assert tail_label("/") == "tail /"


def test_the_report_reads_locusts_statistics(tmp_path):
    path = tmp_path / "run_stats.csv"
    path.write_text(
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
        "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
        "99.99%,100%\n"
        "GET,lijst,100,0,40,45,10,300,1000,10.0,0,40,50,60,70,80,120,150,200,300,300,300\n"
        "GET,traag,10,1,900,950,800,2000,1000,1.0,0.1,900,950,960,970,980,1500,1800,2000,2000,2000,2000\n"
        ",Aggregated,110,1,50,60,10,2000,1000,11.0,0.1,50,60,70,80,90,400,1000,1500,2000,2000,2000\n"
    )
    rows = read_stats(path)
    assert rows[-1] == {
        "name": "all", "method": "", "requests": 110, "failures": 1, "per_second": 11.0,
        "p50": 50.0, "p95": 400.0, "p99": 1500.0,
    }  # fmt: skip
    lines = table(rows)
    assert lines[1].split()[:3] == ["all", "110", "1"]
    assert lines[2].startswith("traag")  # the slowest page (by p95) first


def test_a_page_without_requests_after_the_reset_has_no_percentiles_and_the_report_still_reads(tmp_path):
    """Locust writes "N/A" for the percentiles of a page asked only before `--reset-stats`."""
    path = tmp_path / "run_stats.csv"
    path.write_text(
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
        "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
        "99.99%,100%\n"
        "GET,zelden,0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\n"
        ",Aggregated,10,0,50,60,10,200,1000,1.0,0,50,60,70,80,90,100,150,150,200,200,200\n"
    )
    rows = read_stats(path)
    assert rows[0] == {
        "name": "zelden", "method": "GET", "requests": 0, "failures": 0, "per_second": 0.0,
        "p50": 0.0, "p95": 0.0, "p99": 0.0,
    }  # fmt: skip
    assert table(rows)[1].split()[:3] == ["all", "10", "0"]


@pytest.mark.django_db(transaction=True)
def test_five_users_for_a_few_seconds_ask_every_kind_of_page_without_an_error(live_server, tmp_path):
    from tests.factories import UserFactory

    port = int(live_server.url.rsplit(":", 1)[1])
    ctx = bench_pages.PageContext(requests_per_page=5)
    resident = UserFactory()
    pages = [
        bench_pages.Page("home", "/"),
        bench_pages.Page("initiatieven", "/initiatieven/"),
        bench_pages.Page("profiel", "/profiel/", sessions=ctx.sessions([resident])),
    ]
    tail = crawl(port, ["/", "/initiatieven/"], 10)
    assert tail and all(not path.startswith("/beheer/") for path in tail)
    plan = plan_from(pages, ctx.sessions([resident]), tail, "csrftoken", [0.1, 0.3], [1, 1, 0], live_server.url)
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(plan))
    prefix = tmp_path / "smoke"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--host",
            live_server.url,
            "--users",
            "5",
            "--spawn-rate",
            "5",
            "--run-time",
            "4s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],  # fmt: skip
        env={**os.environ, "LOADTEST_PLAN": str(plan_path), "LOADTEST_CACHE_REPORT": str(tmp_path / "cache.json")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (ROOT / "bench" / "locustfile.py").exists()
    rows = read_stats(tmp_path / "smoke_stats.csv")
    overall = next(row for row in rows if row["name"] == "all")
    assert overall["requests"] >= 10, completed.stderr[-2000:]
    assert overall["failures"] == 0, (tmp_path / "smoke_failures.csv").read_text()
    names = {row["name"] for row in rows}
    assert "profiel" in names  # residents asked their own page, signed in (a 302 to the login would fail)
    assert {"home", "initiatieven"} & names and any(name.startswith("tail /") for name in names)
    # Every page asked is counted for the page-cache report (answered from a copy or not; the
    # report is written when locust stops, after its last CSV, so it may count a few more).
    answered = json.loads((tmp_path / "cache.json").read_text())
    gets = sum(row["requests"] for row in rows if row["method"] == "GET")
    assert "profiel" in answered and sum(asked for asked, _ in answered.values()) >= gets
    assert all(0 <= hits <= asked for asked, hits in answered.values())
    assert copies_line(answered).startswith("answered from the page cache: ")


def test_every_level_starts_with_the_actions_undone():
    """Each level is a new locust process that hands out the actions' residents from the first
    again: what the previous level did is undone before the next, or a sign-up is "already done"."""
    from bench import loadtest

    signed_up, seen = set(), []

    def level(users):
        seen.append((users, set(signed_up)))  # what the residents had done when the level began
        signed_up.update({"jan", "an"})
        return {"users": users}

    action = bench_pages.Page("inschrijven", "/x/", method="POST", form="/x/", undo=signed_up.clear)
    results = loadtest.run_levels([50, 200], level, [action, bench_pages.Page("lijst", "/")], 1)
    assert results == [{"users": 50}, {"users": 200}]
    assert seen == [(50, set()), (200, set())] and signed_up == set()
