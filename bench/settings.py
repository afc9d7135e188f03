"""Production settings with one change for benchmarks: static files collected to a temp folder.

The project's STATIC_ROOT (./staticfiles) may hold a developer's own collectstatic;
the page benchmark collects into BENCH_STATIC_ROOT instead and leaves it alone.
"""

import os

from config.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
