"""`make bench`'s verdict on issue 17's target (bench/run.py): no page's median above 10× the read
floor, a POST's above 3× the write floor; reported after the table, fatal only with BENCH_STRICT=1."""

import io
import os
import subprocess
import sys

import pytest

from bench import run


def page(label, median, method="GET", path=None, ok=True, status="200"):
    return {"label": label, "method": method, "path": path or f"/{label}/", "median": median, "ok": ok,
            "status": status}  # fmt: skip


def results(*pages):
    """Pages as run.measure returns them, the write floor (3 ms) and the read floor (2 ms) last."""
    return [
        *pages,
        page(run.WRITE_FLOOR, 3.0, method="POST", path="/bench/floor/write/", status="302"),
        page(run.READ_FLOOR, 2.0, path="/bench/floor/"),
    ]


def test_a_get_is_judged_against_ten_times_the_read_floor():
    verdict = run.against_target(results(page("lijst", 20.0), page("rapport", 20.2)))
    assert (verdict["judged"], verdict["met"]) == (2, 1)  # 10.0× meets it, 10.1× does not
    assert [(m["label"], round(m["ratio"], 2), m["target"], m["floor"]) for m in verdict["misses"]] == [
        ("rapport", 10.1, 10, "read")
    ]


def test_a_post_is_judged_against_three_times_the_write_floor_not_the_read_floor():
    verdict = run.against_target(
        results(page("steunen", 9.0, method="POST"), page("stem bevestigen", 9.3, method="POST"))
    )
    # 9.3 ms is 4.65× the read floor, well within 10×, but 3.1× the write floor: a miss.
    assert [(m["label"], m["floor"], m["target"]) for m in verdict["misses"]] == [("stem bevestigen", "write", 3)]
    assert verdict["met"] == 1


def test_the_floors_are_not_judged_and_the_misses_come_worst_first():
    verdict = run.against_target(results(page("a", 30.0), page("b", 500.0), page("c", 1.0), page("d", 100.0)))
    assert verdict["judged"] == 4
    assert [m["label"] for m in verdict["misses"]] == ["b", "d", "a"]


def test_without_a_write_floor_a_post_is_judged_against_the_read_floor():
    rows = [page("steunen", 15.0, method="POST"), page(run.READ_FLOOR, 2.0, path="/bench/floor/")]
    verdict = run.against_target(rows)
    assert verdict["misses"] == [] and verdict["met"] == 1  # 7.5× the read floor


def test_without_a_read_floor_there_is_no_verdict():
    with pytest.raises(ValueError, match="no read floor"):
        run.against_target([page("lijst", 2.0)])


def test_the_report_says_how_many_pages_meet_the_target_and_lists_the_others():
    lines = run.target_lines(
        run.against_target(results(page("lijst", 4.0), page("rapport", 300.0, path="/sdg/rapport/2025/")))
    )
    assert lines[0].endswith("1 of 2 pages meet it; 1 above it:")
    assert "| rapport | `/sdg/rapport/2025/` | 150.0 | 10× the read floor |" in lines


def test_the_report_when_every_page_meets_the_target():
    lines = run.target_lines(run.against_target(results(page("lijst", 4.0), page("steunen", 6.0, method="POST"))))
    assert lines == [lines[0]] and lines[0].endswith("2 of 2 pages meet it, every one.")


def test_a_page_above_the_target_fails_the_run_only_when_strict():
    rows = results(page("lijst", 4.0), page("rapport", 300.0))
    verdict = run.against_target(rows)
    out = io.StringIO()
    assert run.exit_status(rows, [], verdict, strict=False, out=out) == 0
    assert out.getvalue() == ""
    assert run.exit_status(rows, [], verdict, strict=True, out=out) == 1
    assert "ABOVE TARGET (BENCH_STRICT): rapport (/rapport/) at 150.0× the read floor (target 10×)" in out.getvalue()


def test_a_page_that_answered_wrongly_fails_the_run_strict_or_not():
    rows = results(page("lijst", 4.0, ok=False, status="500"))
    verdict = run.against_target(rows)
    out = io.StringIO()
    assert run.exit_status(rows, [], verdict, strict=False, out=out) == 1
    assert "FAILED: lijst (/lijst/) answered 500" in out.getvalue()
    assert run.exit_status(results(page("lijst", 4.0)), [], verdict, strict=True, out=io.StringIO()) == 0


@pytest.mark.parametrize(("value", "strict"), [("", False), ("0", False), ("1", True), ("true", True)])
def test_bench_strict_is_read_from_the_environment(value, strict):
    code = "import bench.run as r; print(r.STRICT)"
    env = {**os.environ, "BENCH_STRICT": value}
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=run.ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == str(strict)
