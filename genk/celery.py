"""The Celery app. Its configuration, the beat schedule included, lives in settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "genk.settings")

app = Celery("genk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
