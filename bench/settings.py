"""Production settings with benchmark-only folders: static files and file cache in temp dirs.

The project's STATIC_ROOT (./staticfiles) and file cache (.data/cache) may hold
a developer's own files; the page benchmark uses BENCH_STATIC_ROOT and
BENCH_CACHE_DIR instead and leaves them alone. A Redis cache (REDIS_URL) is
kept as it is: its keys carry the database name.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import CACHES

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    CACHES["default"]["LOCATION"] = os.environ["BENCH_CACHE_DIR"]
