"""Static files in production: whitenoise, with a year's cache for hashed names.

`collectstatic` (with `CompressedManifestStaticFilesStorage`, production only) writes each file
twice: under its own name (`css/main.css`) and under a name holding a hash of its content
(`css/main.3f2a9c1b7d4e.css`), each with a gzip (`.gz`) and a Brotli (`.br`, when the `brotli`
package is installed: `whitenoise[brotli]` in pyproject.toml) variant where compressing saves
more than 5 %. Templates only ever link the hashed name (`{% static %}`), so:

- a **hashed** name never changes content: `Cache-Control: max-age=31536000, public, immutable`
  (one year, the longest HTTP caches are asked to keep anything; whitenoise's own default is ten);
- an **unhashed** name may change with the next release: `max-age=60` (`WHITENOISE_MAX_AGE`);
- the variant follows the browser's `Accept-Encoding` (Brotli before gzip, `Vary: Accept-Encoding`),
  read from disk as compressed at build time: no CPU per request.

`tests/core/test_static.py` asks gunicorn, started with the production settings and
`deploy/gunicorn.conf.py`, for these headers.
"""

from whitenoise.middleware import WhiteNoiseMiddleware

ONE_YEAR = 365 * 24 * 60 * 60


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """whitenoise's middleware, with hashed files cached for a year rather than ten."""

    FOREVER = ONE_YEAR
