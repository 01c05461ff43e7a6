"""Settings for the bare view's server: the site's own, with no middleware.

`bench/reader_day.py` serves these beside the site (its own gunicorn, same
workers) as the floor of a Django request: one view, no middleware at all.
"""

from newsroom.settings import *  # noqa: F403

MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bare_urls"
