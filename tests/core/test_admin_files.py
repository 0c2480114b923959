"""Every Django admin change page of a model with a file opens for an administrator.

Generic over the admin's registry: for each registered model with a FileField, an object is
made with the test factory of that model (found in tests/**/factories.py) with a file in each
file field, and its change page must answer 200 and show the file's name. A private file is
linked to the administrators' download view, never to a public URL."""

import importlib
import inspect
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from factory.django import DjangoModelFactory

from genk.core.files import PrivateStorage

pytestmark = pytest.mark.django_db

TESTS = Path(__file__).resolve().parents[1]
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def file_fields(model):
    return [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]


def factories() -> dict:
    found = {}
    for path in sorted(TESTS.glob("**/factories.py")):
        module = importlib.import_module(".".join(path.relative_to(TESTS.parent).with_suffix("").parts))
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, DjangoModelFactory) and value._meta.model is not None:
                found.setdefault(value._meta.model, value)
    return found


MODELS_WITH_FILES = sorted((model for model in admin.site._registry if file_fields(model)), key=lambda m: m._meta.label)


def test_the_councils_document_is_among_them():
    assert "councils.AgendaDocument" in {m._meta.label for m in MODELS_WITH_FILES}


@pytest.mark.parametrize("model", MODELS_WITH_FILES, ids=lambda m: m._meta.label)
def test_the_change_page_of_a_model_with_a_file_opens(client, admin_user, model):
    factory = factories().get(model)
    if factory is None:
        pytest.skip(f"no factory for {model._meta.label}")
    obj = factory()
    for field in file_fields(model):
        getattr(obj, field.name).save(f"bijlage-{field.name}.png", ContentFile(PNG), save=False)
    obj.save()
    client.force_login(admin_user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for field in file_fields(model):
        stored = getattr(obj, field.name)
        assert stored.name in html
        if isinstance(field.storage, PrivateStorage):
            private = reverse("core:private_file", kwargs={"area": field.storage.area, "name": stored.name})
            assert f'href="{private}"' in html


def test_a_private_file_is_served_to_administrators_only(client, admin_user, resident, civil_servant):
    from tests.councils.factories import DocumentFactory

    document = DocumentFactory()
    url = document.file.url
    assert url.startswith("/beheer/")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for person in (resident, civil_servant):
        client.force_login(person)
        assert client.get(url).status_code == 403
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_private_file_url_cannot_leave_its_area(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/beheer/bestanden/councils/../../etc/passwd").status_code == 404
    assert client.get("/beheer/bestanden/onbekend/x.pdf").status_code == 404
