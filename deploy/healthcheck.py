"""Container health check of the `web` service: is gunicorn answering a real page with 200?

Run by the image's HEALTHCHECK. It asks http://127.0.0.1:8000<HEALTHCHECK_PATH> (default "/",
the home page: templates, database and cache all take part) the way the reverse proxy does:
with a host name from ALLOWED_HOSTS and `X-Forwarded-Proto: https`, so neither the host check
nor the redirect to https gets in the way. Exit status 0 is healthy, 1 is not.
Standard library only, no Django: it must be cheap enough to run every 30 seconds.
"""

import http.client
import os
import sys

USER_AGENT = "samengenk-healthcheck"  # gunicorn.conf.py leaves these requests out of the access log


def host_header():
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and "*" not in host:
            return host
    return "localhost"


def main():
    port = int(os.environ.get("HEALTHCHECK_PORT", "8000"))
    path = os.environ.get("HEALTHCHECK_PATH", "/")
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=float(os.environ.get("HEALTHCHECK_TIMEOUT", "8"))
    )
    try:
        connection.request(
            "GET",
            path,
            headers={"Host": host_header(), "X-Forwarded-Proto": "https", "User-Agent": USER_AGENT},
        )
        status = connection.getresponse().status
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if status != 200:
        print(f"unhealthy: GET {path} answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
