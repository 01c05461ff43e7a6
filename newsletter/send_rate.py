"""The send rate: at most ``NEWSLETTER_SEND_RATE`` messages a second per mail service.

Mail services cap how fast an account may send (Amazon SES starts at 14
messages a second; an SMTP relay may throttle or refuse past its limit).
The count is kept in the job queue's storage (Huey's rate limit: a counter
per one-second window), so every worker on every machine sharing the
queue shares it too. 0 means no limit.
"""

from __future__ import annotations

import time

from django.conf import settings
from huey.exceptions import RateLimitExceeded


def _service() -> str:
    """Name the mail service the limit belongs to: the backend and its host."""
    return f"mail:{settings.EMAIL_BACKEND}:{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"


def wait_for_turn() -> None:
    """Return once the next message may go out without passing the rate."""
    rate = settings.NEWSLETTER_SEND_RATE
    if rate <= 0:
        return
    from huey.contrib.djhuey import HUEY

    limit = HUEY.rate_limit(_service(), rate, 1)
    while True:
        try:
            limit.acquire()
        except RateLimitExceeded as exceeded:
            # The window's share is spent: wait for the next one.
            time.sleep(max(exceeded.delay, 0.001))
        else:
            return
