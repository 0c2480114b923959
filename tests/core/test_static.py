import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from packaging.requirements import Requirement


@pytest.mark.django_db
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


def _production_env(static_root):
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "genk.settings",
        "SECRET_KEY": "static-test-" + "k7Q!" * 12,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory, django_db_setup):
    """gunicorn as the image runs it: production settings, deploy/gunicorn.conf.py, the static files
    collected at build time (here into a temporary STATIC_ROOT), the test database for whatever is
    not a static file. Yields (port, static_root)."""
    static_root = tmp_path_factory.mktemp("static")
    env = _production_env(static_root)
    database = settings.DATABASES["default"]
    env["DATABASE_URL"] = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    env.update(GUNICORN_WORKERS="1", GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_LOG_LEVEL="warning")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "--config", "deploy/gunicorn.conf.py", "--no-control-socket", "genk.wsgi:application"]
    process = subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode()[-3000:]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start within 60 s"
                time.sleep(0.2)
        yield port, static_root
    finally:
        process.terminate()
        process.wait(timeout=30)


def _get(port, path, accept_encoding=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if accept_encoding is not None:
        headers["Accept-Encoding"] = accept_encoding
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _hashed(static_root, name):
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"][name]
    assert hashed != name and hashed.startswith(name.rsplit(".", 1)[0] + ".")
    return hashed


@pytest.mark.parametrize("name", ["css/main.css", "img/favicon.svg"])
def test_production_serves_a_hashed_static_file_for_a_year_in_brotli_or_gzip(production_server, name):
    port, static_root = production_server
    hashed = _hashed(static_root, name)
    original = (settings.BASE_DIR / "static" / name).read_bytes()

    status, headers, body = _get(port, f"/static/{hashed}", "gzip, deflate, br, zstd")
    assert status == 200
    assert headers["cache-control"] == "max-age=31536000, public, immutable"
    assert headers["content-encoding"] == "br"
    assert headers["vary"] == "Accept-Encoding"
    assert brotli.decompress(body) == original
    assert len(body) < len(original) * 0.95

    status, headers, body = _get(port, f"/static/{hashed}", "gzip")
    assert (status, headers["content-encoding"]) == (200, "gzip")
    assert headers["cache-control"] == "max-age=31536000, public, immutable"
    assert gzip.decompress(body) == original

    status, headers, body = _get(port, f"/static/{hashed}")  # a client that compresses nothing
    assert status == 200 and "content-encoding" not in headers
    assert body == original


def test_production_serves_an_unhashed_static_file_for_a_minute_only(production_server):
    """Only hashed names are immutable: /static/css/main.css changes with the next release."""
    port, _ = production_server
    status, headers, body = _get(port, "/static/css/main.css", "br")
    assert status == 200
    assert headers["cache-control"] == "max-age=60, public"
    assert headers["content-encoding"] == "br"
    assert brotli.decompress(body) == (settings.BASE_DIR / "static" / "css" / "main.css").read_bytes()


def test_production_answers_404_for_a_static_file_that_does_not_exist(production_server):
    port, _ = production_server
    status, headers, _ = _get(port, "/static/css/main.0123456789ab.css", "br")
    assert status == 404
    assert "immutable" not in headers.get("cache-control", "")


def test_the_image_installs_brotli_for_the_compressed_variants():
    """The Dockerfile installs pyproject's dependencies with constraints.txt; Brotli must be one of
    them (whitenoise's `brotli` extra), pinned, or collectstatic writes no .br files."""
    project = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    whitenoise = next(r for r in requirements if r.name == "whitenoise")
    assert "brotli" in whitenoise.extras or any(r.name.lower() == "brotli" for r in requirements)
    pins = (settings.BASE_DIR / "constraints.txt").read_text().lower().splitlines()
    assert any(line.startswith("brotli==") for line in pins)
