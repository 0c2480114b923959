"""The simulated users of `make loadtest` (bench/loadtest.py writes their plan; read its docstring).

Locust runs this file in its own process (gevent), with the plan's path in LOADTEST_PLAN: a JSON
document naming the pages each kind of user asks for. The file imports nothing of the project:
it only speaks HTTP to gunicorn, as browsers do.

Three kinds of user, in the plan's proportions, each waiting a think time between requests:

- **visitor**: the popular public pages (lists, the home page, the most visited details — the
  pages `bench/steps/` declares) half of the time, and the long tail (pages reached by
  following links: other filters, other pages of a list, other initiatives, wijken,
  activities, …) the other half, so caches miss as they do in reality;
- **resident**, signed in (a session of their own, made by the plan as `make bench` makes
  them: no login form): their own pages (the signed-in pages the steps declare), the public
  pages while signed in, and now and then an action (a POST the steps declare: supporting,
  confirming a ballot, signing up, …), each action by a resident who has not done it yet;
- **staff** on their workbenches (`/beheer/…`, signed in).

A POST first loads its form page (reported apart, under "form: …") for the CSRF token and
cookie, then posts as a browser does; it must answer as declared (302 by default).
"""

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, between, events, task
from locust.contrib.fasthttp import LocustUserAgent

# No simulated user follows a redirect: a page must answer 200 itself and an action its 302.
# (locust's per-request allow_redirects=False swaps this set in and out around each request;
# under saturation a 302 was seen followed to a 200 page, so redirects are off for good.)
LocustUserAgent.redirect_response_codes = frozenset()

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text())
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HEADERS = {"Accept-Language": "nl"}
THINK = PLAN.get("think", [0.5, 2.0])

# Each action's sessions are used once (a resident who has not supported / voted / signed up
# yet): one shared iterator per action, in this single locust process.
ACTIONS = [(action, iter(action["sessions"])) for action in PLAN["actions"]]
RESIDENT_SESSIONS = itertools.cycle(PLAN["resident_sessions"] or [""])


# Requests answered from the whole-page cache (`X-Page-Cache: hit`), per page label, counted
# from the last statistics reset; written to LOADTEST_CACHE_REPORT when the run stops.
ANSWERED: dict[str, list[int]] = {}


@events.reset_stats.add_listener
def _forget_answers(**kwargs):
    ANSWERED.clear()


@events.test_stop.add_listener
def _write_answers(**kwargs):
    report = os.environ.get("LOADTEST_CACHE_REPORT")
    if report:
        Path(report).write_text(json.dumps(ANSWERED))


def cycle_sessions(pages):
    return [(page, itertools.cycle(page["sessions"] or [""])) for page in pages]


SIGNED_IN_PAGES = cycle_sessions(PLAN["resident_pages"])
STAFF_PAGES = cycle_sessions(PLAN["staff_pages"])


SIGNED_IN_POPULAR = [page for page in PLAN["popular"] if not page["path"].startswith("/account/")]


def browse(user, popular: float = 0.5):
    """One public page: a popular one (`popular` of the time) or one of the long tail. A
    signed-in resident does not open the log-in or sign-up pages (they redirect them)."""
    if PLAN["tail"] and random.random() >= popular:
        page = random.choice(PLAN["tail"])
    else:
        page = random.choice(SIGNED_IN_POPULAR if user.cookie else PLAN["popular"])
    user.get(page["path"], page["label"])


class PortalUser(FastHttpUser):
    abstract = True
    wait_time = between(*THINK)
    cookie = ""

    def get(self, path: str, label: str, cookie: str | None = None):
        headers = dict(HEADERS)
        cookie = self.cookie if cookie is None else cookie
        if cookie:
            headers["Cookie"] = cookie
        self.client.cookiejar.clear()  # each request carries exactly the cookies given here
        with self.client.get(path, name=label, headers=headers, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {path}")
            counted = ANSWERED.setdefault(label, [0, 0])
            counted[0] += 1
            counted[1] += response.headers.get("X-Page-Cache") == "hit"
        return response


class Visitor(PortalUser):
    weight = PLAN["weights"]["visitor"]

    @task
    def browse(self):
        browse(self)


class Resident(PortalUser):
    weight = PLAN["weights"]["resident"]

    def on_start(self):
        self.cookie = next(RESIDENT_SESSIONS)

    @task(4)
    def own_page(self):
        if not SIGNED_IN_PAGES:
            return browse(self)
        page, sessions = random.choice(SIGNED_IN_PAGES)
        self.get(page["path"], page["label"], cookie=next(sessions))

    @task(4)
    def browse_signed_in(self):
        browse(self, popular=0.6)

    @task(2)
    def act(self):
        if not ACTIONS:
            return browse(self)
        action, sessions = random.choice(ACTIONS)
        session = next(sessions, None)
        if session is None:  # every resident prepared for this action has done it
            return browse(self)
        form = self.get(action["form"], f"form: {action['label']}", cookie=session)
        match = CSRF_FIELD.search(form.text or "")
        csrf_value = next((c.value for c in self.client.cookiejar if c.name == PLAN["csrf_cookie"]), None)
        if not match or not csrf_value:
            return
        self.client.cookiejar.clear()
        headers = {
            **HEADERS,
            "Cookie": f"{session}; {PLAN['csrf_cookie']}={csrf_value}",
            "Origin": PLAN["origin"],
            "Referer": PLAN["origin"] + action["form"],
        }
        data = {**action["data"], "csrfmiddlewaretoken": match.group(1)}
        with self.client.post(
            action["path"], data=data, name=action["label"], headers=headers, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != action["expect"]:
                response.failure(f"{response.status_code}, expected {action['expect']}")


class Staff(PortalUser):
    weight = PLAN["weights"]["staff"]

    @task
    def workbench(self):
        if not STAFF_PAGES:
            return browse(self)
        page, sessions = random.choice(STAFF_PAGES)
        self.get(page["path"], page["label"], cookie=next(sessions))
