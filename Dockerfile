# syntax=docker/dockerfile:1
# Samen Genk: one image for the web server (gunicorn), the Celery worker and Celery beat.
# docker-compose.yml builds it once and runs it three ways; docs/deploy.md explains the rest.

ARG PYTHON_IMAGE=python:3.13-slim

# ---- build: dependencies, compiled translations, collected static files -------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

# gettext for compilemessages (build stage only: the final image does not need it).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app

# The pinned dependencies of pyproject.toml, from constraints.txt, in their own layer so that a code
# change does not reinstall them. The project itself runs from /app and is not installed as a package
# (which is what `pip install -c constraints.txt .` would add on top of these).
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" \
        > /tmp/requirements.txt \
    && pip install -c constraints.txt -r /tmp/requirements.txt \
    && pip check

COPY . .

# Translations and static files at build time, with the production settings (a throwaway key:
# nothing is signed here). whitenoise serves the hashed, compressed files from STATIC_ROOT.
RUN export DJANGO_ENV=production SECRET_KEY=build-time-only-not-a-secret STATIC_ROOT=/app/staticfiles \
    && python manage.py compilemessages --verbosity 0 \
    && python manage.py collectstatic --noinput --verbosity 0 \
    && python -m compileall -q -j 0 /app \
    && rm -rf /app/var

# ---- the image ---------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE}

ARG APP_UID=1000
ARG APP_GID=1000

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=genk.settings \
    DJANGO_ENV=production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private

# A non-root user owns only what the portal writes: the upload folders and the beat schedule
# (named volumes take this ownership when they are first created) and var/ (mail files, if no
# EMAIL_URL is set). The code belongs to root and is read-only for the portal.
RUN groupadd --gid "${APP_GID}" genk \
    && useradd --uid "${APP_UID}" --gid genk --home-dir /app --no-create-home --shell /usr/sbin/nologin genk \
    && mkdir -p /data/media /data/private /data/beat \
    && chown -R genk:genk /data \
    && chmod 750 /data/private

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
RUN mkdir /app/var && chown genk:genk /app/var

USER genk
WORKDIR /app
EXPOSE 8000

# For the web service; docker-compose.yml gives worker and beat their own checks.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "/app/deploy/healthcheck.py"]

ENTRYPOINT ["/bin/sh", "/app/deploy/entrypoint.sh"]
CMD ["gunicorn", "--config", "/app/deploy/gunicorn.conf.py", "genk.wsgi:application"]
