import logging

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import (
    CouncilMembershipFactory,
    DepartmentMembershipFactory,
    OrganisationMembershipFactory,
    TeamMembershipFactory,
    UserFactory,
    enroll_mfa,
)


def pytest_collection_modifyitems(config, items):
    """Fast tests first: the browser tests (and the real Celery worker) run last, so a
    failure in the quick tests shows within the first minutes."""
    slow = ("browser", "celery_worker")
    items.sort(key=lambda item: any(item.get_closest_marker(m) for m in slow))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """One line with the total coverage (`make test` runs pytest with --cov and no table)."""
    plugin = config.pluginmanager.getplugin("_cov")
    total = getattr(plugin, "cov_total", None) if plugin else None
    if total is not None:
        terminalreporter.write_line(f"Coverage of genk and the apps: {total:.1f} % of statements")


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(request):
    """A test that makes the portal log an error fails, unless it says it expects one."""
    collector = _ErrorCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    yield
    root.removeHandler(collector)
    if collector.records and not request.node.get_closest_marker("allow_error_logs"):
        messages = "\n".join(f"{r.name}: {r.getMessage()}" for r in collector.records)
        pytest.fail(f"Errors were logged during the test:\n{messages}")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    """A request in another language leaves it active in the thread: start every test in Dutch."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


# Personas. Each is a verified user with the role as data; staff have MFA enrolled.


@pytest.fixture
def visitor():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Fatma Yilmaz")


@pytest.fixture
def other_resident(db):
    return UserFactory(display_name="Jos Vanderhoven")


@pytest.fixture
def civil_servant(db):
    user = DepartmentMembershipFactory(department__name="Participatie", department__slug="participatie").user
    enroll_mfa(user)
    return user


@pytest.fixture
def civil_servant_without_mfa(db):
    return DepartmentMembershipFactory(department__name="Participatie", department__slug="participatie").user


@pytest.fixture
def council_member(db):
    return CouncilMembershipFactory().user


@pytest.fixture
def neighbourhood_director(db):
    membership = TeamMembershipFactory()
    DepartmentMembershipFactory(
        user=membership.user, department__name="Gebiedsgerichte werking", department__slug="gebiedsgerichte-werking"
    )
    enroll_mfa(membership.user)
    return membership.user


@pytest.fixture
def organisation_rep(db):
    return OrganisationMembershipFactory().user


@pytest.fixture
def volunteer_coordinator(db):
    from genk.accounts.models import OrganisationMembership

    return OrganisationMembershipFactory(role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR).user


@pytest.fixture
def worldcitizenship_officer(db):
    user = DepartmentMembershipFactory(department__name="Wereldburgerschap", department__slug="wereldburgerschap").user
    enroll_mfa(user)
    return user


@pytest.fixture
def admin_user(db):
    user = UserFactory(is_staff=True, is_superuser=True, display_name="Beheerder")
    enroll_mfa(user)
    return user
