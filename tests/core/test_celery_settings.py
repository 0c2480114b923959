"""The Celery settings are what README.md's Celery section says, and they fit together."""

import re
from pathlib import Path

from genk.celery import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()

# README setting -> the Celery app's configuration key
KEYS = {
    "CELERY_TASK_ACKS_LATE": "task_acks_late",
    "CELERY_TASK_REJECT_ON_WORKER_LOST": "task_reject_on_worker_lost",
    "CELERY_WORKER_PREFETCH_MULTIPLIER": "worker_prefetch_multiplier",
    "CELERY_TASK_SOFT_TIME_LIMIT": "task_soft_time_limit",
    "CELERY_TASK_TIME_LIMIT": "task_time_limit",
}


def documented() -> dict[str, str]:
    section = README.split("## Background work: Celery", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `(\w+)`[^|]*\| `([^`]+)`", section, flags=re.MULTILINE))


def test_the_settings_are_what_the_readme_says():
    table = documented()
    for setting, key in KEYS.items():
        assert str(app.conf[key]) == table[setting], setting
    assert str(app.conf.broker_transport_options["visibility_timeout"]) == table["visibility_timeout"]


def test_a_killed_workers_tasks_come_back_before_an_hour_but_never_while_running():
    conf = app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    visibility = conf.broker_transport_options["visibility_timeout"]
    assert conf.task_soft_time_limit < conf.task_time_limit < visibility < 60 * 60


def test_beat_drains_the_outbox_every_minute():
    from genk.core import beat

    entry = next(e for e in beat.schedule().values() if e["task"] == "genk.core.tasks.drain_outbox")
    assert entry["schedule"] == 60
