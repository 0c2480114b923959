import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_production_static_files_collect_and_the_home_page_renders(client, tmp_path):
    """Production uses a manifest storage that refuses a missing file: every asset a
    template names must exist and collect."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path / "static", DEBUG=False):
        call_command("collectstatic", "--noinput", verbosity=0)
        for url in ("/", "/wijken/", "/wereldburgerschap/sdg/", "/account/login/", "/toegankelijkheid/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "/static/css/main." in response.content.decode()
    assert list((tmp_path / "static" / "css").glob("main.*.css"))
