"""Kitaphana settings: one module, every value from the environment (django-environ).

Development defaults are safe and need no services: SQLite in the project directory, Celery tasks run
eagerly in-process, e-mail printed to the console. With DEBUG off the module refuses to start without a
real SECRET_KEY and turns on secure cookies, HSTS and the HTTPS redirect.
"""

from __future__ import annotations

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from core.storage_settings import storages_setting

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# DJANGO_READ_DOT_ENV=false ignores the file (tests probing the bare environment use it).
if env.bool("DJANGO_READ_DOT_ENV", default=True) and (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

DEV_SECRET_KEY = "django-insecure-kitaphana-development-only"  # noqa: S105 - refused below when DEBUG is off
SECRET_KEY = env.str("SECRET_KEY", default="") or DEV_SECRET_KEY
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment when DEBUG is off (see .env.example)."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOCAL_APPS = [
    # Order follows the dependency direction of the style guide: lower apps first.
    "core",
    "accounts",
    "forms_registry",
    "cataloguing",
    "catalogue_search",
    "storage",
    "acquisitions",
    "circulation",
    "digital_library",
    "antiplagiarism",
    "surveys",
    "equipment",
    "website",
    "planning",
    "risks",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "import_export",
    # The public site's rich-text editor (issue 16): its JavaScript and CSS ship inside the wheel.
    "django_prose_editor",
    "axes",
    "auditlog",
    *LOCAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, lockout and error pages included (policy below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Counts public page views (no cookie, a daily salted hash at most); sees the final status of the response.
    "website.middleware.VisitCounterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL byte in a parameter, a blank admin _to_field, a bad admin lookup: a 400, not a 500 deep in a view.
    "core.request_guards.ParameterGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Public catalogue, SRU, OAI-PMH and period reports read the replica; a session that wrote reads the primary.
    "core.replica.ReplicaMiddleware",
    # The audit trail's actor is the request's user (after authentication sets it).
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: warns the user when the job they saved could not be queued (broker down).
    "core.middleware.QueueOutageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
]
# Forms show their errors as Pico styles them: <small> after an aria-invalid input, non-field errors as an alert.
FORM_RENDERER = "core.forms.FormRenderer"

# Database: SQLite file by default (the demo run needs no server); PostgreSQL in production and CI.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep the demo server and an eager "background" task from locking each other out.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Writers take the lock when the transaction starts, so numbering never hits a stale snapshot.
            "transaction_mode": "IMMEDIATE",
        }
    )
# A streaming standby (DATABASE_REPLICA_URL) answers the public catalogue, SRU, OAI-PMH and the period reports
# (REPLICA_READ_VIEWS); every other page, every write, and the session's next REPLICA_PIN_SECONDS after a write
# read the primary (core/db_router.py, core/replica.py). Unset: everything on the primary, as before.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"].setdefault("CONN_MAX_AGE", DATABASES["default"].get("CONN_MAX_AGE", 0))
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    # The test runner's database is created on the primary and reaches the standby by replication.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
REPLICA_READS = bool(DATABASE_REPLICA_URL)
REPLICA_PIN_SECONDS = env.float("REPLICA_PIN_SECONDS", default=5.0)
REPLICA_READ_VIEWS = [
    "catalogue_search:search",
    "catalogue_search:record",
    "sru",
    "digital_library:oai",
    # Period reports: the printed forms and the effectiveness indicators read whole periods, never a just-saved row.
    "forms_registry:form",
    "planning:kpi",
    *env.list("REPLICA_READ_VIEWS_EXTRA", default=[]),
]
DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker, result backend and cache. Without it Celery runs tasks eagerly in-process.
REDIS_URL = env.str("REDIS_URL", default="")
# Every connection to Redis gives up within BROKER_TIMEOUT seconds: with Redis down a page answers at once
# (the saved job waits for the queue) instead of hanging the request for the client libraries' own retries.
BROKER_TIMEOUT = env.float("BROKER_TIMEOUT", default=1.0)
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": BROKER_TIMEOUT, "socket_timeout": 2 * BROKER_TIMEOUT}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions in the database every node shares (never in one process's memory), so any web node serves any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Almaty"
CELERY_TASK_TRACK_STARTED = True
CELERY_RESULT_EXPIRES = 60 * 60 * 24
# Fail fast when the broker is down (the defaults retry for ~19 s, then break the result consumer until a
# restart): one quick retry, short socket timeouts. The job stays saved; `requeue_stale_jobs` queues it again.
_QUICK_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": BROKER_TIMEOUT, "socket_timeout": 2 * BROKER_TIMEOUT}
CELERY_TASK_PUBLISH_RETRY_POLICY = _QUICK_RETRY
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = BROKER_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = 2 * BROKER_TIMEOUT
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": _QUICK_RETRY}
# A job still waiting this long after it was queued is queued again by the sweep (idempotent).
QUEUE_STALE_AFTER_MINUTES = env.int("QUEUE_STALE_AFTER_MINUTES", default=10)
# Periodic jobs: each app adds its entries in its own `schedule.py`; every entry is also a management command.
CELERY_BEAT_SCHEDULE: dict = {}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailOrReaderCardBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:landing"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed-login throttling (accounts/throttling.py), on the site's and the admin's sign-in alike (both go
# through AUTHENTICATION_BACKENDS). 5 failures for one ACCOUNT, whichever of its logins (e-mail in any case,
# card number, username) was typed and from whatever address, lock it for 15 minutes. Anyone can thus lock a
# reader out for 15 minutes; the system administrator lifts it with `manage.py axes_reset_username user:<pk>`.
# Unknown logins are counted per typed text, so guessing at names is throttled too.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "accounts.throttling.AccountThrottleHandler"
AXES_USERNAME_CALLABLE = "accounts.throttling.username_for_axes"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip_address"
# Per address: a computer lab of ~30 seats (or a dormitory) reaches the site from one NAT address, and at the
# start of a class nearly everyone signs in at once; one or two typos each stay well under 50 in 15 minutes,
# while one machine spraying a password over many accounts is stopped after 50 tries (not 5 × every account).
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=50)
# Reverse proxies in front of gunicorn (nginx: 1); the client address is then read from X-Forwarded-For.
LOGIN_TRUSTED_PROXIES = env.int("LOGIN_TRUSTED_PROXIES", default=0)
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Languages: Kazakh is the default; printed forms are always in Kazakh.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
# locale/: the project templates' strings; locale_vendor/: what Django's and the third-party apps' own kk/ru
# catalogues lack (LOCALE_PATHS win over the packages' catalogues; makemessages writes no file there).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"
LANGUAGE_COOKIE_NAME = "kitaphana_language"

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Media on MEDIA_ROOT by default; with S3_BUCKET in a private S3-compatible bucket (full texts, photos, works,
# generated books, imports) and the off-site backups beside them (core/storage_settings.py, docs/deploy.md).
S3_BUCKET = env.str("S3_BUCKET", default="")
STORAGES = storages_setting(
    static_backend="django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    bucket=S3_BUCKET,
    endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
    access_key=env.str("AWS_ACCESS_KEY_ID", default=""),
    secret_key=env.str("AWS_SECRET_ACCESS_KEY", default=""),
    region=env.str("S3_REGION", default=""),
)
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or BASE_DIR / "media")
# Media is never served from a public URL: downloads go through views that check rights.
MEDIA_URL = "/media-not-public/"
BACKUP_DIR = Path(env.str("BACKUP_DIR", default="") or BASE_DIR / "backups")  # digital_library backup archives

