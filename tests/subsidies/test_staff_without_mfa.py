"""A civil servant who typed the password but not the two-factor code is an ordinary resident,
on the applicant and public pages as much as under /beheer/ (issue 16, finding 3).

The person below is, with MFA, a moderator of initiatives (participation department), the
handler of every initiative and every subsidy file, a member of the schemes' department, an
assessor of every file and a member of the decision secretariat. Without MFA, walking every URL
of initiatives and subsidies (GET and POST) shows no other applicant's file, downloads nothing
and changes nothing; with MFA the same person can.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from initiatives.models import Initiative, Initiator
from initiatives.subsidies.models import Assessment, Document, SubsidyFile
from tests.factories import (
    DepartmentFactory,
    DepartmentMembershipFactory,
    NeighbourhoodFactory,
    UserFactory,
    enroll_mfa,
)
from tests.initiatives.factories import CommentFactory, add_co_initiator, in_state

from .applicant_pages import pdf
from .factories import add_co_applicant, make_file

S = SubsidyFile.Status
IBAN = "BE71096123456769"
# Open data anyone downloads.
PUBLIC_DOWNLOADS = {"subsidies:register_csv", "subsidies:register_360giving"}

# Actions any signed-in resident may take (they do not depend on a staff role).
RESIDENT_ACTIONS = {
    "initiatives:create",
    "initiatives:invitation",
    "initiatives:report_comment",
    "initiatives:support",
    "initiatives:withdraw_support",
    "initiatives:follow",
    "initiatives:comment",
    "subsidies:apply",
    "subsidies:accept_invitation",
}
URLCONFS = {
    "initiatives": "initiatives.urls",
    "initiatives_staff": "initiatives.staff_urls",
    "subsidies": "initiatives.subsidies.urls",
    "subsidies_staff": "initiatives.subsidies.staff_urls",
}


def _names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name, list(pattern.pattern.regex.groupindex)


def every_url_name():
    for namespace, urlconf in URLCONFS.items():
        for name, params in _names(get_resolver(urlconf).url_patterns):
            yield f"{namespace}:{name}", params


@pytest.fixture
def servant(db, scheme):
    """A member of the participation department (which handles `scheme`) and of the decision
    secretariat, without MFA."""
    user = DepartmentMembershipFactory(department=scheme.department, user__display_name="Sam Ambtenaar").user
    DepartmentMembershipFactory(user=user, department=DepartmentFactory(name="Secretariaat", slug="secretariaat"))
    return user


@pytest.fixture
def world(servant, scheme, applicant, co_applicant):
    """An initiative in every state and a subsidy file in every state, all handled by `servant`."""
    initiator, co_initiator, neighbourhood = UserFactory(), UserFactory(), NeighbourhoodFactory()
    initiatives = {}
    for status in Initiative.Status.values:
        initiative = in_state(
            status,
            created_by=initiator,
            neighbourhood=neighbourhood,
            handler=servant,
            title=f"Publiek plan {status}" if status in Initiative.PUBLIC_STATES else f"Verborgen plan {status}",
        )
        add_co_initiator(initiative, co_initiator)
        initiatives[status] = initiative
    files = {}
    for i, status in enumerate(S.values):
        file = make_file(
            status,
            scheme=scheme,
            applicant=applicant,
            handler=servant,
            applicant_address=f"Geheimstraat {i + 1}",
            iban=IBAN,
        )
        add_co_applicant(file, user=co_applicant, address=f"Verborgenlaan {i + 1}")
        if status != S.DRAFT:
            Assessment.objects.get_or_create(file=file, assessor=servant)
        files[status] = file
    from initiatives.subsidies import services

    documents = {}
    for status, file in files.items():
        real = file.status
        SubsidyFile.objects.filter(pk=file.pk).update(status=S.DRAFT)
        file.refresh_from_db()
        documents[status] = services.add_document(file, applicant, pdf(), title="Offerte")
        SubsidyFile.objects.filter(pk=file.pk).update(status=real)
    public = initiatives[Initiative.Status.COLLECTING]
    comment = CommentFactory(initiative=public)
    return {
        "initiatives": initiatives,
        "files": files,
        "documents": documents,
        "comment": comment,
    }


def _kwarg_sets(name, params, world):
    """Every way to fill the URL `name`'s parameters with the world's objects."""
    if not params:
        return [{}]
    if "reference" in params:
        rows = []
        for status, file in world["files"].items():
            row = {"reference": file.reference}
            if "pk" in params:
                row["pk"] = world["documents"][status].pk
            rows.append(row)
        return rows
    if name == "subsidies:document":
        return [{"pk": d.pk} for d in world["documents"].values()]
    if name in ("subsidies:scheme", "subsidies:apply", "subsidies_staff:scheme_edit"):
        return [{"slug": world["files"][S.DRAFT].scheme.slug}]
    if "token" in params:
        return [{"token": "onbekend"}]
    if name in ("initiatives_staff:hide_comment", "initiatives_staff:dismiss_reports", "initiatives:report_comment"):
        return [{"pk": world["comment"].pk}]
    rows = []
    for initiative in world["initiatives"].values():
        row = {"pk": initiative.pk}
        if "slug" in params:
            row["slug"] = initiative.slug
        if "step" in params:
            row["step"] = "over"
        if "initiator_pk" in params:
            row["initiator_pk"] = Initiator.objects.filter(initiative=initiative, role=Initiator.Role.CO).first().pk
        if "invitation_pk" in params:
            row["invitation_pk"] = 0
        if "action" in params:
            for action in ("publiceren", "behandelaar", "antwoorden", "voortgang"):
                rows.append({**row, "action": action})
            continue
        rows.append(row)
    return rows


def every_url(world):
    for name, params in every_url_name():
        for kwargs in _kwarg_sets(name, params, world):
            yield name, reverse(name, kwargs=kwargs)


# What a POST sends: enough for the step to succeed for someone who may take it.
POST_DATA = {
    "initiatives:post_update": {"title": "Nieuws van de stad", "body": "De stad plant de werken in het voorjaar."},
    "subsidies_staff:assign": {"take": "1"},
    "subsidies_staff:note": {"body": "Interne notitie", "text": "Interne notitie"},
}


def snapshot():
    """Everything initiatives and subsidies store, as counts and states."""
    state = {}
    for label in ("initiatives", "subsidies", "core"):
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            state[model._meta.label] = model.objects.count()
    state["initiatives"] = sorted(Initiative.objects.values_list("pk", "status", "handler_id", "modified"))
    state["files"] = sorted(SubsidyFile.objects.values_list("pk", "status", "handler_id", "modified"))
    return state


def secrets(world):
    texts = [IBAN, "BE71 0961 2345 6769"]
    texts.extend(i.title for i in world["initiatives"].values() if i.title.startswith("Verborgen"))
    for file in world["files"].values():
        texts.append(file.applicant_address)
        texts.extend(file.co_applicants.values_list("address", flat=True))
    return texts


def test_staff_without_mfa_sees_and_does_nothing_a_resident_could_not(client, servant, world, settings):
    assert not servant.has_mfa
    client.force_login(servant)
    hidden = secrets(world)
    urls = list(every_url(world))
    assert len({name for name, _url in urls}) == len(list(every_url_name()))  # every URL walked
    leaks = []
    for name, url in urls:
        response = client.get(url)
        if response.status_code == 200:
            if name not in PUBLIC_DOWNLOADS and (response.streaming or response.get("Content-Disposition")):
                leaks.append(f"GET {url} downloads {response.get('Content-Disposition')}")
                continue
            if response.streaming:
                continue
            html = response.content.decode(errors="replace")
            leaks.extend(f"GET {url} shows {text}" for text in hidden if text in html)
    before = snapshot()
    for name, url in urls:
        if name in RESIDENT_ACTIONS:
            continue
        data = dict(POST_DATA.get(name, {}))
        if name in ("subsidies:documents",) or name == "subsidies_staff:document_remove":
            reference = url.split("/dossiers/")[1].split("/")[0]
            file = SubsidyFile.objects.get(reference=reference)
            document = Document.objects.filter(file=file).first()
            data["verwijderen"] = document.pk if document else 0
        response = client.post(url, data)
        assert response.status_code < 500, (url, response.status_code)
    after = snapshot()
    changed = {key for key in before if before[key] != after[key]}
    assert not leaks, "\n".join(leaks)
    assert not changed, changed


def test_the_same_person_with_mfa_can(client, servant, world):
    enroll_mfa(servant)
    client.force_login(servant)
    submitted = world["files"][S.SUBMITTED]
    html = client.get(reverse("subsidies:file", kwargs={"reference": submitted.reference})).content.decode()
    assert submitted.applicant_address in html
    document = world["documents"][S.SUBMITTED]
    response = client.get(reverse("subsidies:document", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    granted = world["files"][S.GRANTED]
    assert client.get(reverse("subsidies:letter", kwargs={"reference": granted.reference})).status_code == 200

    initiative = world["initiatives"][Initiative.Status.COLLECTING]
    response = client.post(
        reverse("initiatives:post_update", kwargs={"pk": initiative.pk}), POST_DATA["initiatives:post_update"]
    )
    assert response.status_code == 302
    assert initiative.updates.filter(title="Nieuws van de stad").exists()

    response = client.post(
        reverse("subsidies:documents", kwargs={"reference": submitted.reference}), {"verwijderen": document.pk}
    )
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    submitted_initiative = world["initiatives"][Initiative.Status.SUBMITTED]
    page = client.get(
        reverse("initiatives:detail", kwargs={"pk": submitted_initiative.pk, "slug": submitted_initiative.slug})
    )
    assert page.status_code == 200
