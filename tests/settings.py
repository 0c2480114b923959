"""Test settings: the real PostgreSQL and Redis, and strict about templates, time and logs."""

import inspect
import os
import tempfile

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samengenk")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("CACHE_KEY_PREFIX", "samengenk-test")

from genk.settings import *  # noqa: F403
from genk.settings import BASE_DIR, TEMPLATES

_PROJECT_DIRS = tuple(
    str(BASE_DIR / d)
    for d in ("templates", "genk", "neighbourhoods", "initiatives", "participation", "volunteers", "worldcitizenship")
)


class StrictUndefined(str):
    """Fails the test when one of *our* templates uses an undefined variable.

    Third-party templates (Django admin, allauth) are left alone: they rely on lenient
    lookups by design."""

    def __contains__(self, item):
        return item == "%s"

    def __mod__(self, var):
        origin = _template_origin()
        if origin and origin.startswith(_PROJECT_DIRS):
            raise AssertionError(f"Undefined template variable {var!r} in {origin}")
        return ""


def _template_origin():
    for frame_info in inspect.stack()[2:]:
        if frame_info.function == "render":
            origin = getattr(frame_info.frame.f_locals.get("self"), "origin", None)
            if origin is not None and getattr(origin, "name", None):
                return str(origin.name)
    return None


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = StrictUndefined("%s")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="samengenk-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="samengenk-private-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEBUG = False
STATIC_ROOT = tempfile.mkdtemp(prefix="samengenk-static-")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}
