"""Settings for `make bench`: the portal's settings plus the bench app, a middleware that
counts SQL queries per request (response header X-Query-Count) and the floor view."""

from genk.settings import *  # noqa: F403
from genk.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# First, so that it counts every query of the request, the session and user look-ups included.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"