# Uploads that cannot exhaust the server (issue 13, point 4; core/safezip.py): what a DOCX/ODT/EPUB/XLSX may
# really expand to, per part and in all, how many parts it may hold and how many times over a part may be
# compressed; what a backup being restored may unpack to; how much text one originality check reads.
UPLOAD_ZIP_MAX_MEMBER_BYTES = env.int("UPLOAD_ZIP_MAX_MEMBER_BYTES", default=64 * 1024 * 1024)
UPLOAD_ZIP_MAX_TOTAL_BYTES = env.int("UPLOAD_ZIP_MAX_TOTAL_BYTES", default=128 * 1024 * 1024)
UPLOAD_ZIP_MAX_MEMBERS = env.int("UPLOAD_ZIP_MAX_MEMBERS", default=5000)
UPLOAD_ZIP_MAX_RATIO = env.int("UPLOAD_ZIP_MAX_RATIO", default=100)
BACKUP_RESTORE_MAX_BYTES = env.int("BACKUP_RESTORE_MAX_BYTES", default=500 * 1024 * 1024 * 1024)
ANTIPLAGIARISM_MAX_TEXT_CHARS = env.int("ANTIPLAGIARISM_MAX_TEXT_CHARS", default=2_000_000)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kitaphana <library@satbayev.university>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening: on whenever DEBUG is off.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp), in development too, so that a page that breaks under it breaks on the
# developer's machine first. Rule for templates (docs/DEVELOPING.md): no inline script and no on…= handler;
# JavaScript lives in static files, or an inline <script>/<style> carries nonce="{{ request.csp_nonce }}".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # Only the one handler django-import-export's export page writes inline (its "select all" box).
        "script-src-attr": [UNSAFE_HASHES, "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"],
        # <style> elements need the nonce; style="" attributes are allowed because the Django admin and
        # django-import-export templates write them (and charts size their SVG with them) and an attribute
        # cannot carry a nonce. CSS cannot run script, and img-src/font-src 'self' keep it from loading from
        # elsewhere.
        # The hash: the base styles the site editor's Tiptap injects as a <style> element (django-prose-editor
        # offers no nonce for it); tests/website/test_browser.py fails when an upgrade changes them.
        "style-src": [SELF, NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        "style-src-attr": [UNSAFE_INLINE],
        # data: for the small SVG icons inside Pico's stylesheet (checkbox, select arrow).
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Import-export: every import shows a preview and runs in one transaction per file.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Audit trail of staff changes (core/audit.py registers the models): a masked secret shows nothing of itself.
AUDITLOG_MASK_CALLABLE = "core.audit.mask_secret"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# The university and library, as printed on every form header.
LIBRARY_ADDRESS = env.str("LIBRARY_ADDRESS", default="050013, Алматы қ., Сәтбаев к-сі, 22")
LIBRARY_PHONE = env.str("LIBRARY_PHONE", default="+7 (727) 257-70-48")
LIBRARY_EMAIL = env.str("LIBRARY_EMAIL", default="library@satbayev.university")
# The university's networks (CIDR, core.networks): a digital-library session from elsewhere is remote use (section
# 7's remote users); on-campus files and campus-only licensed databases open only from these addresses.
UNIVERSITY_NETWORKS = env.list("UNIVERSITY_NETWORKS", default=["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])

from core.schedule_loader import collect_beat_schedule  # noqa: E402  (needs LOCAL_APPS above)

CELERY_BEAT_SCHEDULE = collect_beat_schedule(LOCAL_APPS)

# django-import-export: the formats librarians use (spreadsheets and CSV), for import and export alike.
# XLSX through core.formats.SafeXLSX: the package is measured (zip bombs) before openpyxl opens it.
from import_export.formats.base_formats import CSV  # noqa: E402

from core.formats import SafeXLSX  # noqa: E402

IMPORT_EXPORT_FORMATS = [CSV, SafeXLSX]
