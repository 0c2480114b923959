"""The shared kernel in genk/core: workflow runs, refusals, the permission helper, formats."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import rules
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import include, path

from genk.core import audit, formats, permissions
from genk.core.refusals import AlreadyDone, NotAllowed, Refusal, attempt, refusals_to
from genk.core.workflow import Transition, TransitionNotAllowed, Workflow
from initiatives.models import Initiative
from tests.factories import DepartmentFactory, DepartmentMembershipFactory, UserFactory, enroll_mfa
from tests.initiatives.factories import in_state

S = Initiative.Status

rules.add_perm("kernel_test.publish", rules.is_authenticated)
rules.add_perm("kernel_test.nobody", rules.always_deny)

FLOW = Workflow(
    Initiative,
    [
        Transition("publish", {S.SUBMITTED}, S.COLLECTING, "kernel_test.publish", "publish"),
        Transition("forbidden", {S.SUBMITTED}, S.REJECTED, "kernel_test.nobody", "nobody"),
        Transition("close", {S.COLLECTING}, S.CLOSED, None, "system"),
    ],
    audit_prefix="kernel_test",
)


def test_transition_sources_are_a_frozenset_and_a_table_refuses_duplicates():
    t = Transition("x", [S.DRAFT, S.DRAFT], S.SUBMITTED, None)
    assert t.sources == frozenset({S.DRAFT})
    with pytest.raises(ValueError, match="declared twice"):
        Workflow(Initiative, [t, t], audit_prefix="x")


@pytest.mark.django_db
def test_run_moves_state_saves_only_changed_fields_and_audits(resident):
    initiative = in_state(S.SUBMITTED)
    FLOW.run("publish", initiative, resident, reason="ok")
    initiative.refresh_from_db()
    assert initiative.status == S.COLLECTING
    entry = audit.history(initiative).first()
    assert entry.action == "kernel_test.publish"
    assert entry.before == {"status": S.SUBMITTED}
    assert entry.after == {"status": S.COLLECTING}
    assert entry.reason == "ok"


@pytest.mark.django_db
def test_move_does_not_undo_a_column_written_by_someone_else(resident):
    initiative = in_state(S.SUBMITTED)
    with transaction.atomic():
        t, locked = FLOW.begin("publish", initiative, resident)
        # Another writer (in real life blocked by the lock; here: a column this transition never set).
        Initiative.objects.filter(pk=initiative.pk).update(summary="changed elsewhere")
        FLOW.move(t, locked, resident)
    initiative.refresh_from_db()
    assert initiative.summary == "changed elsewhere"
    assert initiative.status == S.COLLECTING


@pytest.mark.django_db
def test_fields_set_before_move_are_saved_and_audited_with_their_value_at_the_lock(resident):
    initiative = in_state(S.SUBMITTED, summary="before")
    with transaction.atomic():
        t, locked = FLOW.begin("publish", initiative, resident)
        locked.summary = "after"
        FLOW.move(t, locked, resident, audited=["summary"])
    initiative.refresh_from_db()
    assert initiative.summary == "after"
    entry = audit.history(initiative).first()
    assert entry.before["summary"] == "before" and entry.after["summary"] == "after"


@pytest.mark.django_db
def test_wrong_state_is_a_transition_not_allowed_which_is_a_not_allowed(resident):
    initiative = in_state(S.DRAFT)
    with pytest.raises(TransitionNotAllowed) as caught:
        FLOW.run("publish", initiative, resident)
    assert isinstance(caught.value, NotAllowed)
    assert "status" in str(caught.value)
    initiative.refresh_from_db()
    assert initiative.status == S.DRAFT
    assert not audit.history(initiative).exists()


@pytest.mark.django_db
def test_rule_refusal_is_permission_denied_and_changes_nothing(resident):
    initiative = in_state(S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        FLOW.run("forbidden", initiative, resident)
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED


@pytest.mark.django_db
def test_rule_first_reports_the_permission_before_the_state(resident):
    flow = Workflow(Initiative, list(FLOW), audit_prefix="kernel_test", rule_first=True)
    initiative = in_state(S.DRAFT)
    with pytest.raises(PermissionDenied), transaction.atomic():
        flow.begin("forbidden", initiative, resident)
    with pytest.raises(TransitionNotAllowed), transaction.atomic():
        FLOW.begin("forbidden", initiative, resident)


@pytest.mark.django_db
def test_system_transitions_take_no_user_and_are_never_offered(resident):
    initiative = in_state(S.COLLECTING)
    assert not FLOW.allowed("close", initiative, resident)
    FLOW.run("close", initiative, None)
    assert initiative.status == S.CLOSED  # the caller's instance follows


@pytest.mark.django_db
def test_available_lists_what_the_user_may_do_now(resident, visitor):
    initiative = in_state(S.SUBMITTED)
    assert [t.name for t in FLOW.available(initiative, resident)] == ["publish"]
    assert FLOW.available(initiative, visitor) == []


# Permissions.


@pytest.mark.django_db
def test_can_does_not_let_a_superuser_pass_every_rule(admin_user):
    assert admin_user.has_perm("kernel_test.nobody")  # Django's shortcut …
    assert not permissions.can(admin_user, "kernel_test.nobody")  # … is not ours
    with pytest.raises(PermissionDenied, match="Niet jij"):
        permissions.require(admin_user, "kernel_test.nobody", message="Niet jij")


@pytest.mark.django_db
def test_in_department_needs_a_current_membership_and_mfa():
    owner, other = DepartmentFactory(), DepartmentFactory()
    member = UserFactory()
    DepartmentMembershipFactory(user=member, department=owner)
    owns = permissions.in_department(lambda obj: obj)
    assert not owns(member, owner)  # no MFA yet
    enroll_mfa(member)
    member = type(member).objects.get(pk=member.pk)
    assert owns(member, owner)
    assert owns(member, [other, owner])
    assert not owns(member, other)
    assert not owns(member, None)
    outsider = UserFactory(is_superuser=True)
    enroll_mfa(outsider)
    assert not owns(outsider, owner)


# Refusals in views.


def _view_refusing(error):
    def view(request):
        raise error

    return view


urlpatterns = [
    path("weigert/", _view_refusing(NotAllowed("Nog niet open tot 16 december 2026."))),
    path("al-gedaan/", _view_refusing(AlreadyDone("Je steunt dit al."))),
    path("doorverwezen/", _view_refusing(NotAllowed("Kies een andere datum.", next_url="/agenda/"))),
    path("", include("genk.urls")),
]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_an_uncaught_refusal_is_a_page_that_says_why(client):
    response = client.get("/weigert/")
    assert response.status_code == 409
    assert "Nog niet open tot 16 december 2026." in response.text


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_an_uncaught_refusal_on_a_post_goes_back_with_the_message(client):
    response = client.post("/al-gedaan/", headers={"referer": "http://testserver/initiatieven/"})
    assert response.status_code == 302 and response["Location"] == "http://testserver/initiatieven/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Je steunt dit al."]
    response = client.post("/al-gedaan/", headers={"referer": "https://evil.example/"})
    assert response.status_code == 409  # never back to another site
    response = client.get("/doorverwezen/")
    assert response.status_code == 302 and response["Location"] == "/agenda/"


def _request_with_messages():
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_refusals_to_and_attempt():
    @refusals_to("/terug/")
    def view(request):
        raise AlreadyDone("Al gedaan.")

    request = _request_with_messages()
    response = view(request)
    assert response.status_code == 302 and response["Location"] == "/terug/"
    assert [(m.level_tag, str(m)) for m in request._messages] == [("info", "Al gedaan.")]

    from django import forms

    class F(forms.Form):
        day = forms.DateField()

    form = F({"day": "2026-12-16"})
    assert form.is_valid()

    def refuse():
        raise NotAllowed("Die dag is vol.")

    assert attempt(None, refuse, form=form, field="day") == (False, None)
    assert form.errors["day"] == ["Die dag is vol."]
    assert attempt(None, lambda: 42) == (True, 42)
    assert issubclass(TransitionNotAllowed, Refusal)


# Formats.


def test_formats_are_the_same_in_every_language():
    from django.utils import translation

    for language in ("nl", "en", "fr"):
        with translation.override(language):
            assert formats.euro(Decimal("2500")) == "€\u00a02.500,00"
            assert formats.euro_plain(Decimal("1234567.5")) == "1.234.567,50"
            assert formats.long_date(date(2026, 12, 16)) == "16 december 2026"
    late = datetime(2026, 12, 15, 23, 30, tzinfo=ZoneInfo("UTC"))  # 16 December in Genk
    assert formats.day_label(late) == "16-12-2026"
    assert formats.day_label(None) == "" and formats.long_date(None) == ""


@pytest.mark.django_db
def test_staff_required_sends_visitors_to_login_and_tells_others_why(client, resident):
    @permissions.staff_required
    def view(request):
        return HttpResponse("ok")

    request = RequestFactory().get("/beheer/x/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert view(request).status_code == 302
    request.user = resident
    with pytest.raises(PermissionDenied, match="medewerkers"):
        view(request)
