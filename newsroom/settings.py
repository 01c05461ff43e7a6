"""Settings for the newsroom CMS, all read from the environment.

Every value has a development default, so `make run` works on a fresh machine.
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
CACHE_URL; with DEBUG off a missing SECRET_KEY is an error, never a fallback.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from newsroom.site import origin

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: str) -> bool:
    """Read a boolean variable; refuse values that are neither true nor false."""
    value = os.environ.get(name, default).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    """Read an integer variable; refuse values that are not integers."""
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    """Read a comma-separated list, dropping blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envtimezone(name: str, default: str) -> str:
    """Read an IANA time zone name; refuse one the system does not know."""
    value = os.environ.get(name, default).strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name} must be a time zone name such as Asia/Yerevan or Europe/Paris, not {value!r}"
        ) from None
    return value


def cache_from_url(url: str) -> dict:
    """Turn CACHE_URL (redis://, locmem://, dummy://) into a CACHES entry."""
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": url.split("?", 1)[0],
            "KEY_PREFIX": options.get("prefix", "newsroom"),
        }
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "newsroom",
        }
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL scheme {parts.scheme!r} is not supported")


def jobs_from_url(url: str, *, workers: int) -> dict:
    """Turn JOBS_URL into Huey's settings (huey.contrib.djhuey's HUEY dict).

    ``sqlite:///path`` keeps the queue in a file (nothing to install; one
    machine), ``postgres://`` in PostgreSQL tables and ``redis://`` in
    Redis (any number of workers on any number of machines), and
    ``immediate://`` runs each job at once in the process that asks for
    it, with no worker (scheduled jobs then never run).
    """
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    config: dict = {
        "name": options.get("name", "newsroom"),
        # Failures are recorded by the jobs app (jobs/signals.py); results
        # nobody reads would pile up in the queue's storage.
        "results": False,
        "immediate": False,
        "utc": True,
        "consumer": {"workers": workers, "worker_type": "thread"},
    }
    if parts.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path, as DATABASE_URL.
        filename = parts.path[1:] if parts.path.startswith("/") else parts.path
        if not filename:
            raise ImproperlyConfigured("JOBS_URL sqlite:/// needs a file name")
        return {**config, "huey_class": "huey.SqliteHuey", "filename": filename}
    if parts.scheme in {"postgres", "postgresql"}:
        # The tables are made by `migrate` (jobs/apps.py), not on every start.
        return {
            **config,
            "huey_class": "huey.PostgresHuey",
            "dsn": url.split("?", 1)[0],
            "create_tables": False,
        }
    if parts.scheme in {"redis", "rediss"}:
        return {**config, "huey_class": "huey.RedisHuey", "url": url.split("?", 1)[0]}
    if parts.scheme == "immediate":
        return {**config, "immediate": True, "huey_class": "huey.MemoryHuey"}
    raise ImproperlyConfigured(f"JOBS_URL scheme {parts.scheme!r} is not supported")


def default_jobs_url(database: dict) -> str:
    """Return where jobs wait when JOBS_URL is not set: beside the database.

    A file next to an SQLite database (so a copy of the site with its own
    database has its own queue), or the PostgreSQL database itself, which
    every worker on every machine already reaches.
    """
    if database["ENGINE"] == "django.db.backends.sqlite3":
        if str(database["NAME"]) in {"", ":memory:"} or "mode=memory" in str(database["NAME"]):
            # No worker can share a database in memory: run jobs at once.
            return "immediate://"
        name = Path(database["NAME"])
        return f"sqlite:///{name.with_name(name.stem + '-jobs.sqlite3')}"
    if database["ENGINE"] == "django.db.backends.postgresql":
        user = database.get("USER") or ""
        password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
        auth = f"{user}{password}@" if user else ""
        host = database.get("HOST") or ""
        port = f":{database['PORT']}" if database.get("PORT") else ""
        return f"postgres://{auth}{host}{port}/{database['NAME']}"
    raise ImproperlyConfigured("Set JOBS_URL: the database is neither SQLite nor PostgreSQL")


DEBUG = envbool("DEBUG", "true")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# The public address of the site, in every link that leaves a page (e-mails,
# feeds, JSON-LD, OpenGraph, exports; newsroom/site.py). `make run PORT=…`
# sets it to the address it serves.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "The Weekly Mirror")

