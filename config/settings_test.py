"""Settings for the test suite: production settings with test-only secrets.

Tests run with DEBUG off, as production does; the manifest storage would need
collectstatic first, so tests use the plain storage.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_COOKIES", "false")
# The test client and the live server speak plain HTTP; tests/config checks the redirect.
os.environ.setdefault("SSL_REDIRECT", "false")
# Tasks run where they are enqueued: a test sees a release's stories relinked at its commit.
# tests/archive/test_relink_task.py runs the database backend and its worker.
os.environ.setdefault("TASKS_BACKEND", "immediate")

from config.settings import *  # noqa: E402,F403
from config.settings import STORAGES  # noqa: E402

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files from the source folders, as in development: no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Pages are built afresh in tests; tests/public/test_page_cache.py turns the cache on.
PAGE_CACHE_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
