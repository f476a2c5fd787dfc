"""Django settings, read from the environment.

Defaults are the embedded setup for a newcomer and for tests: SQLite under
``var/``, mail to the console, background work in-process. Production sets at
least ``WERKPUNT_SECRET_KEY``, ``WERKPUNT_ALLOWED_HOSTS`` and ``DATABASE_URL``.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("WERKPUNT_BASE_DIR", Path.cwd()))
VAR_DIR = Path(os.environ.get("WERKPUNT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("WERKPUNT_DEBUG", default=False)
SECRET_KEY = os.environ.get("WERKPUNT_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("WERKPUNT_REQUIRE_SECRET_KEY", default=False):
        raise RuntimeError("Zet WERKPUNT_SECRET_KEY in productie.")
    SECRET_KEY = "werkpunt-development-only-not-secret"  # noqa: S105 - embedded default, never in production
ALLOWED_HOSTS = env_list("WERKPUNT_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail, for content that editors manage without a developer.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    # Werkpunt, one app per domain (see the architecture note).
    "werkpunt.core",
    "werkpunt.content",
    "werkpunt.financieel_cv",
    "werkpunt.employers",
    "werkpunt.accounts",
    "werkpunt.placements",
    "werkpunt.signals",
    "werkpunt.dashboard",
    "werkpunt.api",
    # Step 4: matching on tasks.
    "werkpunt.candidates",
    "werkpunt.demands",
    "werkpunt.matchtafels",
    "werkpunt.opendays",
]

MIDDLEWARE = [
    # First, so a cached page already carries the headers of everything below it.
    "werkpunt.core.page_cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files with far-future caching and precompressed gzip/brotli (docs/frontend.md).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for the browser; Django masks CSRF tokens and pads the body (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "werkpunt.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends logins on the server (StaffSession); guards /cms/ and /beheer/ (ADR 0005).
    "werkpunt.accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "werkpunt.conf.urls"
WSGI_APPLICATION = "werkpunt.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    # The embedded default is SQLite in VAR_DIR; SQLite creates the file, not the folder.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'werkpunt.sqlite3'}",
        conn_max_age=int(os.environ.get("WERKPUNT_DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static files: Django serves them itself only with DEBUG on (runserver). In
# production run `werkpunt manage collectstatic` and let the reverse proxy serve
# STATIC_ROOT under STATIC_URL; see docs/frontend.md.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("WERKPUNT_STATIC_ROOT", VAR_DIR / "static"))
# File names with a content hash (far-future caching) in production: set
# WERKPUNT_STATIC_MANIFEST=true and run collectstatic before every start. Off by
# default, so tests and runserver work without collectstatic.
STATIC_MANIFEST = env_bool("WERKPUNT_STATIC_MANIFEST", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# WhiteNoise serves the static files from the app itself (behind any reverse proxy or
# CDN): collectstatic output with content hashes and gzip/brotli copies in production,
# straight from the apps' static folders when there is no manifest (runserver, tests).
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
if not STATIC_MANIFEST:
    # Without collectstatic there is no STATIC_ROOT yet; the finders serve the files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
WHITENOISE_AUTOREFRESH = DEBUG

# Whole public pages for anonymous visitors are kept this many seconds (core.page_cache).
# Off by default with DEBUG, so a developer sees template changes at once.
WERKPUNT_PAGE_CACHE_SECONDS = int(
    os.environ.get("WERKPUNT_PAGE_CACHE_SECONDS", "0" if DEBUG else "300")
)

EMAIL_BACKEND = os.environ.get(
    "WERKPUNT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("WERKPUNT_FROM_EMAIL", "Werkpunt <noreply@werkpunt.localhost>")
# The SMTP server, with WERKPUNT_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = os.environ.get("WERKPUNT_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("WERKPUNT_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("WERKPUNT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("WERKPUNT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("WERKPUNT_EMAIL_USE_TLS", default=False)
# Seconds before a hanging SMTP server counts as failed (the send is retried later).
EMAIL_TIMEOUT = int(os.environ.get("WERKPUNT_EMAIL_TIMEOUT", "30"))

# Security headers. Django's SecurityMiddleware sends these; werkpunt.core's
# SecurityHeadersMiddleware adds Content-Security-Policy and Permissions-Policy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS only once the site is served over HTTPS for good: 0 (off) for local http.
SECURE_HSTS_SECONDS = int(os.environ.get("WERKPUNT_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("WERKPUNT_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = False
SECURE_SSL_REDIRECT = env_bool("WERKPUNT_SSL_REDIRECT", default=False)
# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto (and strips it
# from clients), so that request.is_secure() and HSTS work.
if env_bool("WERKPUNT_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("WERKPUNT_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Uploaded files (images and documents in the CMS).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("WERKPUNT_MEDIA_ROOT", VAR_DIR / "media"))

# Wagtail.
WAGTAIL_SITE_NAME = "Werkpunt"
WAGTAILADMIN_BASE_URL = os.environ.get("WERKPUNT_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False  # pages are written in Dutch; the interface is translated
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]
# The admin makes no requests to other hosts: no update check, no avatars from Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The base URL for absolute links (canonical, sitemap, Open Graph, e-mails).
WERKPUNT_BASE_URL = os.environ.get("WERKPUNT_BASE_URL", "http://127.0.0.1:8000")
# Where questions from the site's form are mailed.
WERKPUNT_WSP_EMAIL = os.environ.get("WERKPUNT_WSP_EMAIL", "wsp@werkpunt.localhost")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "werkpunt",
    }
}
if os.environ.get("WERKPUNT_REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["WERKPUNT_REDIS_URL"],
    }

# Sessions live in a signed cookie in the visitor's browser, so the financieel CV
# answers (which may hint at health or benefits) are never stored on our servers
# unless the visitor chooses to save them (ADR 0004). Sessions end after 12 hours.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_AGE = int(os.environ.get("WERKPUNT_SESSION_SECONDS", str(12 * 60 * 60)))

# Logging in (docs/accounts.md). Staff log in with a second factor; every login is a
# StaffSession row, so it can be ended on the server (ADR 0005).
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:security"
# Django's checks with Dutch messages (werkpunt.accounts.validators).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "werkpunt.accounts.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "werkpunt.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "werkpunt.accounts.validators.CommonPasswordValidator"},
    {"NAME": "werkpunt.accounts.validators.NumericPasswordValidator"},
]
# A password reset link works for 2 hours.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("WERKPUNT_PASSWORD_RESET_SECONDS", str(2 * 60 * 60)))
# A login ends after this many minutes without a request, and after this many hours in any case.
WERKPUNT_STAFF_IDLE_MINUTES = int(os.environ.get("WERKPUNT_STAFF_IDLE_MINUTES", "30"))
WERKPUNT_STAFF_MAX_HOURS = int(os.environ.get("WERKPUNT_STAFF_MAX_HOURS", "12"))
# Failed logins and second-factor codes: at most this many per account and per address
# (an office behind one address shares the latter) within the window, then HTTP 429.
WERKPUNT_LOGIN_MAX_FAILURES = int(os.environ.get("WERKPUNT_LOGIN_MAX_FAILURES", "5"))
WERKPUNT_LOGIN_MAX_FAILURES_PER_IP = int(os.environ.get("WERKPUNT_LOGIN_MAX_FAILURES_PER_IP", "20"))
WERKPUNT_LOGIN_WINDOW_MINUTES = int(os.environ.get("WERKPUNT_LOGIN_WINDOW_MINUTES", "15"))
# Time between the password and the second factor (including setting up the app).
WERKPUNT_LOGIN_PENDING_MINUTES = int(os.environ.get("WERKPUNT_LOGIN_PENDING_MINUTES", "30"))
# An invitation link works this many days.
WERKPUNT_INVITATION_DAYS = int(os.environ.get("WERKPUNT_INVITATION_DAYS", "7"))
# The name authenticator apps show next to the code.
WERKPUNT_TOTP_ISSUER = os.environ.get("WERKPUNT_TOTP_ISSUER", "Werkpunt")


# Background work (Celery). With WERKPUNT_REDIS_URL set, tasks go to Redis and a
# worker and beat run them (see docs/operations.md); without it (the embedded default
# and most tests) every task runs in-process, at once, in the caller.
CELERY_BROKER_URL = os.environ.get("WERKPUNT_CELERY_BROKER_URL") or os.environ.get(
    "WERKPUNT_REDIS_URL", "memory://"
)
CELERY_TASK_ALWAYS_EAGER = env_bool(
    "WERKPUNT_TASKS_EAGER", default=not os.environ.get("WERKPUNT_REDIS_URL")
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
from celery.schedules import crontab  # noqa: E402 - only the beat schedule needs it

CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Each person's digest mail of what is due, every day at 07:00 (docs/reminders.md).
    "werkpunt-reminders-daily": {
        "task": "werkpunt.placements.send_due_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Housekeeping before the digest: placements that start today, deadlines now missed.
    "werkpunt-placements-start": {
        "task": "werkpunt.placements.start_due_placements",
        "schedule": crontab(hour=6, minute=30),
    },
    "werkpunt-deadlines-missed": {
        "task": "werkpunt.placements.mark_missed_deadlines",
        "schedule": crontab(hour=6, minute=40),
    },
    # Retention (docs/privacy.md): at night.
    "werkpunt-retention-nightly": {
        "task": "werkpunt.placements.anonymise_expired_workers",
        "schedule": crontab(hour=2, minute=15),
    },
    "werkpunt-requests-retention-nightly": {
        "task": "werkpunt.employers.anonymise_old_requests",
        "schedule": crontab(hour=2, minute=25),
    },
    "werkpunt-staff-sessions-cleanup": {
        "task": "werkpunt.accounts.delete_old_staff_sessions",
        "schedule": crontab(hour=2, minute=35),
    },
    "werkpunt-candidates-retention-nightly": {
        "task": "werkpunt.candidates.anonymise_inactive_candidates",
        "schedule": crontab(hour=2, minute=30),
    },
    # Open days (docs/opendays.md): the reminder the day before; the afternoon run catches
    # failed mails and registrations made during the day.
    "werkpunt-opendays-reminders": {
        "task": "werkpunt.opendays.send_reminders",
        "schedule": crontab(hour="9,15", minute=0),
    },
    # Requests past their call-back deadline go to the teamleider (docs/backoffice-employers.md).
    "werkpunt-requests-escalate": {
        "task": "werkpunt.employers.escalate_overdue_requests",
        "schedule": crontab(minute="*/15"),
    },
}

# Back office (step 3). Call-back deadline of a request, in working days after it came in.
WERKPUNT_CALLBACK_WORKING_DAYS = int(os.environ.get("WERKPUNT_CALLBACK_WORKING_DAYS", "1"))
# After-sales contact moments after the first working day: code -> (unit, amount).
WERKPUNT_AFTERSALES_MOMENTS = {
    "2w": ("weeks", 2),
    "6w": ("weeks", 6),
    "3m": ("months", 3),
    "6m": ("months", 6),
    "9m": ("months", 9),
    "12m": ("months", 12),
}
# Moments at which the placement's sustainability is recorded.
WERKPUNT_SUSTAINABILITY_MOMENTS = ("6m", "12m")
# Personal data of a worker is anonymised this many days after the placement ended.
WERKPUNT_RETENTION_DAYS = int(os.environ.get("WERKPUNT_RETENTION_DAYS", str(2 * 365)))
# A finished request loses the asker's name, mail, phone and message this many days after it
# was answered; one never finished, twice as long after it came in (docs/requests.md).
WERKPUNT_REQUEST_RETENTION_DAYS = int(os.environ.get("WERKPUNT_REQUEST_RETENTION_DAYS", "365"))
# An extra task list made by `werkpunt manage import_tasks` (ESCO, CompetentNL); empty: none.
WERKPUNT_TASK_LIST_DIR = os.environ.get("WERKPUNT_TASK_LIST_DIR", "")
# An inactive candidate profile loses its identity this many days after its last change.
WERKPUNT_CANDIDATE_RETENTION_DAYS = int(os.environ.get("WERKPUNT_CANDIDATE_RETENTION_DAYS", "365"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Werkpunt API",
    "DESCRIPTION": "Werkgevers, vragen, plaatsingen en termijnen van het WSP Drenthe.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}
