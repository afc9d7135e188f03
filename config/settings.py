"""Settings for VoteCount, read from the environment through config.env.

Production is the default: DEBUG is off unless asked for, and then the site
refuses to start without a real SECRET_KEY and ALLOWED_HOSTS. The README's
commands set DEBUG=true for a developer's machine.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import env_bool, env_int, env_list, env_networks, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET = "dev-only-insecure-key-never-used-in-production"
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "Set SECRET_KEY to a random string of 32 characters or more (or DEBUG=true to develop)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Set ALLOWED_HOSTS to the host names the site answers to, comma-separated."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "simple_history",
    "axes",
    "django_tasks_db",
    "candidates",
    "elections",
    "archive",
    "search",
    "public",
    "desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads: an anonymous reader's request reads from a replica, if any.
    "config.replicas.ReaderOnReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its refusal page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                # The nonce the admin's inline <style> blocks carry (SECURE_CSP).
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Database: DATABASE_URL when given, else the project's embedded PostgreSQL.
_DATABASE_URL = env_str("DATABASE_URL")
if _DATABASE_URL:
    _default_db = dj_database_url.parse(_DATABASE_URL)
else:
    from config.embedded_db import connection_settings

    _default_db = connection_settings()
_default_db.update(
    {
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": False,
        # Lets several test runs share one server without sharing a database.
        "TEST": {"NAME": env_str("TEST_DATABASE_NAME")},
    }
)
DATABASES = {"default": _default_db}
# Read replicas (config/replicas.py): anonymous readers' pages read from one of them.
for _n, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica{_n}"] = {
        **dj_database_url.parse(_url),
        "CONN_MAX_AGE": _default_db["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        # Tests made with a replica read the test database itself through it.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["config.replicas.ReplicaRouter"] if len(DATABASES) > 1 else []
# How far a replica may lag: a page built that soon after a change is not cached as fresh.
REPLICA_LAG_SECONDS = env_int("REPLICA_LAG_SECONDS", 2 if len(DATABASES) > 1 else 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "desk.backends.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Logins: one user from one address is refused for a while after a handful of
# failures; the same user elsewhere can still sign in.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "desk/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "desk.logins.client_ip"
# A working day of inactivity ends a session.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env_str("STATIC_ROOT") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60

# HTTPS only, outside development. Browsers are told for a year to come back only over
# HTTPS, this site and its subdomains (HSTS_SECONDS=0 stops telling them; it does not
# undo what they were told). Preload is consent to hstspreload.org's list, which accepts
# only a registrable domain serving this header: HSTS_PRELOAD=false withholds it.
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
SECURE_SSL_REDIRECT = not DEBUG and env_bool("SSL_REDIRECT", True)
# The load balancer probes /healthz over plain HTTP and takes a redirect for a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG and not SECURE_SSL_REDIRECT:
    # SSL_REDIRECT=false says the proxy in front redirects, as this warning asks.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
# Django's defaults, said here because a page relies on them: no address of ours in
# Referer to other sites, no guessing content types, no window shared with another site.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Every response says what a page may load (django.middleware.csp): this site's own
# scripts, styles and images, nothing else; no inline script or style; no other site
# may frame a page, and forms post only here. The charts are inline SVG drawn with
# presentation attributes (fill, stroke), and the JSON-LD in a story is data the
# browser never runs: neither needs 'unsafe-inline'. The admin's few inline <style>
# blocks, and the 500 page's, carry the request's nonce instead; a public page must
# not, as it is cached whole (public/page_cache.py) and its nonce would go stale.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF],
    # The admin's autocomplete widgets fetch their choices.
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Behind a proxy that terminates TLS.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# The proxies whose X-Forwarded-For the login lockout believes (desk/logins.py). Anyone
# can send the header; only these addresses' entries are not the client's own claim.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES", ["127.0.0.1", "::1"]) if BEHIND_PROXY else []
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# A cache every process of the site shares: Redis where REDIS_URL is set (past
# one machine), else files under .data/ (one machine, several gunicorn workers).
_REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL}
        if _REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / ".data" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    )
}
# How long Tally's own cache may serve a public page that nothing has changed
# (public/page_cache.py); a change forgets the pages that show it at once. Off by
# default while developing, so an edit shows at once without the cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 60)
# How much longer its old copy may be served while one worker rebuilds a changed page.
PAGE_STALE_SECONDS = env_int("PAGE_STALE_SECONDS", 600)
# What a shared proxy or CDN is told (s-maxage, stale-while-revalidate): it hears of no
# change, so it keeps a page only a few seconds. Browsers always ask again (max-age=0).
PAGE_PROXY_SECONDS = env_int("PAGE_PROXY_SECONDS", 5)
PAGE_PROXY_STALE_SECONDS = env_int("PAGE_PROXY_STALE_SECONDS", 30)
# Two sites on one cache (the demo and a benchmark's database) never share pages.
CACHES["default"]["KEY_PREFIX"] = _default_db.get("NAME", "")

# Background work (relinking stories after a release): queued in the database and run by
# `manage.py db_worker`, which ./tally serve starts beside the site. TASKS_BACKEND=immediate
# runs each task where it is enqueued instead, as the tests do.
_TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = env_str("TASKS_BACKEND", "database")
if _tasks_backend not in _TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASKS_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASKS_BACKENDS[_tasks_backend]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

TAGGIT_CASE_INSENSITIVE = True
