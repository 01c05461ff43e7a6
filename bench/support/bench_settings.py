"""Settings for benchmark servers: the site's own, plus a minimal view.

Served by gunicorn with `--pythonpath bench/support`, so the minimal view
goes through exactly the same middleware as the site's pages.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