INSTALLED_APPS = [
    # Django's admin, taggit and django-axes with the newsroom's section
    # order and names (newsroom/apps.py).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django.contrib.sitemaps",
    "newsroom.apps.TagsConfig",
    "django_prose_editor",
    "simple_history",
    # The full-page cache every public page goes through; the apps name
    # what their pages show to it (pagecache/registry.py).
    "pagecache",
    "articles",
    # Authors and the bylines naming them on stories.
    "authors",
    # The public site: pages, feeds, sitemaps over the content of articles.
    "reader",
    "newsletter",
    # The site's own pages (About, the policies) at paths editors choose.
    "pages",
    # Background jobs: Huey's Django integration (the run_huey worker) and
    # the record of failed jobs shown in the admin.
    "huey.contrib.djhuey",
    "jobs",
    # Readers' comments under stories, and their moderation.
    "comments",
    # Old addresses answered with a redirect (WordPress's, and any added).
    "redirects",
    # Moving in from WordPress: the import and what it brought in.
    "wordpress",
    "newsroom.apps.LoginSecurityConfig",
]

MIDDLEWARE = [
    # HTTPS redirect and HSTS: they depend on the request, so a cached page
    # gets them afresh each time.
    "django.middleware.security.SecurityMiddleware",
    # Old addresses: `/?p=123` before the cached home page answers it,
    # any other once the page is a 404 (redirects/middleware.py).
    "redirects.middleware.RedirectMiddleware",
    # Readers' cached pages are answered here, before everything below: a
    # page is kept with the headers it got from it (its own Content-Security-
    # Policy, Permissions-Policy, X-Frame-Options...), so a hit carries them.
    "pagecache.middleware.PageCacheMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A 404 at an address a page had while public redirects to where it is now.
    "articles.redirects.FormerAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change kept by django-simple-history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}

# Background jobs (Huey): where they wait for a worker, and how many threads
# each worker (`python manage.py run_huey`) runs them in. JOBS_URL defaults
# to a file beside an SQLite database, or the PostgreSQL database itself.
HUEY = jobs_from_url(
    os.environ.get("JOBS_URL") or default_jobs_url(DATABASES["default"]),
    workers=envint("JOBS_WORKERS", "2"),
)

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://"))}
# Public pages are kept this long at most in the cache above (0 turns the
# page cache off); any change to what they show invalidates them sooner.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", "600")
# A CDN in front (fastly://TOKEN@SERVICE, cloudflare://TOKEN@ZONE,
# varnish://HOST:PORT): pages then carry its cache lifetime, and every change
# purges what it touched there (pagecache/cdn.py). Empty: no CDN.
CDN_URL = os.environ.get("CDN_URL", "")
# Parts of a story's page (`{% cache %}` in articles/article_detail.html) are
# kept in each process's memory: their keys change with what they show (see
# pagecache/state.py), so a process never needs another's copy. This is how
# old the view counts they show may get (0 turns them off).
FRAGMENT_CACHE_SECONDS = envint("FRAGMENT_CACHE_SECONDS", "600")
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
    "OPTIONS": {"MAX_ENTRIES": envint("FRAGMENT_CACHE_ENTRIES", "2000")},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The request.META key with the client's address, for the admin lockout and
# the sign-up limits: REMOTE_ADDR, or behind a reverse proxy the header it
# sets (HTTP_X_REAL_IP, HTTP_X_FORWARDED_FOR). NEWSLETTER_CLIENT_IP_HEADER is
# its earlier name.
CLIENT_IP_HEADER = os.environ.get(
    "CLIENT_IP_HEADER", os.environ.get("NEWSLETTER_CLIENT_IP_HEADER", "REMOTE_ADDR")
)

# django-axes checks every login against its record of failures first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username at a client address after AXES_FAILURE_LIMIT failed logins
# for AXES_COOLOFF_MINUTES; each failure while locked starts the wait again.
# Pairing the two means a guesser cannot lock an editor out from everywhere.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The client's address, behind a proxy too (see CLIENT_IP_HEADER).
AXES_CLIENT_IP_CALLABLE = "newsroom.client_address.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Times are stored in UTC (USE_TZ); pages, the admin and e-mails show them in
# the newsroom's own zone, where its editors and most of its readers are.
TIME_ZONE = envtimezone("TIME_ZONE", "Asia/Yerevan")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# A full address ("https://media.example.com/") when uploads are served
# from another host, such as object storage or a CDN.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Export files uploaded for the WordPress import: outside MEDIA_ROOT, since
# they hold commenters' e-mail addresses and MEDIA_ROOT is public.
WORDPRESS_IMPORT_ROOT = Path(os.environ.get("WORDPRESS_IMPORT_ROOT", BASE_DIR / "private"))
# Let Django itself serve uploads: fine for development and small sites,
# while a larger one serves MEDIA_ROOT from its web server.
SERVE_MEDIA = envbool("SERVE_MEDIA", str(DEBUG))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Hero images: refuse uploads a newsroom would never publish. Pillow's own
# decompression-bomb guard is tightened to the same pixel budget.
MAX_IMAGE_BYTES = envint("MAX_IMAGE_BYTES", str(10 * 1024 * 1024))
MAX_IMAGE_PIXELS = envint("MAX_IMAGE_PIXELS", str(40_000_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", str(5 * 1024 * 1024))

# E-mail and the newsletter ------------------------------------------------
# Development prints e-mails to the console; with DEBUG off the default is
# SMTP through EMAIL_HOST. Any mail service works through django-anymail by
# setting EMAIL_BACKEND (README, "Newsletter"). Tests use locmem by themselves.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "false")
# A stuck mail server must not hang a send run forever.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
# django-anymail, when EMAIL_BACKEND is one of its backends: its settings as
# JSON, e.g. {"MAILGUN_API_KEY": "...", "MAILGUN_SENDER_DOMAIN": "mg.example.com"}.
try:
    ANYMAIL = json.loads(os.environ.get("ANYMAIL", "{}"))
except ValueError:
    raise ImproperlyConfigured("ANYMAIL must be a JSON object") from None
if EMAIL_BACKEND.startswith("anymail."):
    INSTALLED_APPS.append("anymail")

# Confirmation links expire; unsubscribe links never do, so an old issue's
# link still works.
NEWSLETTER_CONFIRM_MAX_AGE = envint("NEWSLETTER_CONFIRM_MAX_AGE", str(7 * 24 * 60 * 60))
# A pending reader who signs up again gets a new confirmation e-mail at most
# this often, so nobody can flood a stranger's inbox through the form.
NEWSLETTER_CONFIRM_RESEND_SECONDS = envint("NEWSLETTER_CONFIRM_RESEND_SECONDS", "600")
# Sign-ups allowed per client and per address in each window: bots signing
# up victims' addresses hit these, readers never do.
NEWSLETTER_SIGNUP_RATE_WINDOW = envint("NEWSLETTER_SIGNUP_RATE_WINDOW", "3600")
NEWSLETTER_SIGNUPS_PER_CLIENT = envint("NEWSLETTER_SIGNUPS_PER_CLIENT", "10")
NEWSLETTER_SIGNUPS_PER_ADDRESS = envint("NEWSLETTER_SIGNUPS_PER_ADDRESS", "3")
# An address for mailto: unsubscribe requests, offered beside the https link.
NEWSLETTER_UNSUBSCRIBE_MAILTO = os.environ.get("NEWSLETTER_UNSUBSCRIBE_MAILTO", "")
NEWSLETTER_SEND_BATCH_SIZE = envint("NEWSLETTER_SEND_BATCH_SIZE", "200")
# Messages a second the mail service takes (0: no limit), shared by every
# worker: SES, Postmark and SMTP relays refuse or throttle past their cap.
NEWSLETTER_SEND_RATE = envint("NEWSLETTER_SEND_RATE", "0")
# A batch the mail server failed (down, timing out, 4xx) is tried again this
# many times, the first after NEWSLETTER_SEND_RETRY_DELAY seconds and each
# wait twice the one before; then the send stops and the issue says why.
NEWSLETTER_SEND_RETRIES = envint("NEWSLETTER_SEND_RETRIES", "4")
NEWSLETTER_SEND_RETRY_DELAY = envint("NEWSLETTER_SEND_RETRY_DELAY", "30")
# How long one batch may take before another worker takes the send over,
# as from a worker that died mid-batch: well above a batch's sending time.
NEWSLETTER_SEND_LEASE_SECONDS = envint("NEWSLETTER_SEND_LEASE_SECONDS", "300")
# Addresses one test send may go to: a few colleagues, not a list.
NEWSLETTER_TEST_SEND_MAX = envint("NEWSLETTER_TEST_SEND_MAX", "5")
# Exported issues go to a mail service, which fills in its own unsubscribe
# link: Mailchimp's merge tag by default.
NEWSLETTER_EXPORT_UNSUBSCRIBE_URL = os.environ.get("NEWSLETTER_EXPORT_UNSUBSCRIBE_URL", "*|UNSUB|*")

# Count opens through a 1x1 pixel in each sent issue. Off by default: it
# tells the newsroom when each reader read, and Apple Mail's privacy
# protection loads every pixel anyway, so the count is only an estimate.
NEWSLETTER_TRACK_OPENS = envbool("NEWSLETTER_TRACK_OPENS", "false")

ARTICLES_PER_PAGE = envint("ARTICLES_PER_PAGE", "12")

# Readers' comments (comments/): see "Comments" in the README.
# Stories stop taking comments this many days after publishing (0: never).
COMMENTS_CLOSE_AFTER_DAYS = envint("COMMENTS_CLOSE_AFTER_DAYS", "30")
# Top-level comments per page under a story; replies come with theirs.
COMMENTS_PER_PAGE = envint("COMMENTS_PER_PAGE", "50")
# Longest comment, in characters: a long letter, not a pasted document.
COMMENTS_MAX_LENGTH = envint("COMMENTS_MAX_LENGTH", "5000")
# More links than this and a comment waits for a moderator (WordPress's 2).
COMMENTS_MAX_LINKS = envint("COMMENTS_MAX_LINKS", "2")
# More links than this and it goes straight to spam: what link spam looks like.
COMMENTS_SPAM_LINKS = envint("COMMENTS_SPAM_LINKS", "5")
# Comments per client address in each window before the rest are held.
COMMENTS_PER_CLIENT = envint("COMMENTS_PER_CLIENT", "5")
COMMENTS_RATE_WINDOW = envint("COMMENTS_RATE_WINDOW", "600")
# Confirmation links for a first-time address expire after this many seconds.
COMMENTS_CONFIRM_MAX_AGE = envint("COMMENTS_CONFIRM_MAX_AGE", str(3 * 24 * 60 * 60))
# An unconfirmed address is e-mailed again at most this often.
COMMENTS_CONFIRM_RESEND_SECONDS = envint("COMMENTS_CONFIRM_RESEND_SECONDS", "600")
# The optional spam service: "" (none), "akismet", or a dotted path to a
# class with `check(submission) -> Verdict` (comments/spam.py).
COMMENTS_SPAM_SERVICE = os.environ.get("COMMENTS_SPAM_SERVICE", "")
COMMENTS_SPAM_TIMEOUT = envint("COMMENTS_SPAM_TIMEOUT", "3")
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
# The moderators' digest goes out at most this often (seconds).
COMMENTS_DIGEST_INTERVAL = envint("COMMENTS_DIGEST_INTERVAL", "3600")
# How long a shared preview link to an unpublished story keeps working.
PREVIEW_LINK_MAX_AGE = envint("PREVIEW_LINK_MAX_AGE", str(3 * 24 * 60 * 60))

# Content-Security-Policy, sent in every environment so a page that needs an
# inline script or a third-party host fails in development, not in production.
# The public pages have no inline script or style; the admin's looser rules
# are in newsroom/middleware.py and apply under /admin/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # E-mails and their previews link images by SITE_URL, which staff
        # may reach by another address; uploads may be on another host
        # (MEDIA_URL: object storage, a CDN). Both are the site's own.
        "img-src": [
            "'self'",
            "data:",
            *dict.fromkeys(filter(None, [origin(SITE_URL), origin(MEDIA_URL)])),
        ],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Browser features no page of the site uses, switched off for every origin.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    ]
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The worker's own lines once (run_huey adds a handler of its own to a
    # "huey" logger that has none).
    "loggers": {"huey": {"handlers": ["console"], "propagate": False}},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    # Django's defaults, spelled out because the deploy check relies on them.
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
