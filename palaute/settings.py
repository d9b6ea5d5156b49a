"""Settings for Palaute, read from the environment.

Nothing is required for the embedded default (SQLite, local files, a folder queue for
background work, email to the console). Production sets at least DATABASE_URL,
SECRET_KEY, PALAUTE_FIELD_KEYS, PALAUTE_BLIND_INDEX_KEY, ALLOWED_HOSTS, EMAIL_URL,
REDIS_URL and PALAUTE_BASE_URL ("Production" in the README).
"""

import base64
import datetime as dt
import os
import re
import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from palaute.storage import file_storage

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("PALAUTE_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)

# A key generated into var/ belongs to one machine, and what one machine encrypts or signs
# another cannot read. On PostgreSQL, which several machines may share, production sets the
# keys itself, the same on every node; a development run opts out with DEBUG=true.
_KEYS_FROM_ENVIRONMENT = ("SECRET_KEY", "PALAUTE_FIELD_KEYS", "PALAUTE_BLIND_INDEX_KEY")
_missing_keys = [name for name in _KEYS_FROM_ENVIRONMENT if not env.str(name, default="")]
_engine = env.db_url("DATABASE_URL", default="sqlite://:memory:")["ENGINE"]
if _missing_keys and not DEBUG and "postgresql" in _engine:
    raise ImproperlyConfigured(
        f"Set {', '.join(_missing_keys)} in the environment, the same on every machine: on "
        "PostgreSQL with DEBUG off Palaute does not generate keys into var/, which is per "
        "machine. See “Production” in the README for making them, or set DEBUG=true for "
        "development."
    )


def _generated(name: str, make) -> str:
    """A key generated once into the var folder, readable by its owner only; when two
    processes start at once, the second reads what the first wrote."""
    path = VAR_DIR / name
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(make())
    return path.read_text().strip()


def _secret_key() -> str:
    """The key from the environment, or one generated once and kept in the var folder."""
    return env.str("SECRET_KEY", default="") or _generated(
        "secret_key", lambda: secrets.token_urlsafe(50)
    )


def _fernet_key() -> str:
    """A new Fernet key: 32 random bytes, url-safe base64 (as Fernet.generate_key)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


SECRET_KEY = _secret_key()
# Contact details and messages are encrypted at rest (palaute/privacy/crypto.py): the first
# key encrypts, every key decrypts; see "Privacy" in the README for rotating them.
PALAUTE_FIELD_KEYS = env.list("PALAUTE_FIELD_KEYS", default=[]) or [
    _generated("field_key", _fernet_key)
]
# The key of the blind indexes (keyed hashes) that find an email address or a phone number.
PALAUTE_BLIND_INDEX_KEY = env.str("PALAUTE_BLIND_INDEX_KEY", default="") or _generated(
    "blind_index_key", lambda: secrets.token_urlsafe(48)
)
# Old blind-index keys still searched while `palaute rotate_blind_index` rewrites the digests.
PALAUTE_BLIND_INDEX_KEY_FALLBACKS = env.list("PALAUTE_BLIND_INDEX_KEY_FALLBACKS", default=[])
# Months after closing that contact details, attachments and the original text are kept,
# at the top of the tree; an organisation may set its own (Organization.retention_months).
PALAUTE_RETENTION_MONTHS = env.int("PALAUTE_RETENTION_MONTHS", default=24)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

PALAUTE_BASE_URL = env.str("PALAUTE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
PALAUTE_DEMO = env.bool("PALAUTE_DEMO", default=False)
# Feedback forms one address may send in an hour (palaute/throttle.py).
PALAUTE_SUBMISSIONS_PER_HOUR = env.int("PALAUTE_SUBMISSIONS_PER_HOUR", default=20)
# Public forms sent sooner than this after the page was shown are refused (robots).
PALAUTE_MIN_FILL_SECONDS = env.int("PALAUTE_MIN_FILL_SECONDS", default=3)
# Per-address limits by name (palaute/throttle.py), as JSON: {"open311-post": 2000}.
PALAUTE_THROTTLE_LIMITS = env.json("PALAUTE_THROTTLE_LIMITS", default={})
# How many reverse proxies in front of the web nodes append to X-Forwarded-For.
PALAUTE_TRUSTED_PROXIES = env.int("PALAUTE_TRUSTED_PROXIES", default=0)
PALAUTE_MAP_TILE_URL = env.str(
    "PALAUTE_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
PALAUTE_MAP_ATTRIBUTION = env.str(
    "PALAUTE_MAP_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# The area a marked place must be in: min lat, max lat, min long, max long (Finland).
PALAUTE_SERVICE_AREA = env.tuple(
    "PALAUTE_SERVICE_AREA", cast=float, default=(59.0, 70.5, 19.0, 32.0)
)
# Where the map opens when nothing is marked: Kuopio market square.
PALAUTE_MAP_CENTER = env.tuple("PALAUTE_MAP_CENTER", cast=float, default=(62.8924, 27.6770))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "treebeard",
    "axes",
    "palaute.organizations",
    "palaute.privacy",
    "palaute.feedback",
    "palaute.integrations",
    "palaute.surveys",
    "palaute.improvements",
    "palaute.reports",
    "palaute.notifications",
    "palaute.statements",
    "palaute.site",
    "palaute.backoffice",
    "palaute.open311",
    "palaute.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "palaute.site.outage.OutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "palaute.request_limits.RequestSizeMiddleware",
    "palaute.pagecache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "palaute.backoffice.middleware.StaffIdleTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "palaute.urls"
WSGI_APPLICATION = "palaute.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "palaute.site.context_processors.site",
                "palaute.backoffice.context_processors.staff",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'palaute.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# A Redis that is down or unreachable fails fast: the site goes on without it (see
# "Reliability" in the README) and reconnects by itself when it is back.
REDIS_TIMEOUTS = {"socket_connect_timeout": 2, "socket_timeout": 2}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {**REDIS_TIMEOUTS, "retry_on_timeout": False},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages kept whole in the cache (palaute/pagecache.py): only with a cache that every
# web process shares, and for at most this many seconds (a change shows at once anyway).
PALAUTE_PAGE_CACHE = env.bool("PALAUTE_PAGE_CACHE", default=bool(REDIS_URL))
PALAUTE_PAGE_CACHE_SECONDS = env.int("PALAUTE_PAGE_CACHE_SECONDS", default=300)
# Each web process hears of changes through Redis instead of asking on every request.
PALAUTE_PAGE_CACHE_WATCH = env.bool("PALAUTE_PAGE_CACHE_WATCH", default=bool(REDIS_URL))
# Deferred intake: a submission is accepted in one insert and recorded as feedback by a
# worker (palaute/feedback/services.py accept_submission). On by default with Redis, as in
# production; the embedded default records each submission in its request.
PALAUTE_DEFERRED_INTAKE = env.bool("PALAUTE_DEFERRED_INTAKE", default=bool(REDIS_URL))

AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:queue"
LOGOUT_REDIRECT_URL = "backoffice:login"
# Lock-out after repeated failed logins: five tries per user name and address, then a pause.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "backoffice/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "palaute.addresses.client_address"
# Sessions end after this long without activity, and at the latest after a working day.
PALAUTE_STAFF_IDLE_MINUTES = env.int("PALAUTE_STAFF_IDLE_MINUTES", default=60)
SESSION_COOKIE_AGE = 12 * 60 * 60
# The access log of contact details and original texts is kept this long, then purged daily.
PALAUTE_ACCESS_LOG_MONTHS = env.int("PALAUTE_ACCESS_LOG_MONTHS", default=60)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded files (attachments, summary PDFs): MEDIA_ROOT, or an S3-compatible bucket when
# PALAUTE_STORAGE is "s3" (see palaute/storage.py).
STORAGES = {
    "default": file_storage(env, media_root=MEDIA_ROOT),
    # Hashed, compressed names need `palaute collectstatic`; PALAUTE_STATIC_MANIFEST=false
    # keeps plain names, for nodes started without it (the reliability tests).
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("PALAUTE_STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Form fields and JSON bodies, files not counted: far above the longest form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
# A whole request with its files: five files of 10 MB and the form around them
# (palaute/request_limits.py); the proxy in front may refuse larger bodies first.
PALAUTE_MAX_REQUEST_BYTES = 55 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
# Text messages: "console" (default), "file" or "twilio".
PALAUTE_SMS_BACKEND = env.str("PALAUTE_SMS_BACKEND", default="console")
PALAUTE_SMS_FILE_PATH = env.str("PALAUTE_SMS_FILE_PATH", default=str(VAR_DIR / "sms"))
PALAUTE_SMS_INBOUND_SECRET = env.str("PALAUTE_SMS_INBOUND_SECRET", default="")
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM = env.str("TWILIO_FROM", default="")
TWILIO_API_URL = env.str("TWILIO_API_URL", default="https://api.twilio.com")
# Critical feedback (C3): unacknowledged, it is escalated after this many minutes, at most
# this many times.
PALAUTE_CRITICAL_ESCALATE_MINUTES = env.int("PALAUTE_CRITICAL_ESCALATE_MINUTES", default=120)
PALAUTE_CRITICAL_MAX_ESCALATIONS = env.int("PALAUTE_CRITICAL_MAX_ESCALATIONS", default=3)
# Route notices (muistutus, safety incident, 112): link addresses by name, JSON, e.g.
# {"ombudsperson": "https://…", "incident_report": {"fi": "https://…", "sv": "https://…"}}.
PALAUTE_ROUTE_LINKS = env.json("PALAUTE_ROUTE_LINKS", default={})
# Phone numbers are kept only as keyed hashes (the 30-day rule, opt-outs).
PALAUTE_PHONE_HASH_KEY = env.str("PALAUTE_PHONE_HASH_KEY", default=SECRET_KEY)
# A sender of the outbox holds a message this long; a crashed sender's message is sent
# again after it. A hung mail server must not hold a worker: well below the claim.
PALAUTE_OUTBOX_CLAIM_SECONDS = env.int("PALAUTE_OUTBOX_CLAIM_SECONDS", default=120)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Palaute <palaute@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
# Queueing a task in a request gives up in about a second when the broker is down (the
# outbox's sweeper sends the message later); workers wait for the broker forever.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = dict(REDIS_TIMEOUTS)
else:
    _queue = VAR_DIR / "queue"
    for _sub in ("messages", "processed", "control"):
        (_queue / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "messages"),
        "data_folder_out": str(_queue / "messages"),
        "processed_folder": str(_queue / "processed"),
        "control_folder": str(_queue / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Accepted submissions that a killed process left pending are recorded.
    "record-pending-intakes": {
        "task": "palaute.feedback.tasks.record_pending_intakes",
        "schedule": 30.0,
    },
    "deliver-due-messages": {
        "task": "palaute.notifications.tasks.deliver_due",
        "schedule": 60.0,
    },
    "process-deadlines": {
        "task": "palaute.feedback.tasks.process_deadlines",
        "schedule": crontab(minute="*/15"),
    },
    "send-digests": {
        "task": "palaute.notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "remind-development-actions": {
        "task": "palaute.improvements.tasks.send_action_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    "escalate-critical-feedback": {
        "task": "palaute.feedback.tasks.escalate_critical",
        "schedule": crontab(minute="*/5"),
    },
    "purge-access-log": {
        "task": "palaute.privacy.tasks.purge_access_log",
        "schedule": crontab(hour=3, minute=40),
    },
    "finish-sms-conversations": {
        "task": "palaute.surveys.tasks.finish_waiting_conversations",
        "schedule": crontab(minute="*/30"),
    },
    "purge-stale-uploads": {
        "task": "palaute.feedback.tasks.purge_stale_uploads",
        "schedule": crontab(minute=17),
    },
    "produce-half-year-summaries": {
        "task": "palaute.reports.tasks.produce_summaries",
        "schedule": crontab(hour=5, minute=0),
    },
    "roll-up-figures": {"task": "palaute.reports.tasks.roll_up", "schedule": 60.0},
    "erase-expired-personal-data": {
        "task": "palaute.privacy.tasks.erase_expired",
        "schedule": crontab(hour=3, minute=30),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Palaute Open311 GeoReport v2 API",
    "DESCRIPTION": (
        "Open311 GeoReport v2 with the Finnish (Helsinki, 6Aika) extensions. Every endpoint "
        "answers in JSON and XML (replace .json with .xml); this description covers the JSON "
        "form. See the README for the extensions and the field meanings."
    ),
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["palaute.open311.schema.only_json_paths"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Open311 errors are lists of {code, description}, as the successful answers are lists.
    "ENABLE_LIST_MECHANICS_ON_NON_2XX": True,
}
# Open311: open to every origin for reading; writing needs an API key and no browser.
CORS_URLS_REGEX = r"^/(open311|api)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
PALAUTE_OPEN311_CONTACT = env.str("PALAUTE_OPEN311_CONTACT", default="Palaute, palaute@localhost")
PALAUTE_OPEN311_KEY_SERVICE = env.str(
    "PALAUTE_OPEN311_KEY_SERVICE", default="Ask the administrator of the service for a key."
)
PALAUTE_OPEN311_TYPE = env.str("PALAUTE_OPEN311_TYPE", default="production")
PALAUTE_OPEN311_CHANGESET = "2026-11-22T00:00:00+02:00"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The production configuration: DEBUG off and an https PALAUTE_BASE_URL. It makes secure
# defaults automatic (HTTPS-only cookies, redirect to HTTPS, HSTS for a year); `make run`
# (http://127.0.0.1) and the tests keep plain HTTP. Each can still be set by environment.
PRODUCTION = not DEBUG and PALAUTE_BASE_URL.startswith("https://")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SESSION_COOKIE_SECURE)
# No script reads the cookies; over HTTPS they are bound to this host (__Host- prefix).
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if PRODUCTION else 0)
# Subdomains of the service's own host only; preloading binds the whole registrable domain
# (the city's), so it is the domain owner's decision: SECURE_HSTS_PRELOAD=true opts in.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cross-origin requests (map tiles) get the origin only, never a private tracking path.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"


def _tile_origin(url: str) -> str:
    """The origin of the map tiles for img-src; a {s} subdomain becomes a wildcard."""
    scheme, _sep, rest = url.partition("://")
    host = re.sub(r"\{[^}]*\}", "*", rest.split("/", 1)[0])
    return f"{scheme}://{host}"


# A strict Content Security Policy (django-csp): scripts and styles from our own static
# files only, nothing inline; images also from the map tile server. The API documentation
# page (Redoc) has its own, looser policy (api_docs in palaute/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for Leaflet's blank placeholder tile.
        "img-src": [SELF, "data:", _tile_origin(PALAUTE_MAP_TILE_URL)],
        "connect-src": [SELF],
        "font-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Features the pages never use are switched off for them and for anything they embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
