"""Settings for Samen Genk, read from the environment.

Development and `make demo` need no environment at all: SQLite, tasks in-process, mail
written to files. Production sets DJANGO_ENV=production and the variables in README.md.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env(
    "SECRET_KEY",
    default="" if PRODUCTION else "development-only-secret-key-do-not-use-in-production-0123456789",
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_htmx",
    "genk.core",
    "genk.accounts",
    "neighbourhoods",
    "neighbourhoods.agenda",
    "neighbourhoods.areawork",
    "neighbourhoods.dashboards",
    "worldcitizenship",
    "worldcitizenship.fairtrade",
    "initiatives",
    "initiatives.subsidies",
    "participation.councils",
    "participation.budgets",
    "participation.surveys",
    "volunteers",
    "volunteers.buddies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "genk.core.staticfiles.StaticFilesMiddleware",  # whitenoise: hashed files cached a year
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "genk.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "genk.accounts.middleware.StaffMFAMiddleware",
    "genk.accounts.middleware.PersonalPagesNotStoredMiddleware",
    "genk.core.refusals.RefusalMiddleware",
]

ROOT_URLCONF = "genk.urls"
WSGI_APPLICATION = "genk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "genk.core.context_processors.portal",
            ],
            "builtins": ["genk.core.templatetags.genk_formats"],
        },
    },
]

# Database: DATABASE_URL, else SQLite for `make demo`.
if not env("DATABASE_URL", default=""):
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache (rate limits across processes), Celery broker. Without it everything runs in-process.
# The cache fails open (genk/core/cache.py): when Redis is unreachable pages are served from the
# database and one warning is logged; a short socket timeout keeps an unreachable host from
# holding a request.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "genk.core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="samengenk"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "genk.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# django-allauth: email login, mandatory verification, MFA, rate limits (stored in the cache).
ACCOUNT_ADAPTER = "genk.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "genk.accounts.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# The start of the subject of every email the portal sends (notifications.email_subject).
PORTAL_EMAIL_SUBJECT_PREFIX = "[Samen Genk] "
ACCOUNT_EMAIL_SUBJECT_PREFIX = PORTAL_EMAIL_SUBJECT_PREFIX
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Rate limits count per client address ("ip"), per account ("key": the email typed) or per user.
# Behind proxies the client address comes from X-Forwarded-For, of which only the last
# ALLAUTH_TRUSTED_PROXY_COUNT entries are trusted (the ones our own proxies appended): 0 in
# development (no proxy: REMOTE_ADDR), 2 in docker-compose.yml (the host's TLS reverse proxy and
# the stack's nginx, docs/deploy.md). Counting per proxy address would put the whole city in one
# bucket: five wrong passwords anywhere would lock out every login.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
# Or a header that a trusted proxy sets to the client's address (e.g. "CF-Connecting-IP").
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Failed logins: 5 per 5 minutes per account (Decidim: 5 a minute per email), 10 a minute per address.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "5/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samen Genk"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_AUTO_SIGNUP = True

# OpenID Connect (e.g. the Flemish government's login with eID / itsme): on when OIDC_CLIENT_ID is set.
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
SOCIALACCOUNT_PROVIDERS = {}
if OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env("OIDC_PROVIDER_ID", default="vlaanderen"),
                "name": env("OIDC_NAME", default="Vlaanderen (eID / itsme)"),
                "client_id": OIDC_CLIENT_ID,
                "secret": env("OIDC_CLIENT_SECRET", default=""),
                "settings": {
                    "server_url": env("OIDC_SERVER_URL"),
                    "scope": env.list("OIDC_SCOPES", default=["openid", "profile", "email"]),
                },
            }
        ],
    }

# Languages: Dutch is the source language of every string; English and French are translations.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "samengenk_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # no script reads it
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Private uploads (subsidy documents, confidential council documents) live outside MEDIA_ROOT
# and are only served through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Static files are served by whitenoise (genk/core/staticfiles.py): hashed names for a year,
# immutable; unhashed names (not linked by any template) for a minute; gzip and Brotli variants
# compressed once by collectstatic.
WHITENOISE_MAX_AGE = 0 if DEBUG else 60

# Mail: EMAIL_URL (smtp://user:pass@host:587, smtp+tls://..., smtps://...), else one file per
# message in var/mail/ (EMAIL_FILE_PATH), so `make demo` needs no mail server.
# In production without EMAIL_URL, mail goes to the host's own MTA on port 25.
EMAIL_URL = env("EMAIL_URL", default="smtp://localhost:25" if PRODUCTION else "")
if EMAIL_URL:
    _mail = environ.Env.email_url_config(EMAIL_URL)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _mail["EMAIL_HOST"],
                "port": _mail["EMAIL_PORT"],
                "username": _mail["EMAIL_HOST_USER"],
                "password": _mail["EMAIL_HOST_PASSWORD"],
                "use_tls": _mail.get("EMAIL_USE_TLS", False),
                "use_ssl": _mail.get("EMAIL_USE_SSL", False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))},
        }
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Samen Genk <noreply@samen.genk.be>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis broker when REDIS_URL is set; otherwise tasks run in-process (eager).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# A worker that dies (SIGKILL, OOM, a lost machine) must not lose or long delay its tasks. Every
# task is idempotent, so: acknowledge a task after it ran (acks_late), hand it back when the worker
# dies mid-task (reject_on_worker_lost), and take one task at a time (prefetch 1: nothing waits
# unacknowledged behind a long task). Redis redelivers an unacknowledged task after the
# visibility timeout (Kombu's default is an hour): 15 minutes, longer than any task may run (the
# hard time limit, 12 minutes) and than any retry's countdown (at most a few seconds' backoff),
# so a running task is never handed out twice. README.md, "Background work: Celery".
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 12 * 60
# A publish (from a request, or beat) that finds the broker down fails within a second instead of
# retrying for seconds: work queued on commit is kept in the outbox (genk/core/outbox.py) and
# published later. The worker's own reconnection is not affected (it has its own retry loop).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 15 * 60,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TIMEZONE = TIME_ZONE
# Periodic tasks are declared by each app in its tasks.py (genk.core.beat.every); this
# scheduler adds them to beat's schedule. CELERY_BEAT_SCHEDULE stays for one-off additions.
CELERY_BEAT_SCHEDULER = "genk.core.beat:Scheduler"
CELERY_BEAT_SCHEDULE = {}

# Security. Production: secure cookies, HSTS, SSL redirect. Everywhere: a strict CSP with nonces.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# A 403 is logged as one warning line without a traceback (genk/core/logs.py, installed by the core app).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO" if PRODUCTION else "WARNING")},
}

# Portal facts used across apps.
PORTAL_NAME = "Samen Genk"
GENK_POPULATION = 67877  # 1 January 2024, Statbel
GENK_POPULATION_YEAR = 2024
# Burgervoorstel: 1 % of residents aged 16+ must support it. The default (an ESTIMATE) and its
# source are in initiatives/conf.py; the environment may give the population register's count.
for _name in ("INITIATIVES_BURGERVOORSTEL_ELIGIBLE", "INITIATIVES_BURGERVOORSTEL_ELIGIBLE_YEAR"):
    if env(_name, default=None):
        globals()[_name] = env.int(_name)
del _name

if PRODUCTION and not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")


FORM_RENDERER = "genk.core.forms.FormRenderer"
