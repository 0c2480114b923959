"""`make burst`'s counting and verdict (bench/burst.py) on small fixtures: what counts as lost
or doubled, which answers fail a burst, the table; and `fire` against a tiny local server
(no gunicorn, no database)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.burst import Answer, Check, Outcome, Shot, fire, problems, table


def test_a_check_counts_what_is_missing_as_lost_and_what_is_extra_as_doubled():
    check = Check("supports per resident", {1: 1, 2: 1, 3: 1}, {1: 1, 3: 2})
    assert (check.lost, check.doubled) == (1, 1)  # resident 2 has none, resident 3 two
    assert (check.expected_total, check.found_total) == ("3", 3)  # the totals agree: only per key it shows
    assert "LOST 1, DOUBLED 1" in check.line()


def test_a_row_nobody_expected_is_doubled():
    assert Check("supports per resident", {1: 1}, {1: 1, 9: 1}).doubled == 1


def test_a_range_allows_anything_within_it():
    racing = Check("supports per resident", {1: (0, 1), 2: (0, 1), 3: (0, 1)}, {1: 1, 3: 1})
    assert (racing.lost, racing.doubled, racing.expected_total) == (0, 0, "0–3")
    assert Check("supports per resident", {1: (0, 1)}, {1: 2}).doubled == 1


def test_a_counter_above_its_rows_is_doubled_below_them_lost():
    assert Check("support_count = support rows", {"n": 163}, {"n": 164}).doubled == 1
    assert Check("support_count = support rows", {"n": 163}, {"n": 161}).lost == 2


def outcome(statuses, checks=None, **kwargs):
    answers = [Answer(status, 0.010 * (n + 1)) for n, status in enumerate(statuses)]
    return Outcome("burst", answers, 0.5, checks or [Check("rows", {1: 1}, {1: 1})], **kwargs)


def test_a_clean_burst_has_no_problems_and_its_figures():
    clean = outcome([302] * 20)
    assert problems([clean]) == []
    assert clean.per_second == 40.0
    assert clean.latency_ms(0.5) == pytest.approx(105)  # median of 10, 20, …, 200 ms
    assert clean.latency_ms(0.95) == pytest.approx(190)  # nearest rank: the 19th of 20


def test_server_errors_missing_answers_and_unexpected_statuses_fail_a_burst():
    burst = outcome([302, 500, 502, 403])
    burst.answers.append(Answer(0, 30.0, "TimeoutError: timed out"))
    assert problems([burst]) == [
        "burst: 2 answered 5xx",
        "burst: 1 got no answer (TimeoutError: timed out)",
        "burst: 1 answered 403",
    ]
    assert burst.latency_ms(0.95) == pytest.approx(40)  # requests without an answer have no latency


def test_a_status_the_burst_allows_is_no_problem():
    assert problems([outcome([302, 200], allowed=frozenset({200, 302}))]) == []
    assert problems([outcome([302, 200])]) == ["burst: 1 answered 200"]


def test_lost_and_doubled_rows_fail_a_burst_check_by_check():
    burst = outcome(
        [302, 302],
        [Check("ballots per voter", {1: 1, 2: 1}, {1: 1, 2: 2}), Check("choices per ballot", {1: 3}, {1: 2})],
    )
    assert (burst.lost, burst.doubled) == (1, 1)
    assert problems([burst]) == ["burst: choices per ballot: 1 lost", "burst: ballots per voter: 1 doubled"]


def test_the_table_has_a_row_per_burst():
    lines = table([outcome([302] * 20), outcome([302, 302, 200], allowed=frozenset({200, 302}))])
    assert lines[0].startswith("| burst | requests | HTTP statuses | rows expected | rows found | lost | doubled |")
    assert lines[2] == "| burst | 20 | 302 × 20 | 1 | 1 | 0 | 0 | 40.0 | 105 | 190 |"
    assert "| 200 × 1, 302 × 2 |" in lines[3]


class Recorder(BaseHTTPRequestHandler):
    """Answers every POST with a redirect once all of a burst's requests have arrived (so it
    fails unless they are sent at once); records the bodies."""

    arrived: threading.Barrier
    bodies: list[bytes]

    def do_POST(self):
        self.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.arrived.wait(timeout=5)
        self.send_response(302)
        self.send_header("Location", "/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_fire_sends_every_shot_at_once_and_collects_the_answers():
    shots = [Shot("/steunen/", "sessionid=x", {"csrfmiddlewaretoken": str(n)}) for n in range(8)]
    Recorder.arrived, Recorder.bodies = threading.Barrier(len(shots)), []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        answers, wall = fire(server.server_address[1], shots)
    finally:
        server.shutdown()
        server.server_close()
    assert [a.status for a in answers] == [302] * len(shots)
    assert sorted(Recorder.bodies) == sorted(f"csrfmiddlewaretoken={n}".encode() for n in range(8))
    assert 0 < wall < 5
