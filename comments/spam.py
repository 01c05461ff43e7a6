"""The optional spam service behind one interface: none, Akismet, or another.

`COMMENTS_SPAM_SERVICE` names it: "" (none, the default), "akismet" (the
maintained `akismet` client, installed separately: `pip install
akismet==25.10.1`, with `AKISMET_API_KEY`), or a dotted path to a class
whose `check(submission)` returns a `Verdict`. A service that fails or
times out answers UNKNOWN, which holds the comment for a moderator: a
comment is never lost or published because the service was down.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from newsroom.site import absolute_url

logger = logging.getLogger(__name__)


class Verdict(enum.Enum):
    HAM = "ham"
    SPAM = "spam"
    #: No answer (an error, a timeout): a moderator decides.
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Submission:
    """What a spam service is told about one comment."""

    name: str
    email: str
    body: str
    client: str
    user_agent: str
    referrer: str
    page: str


class SpamService(Protocol):
    """What a spam service offers: a verdict on one submission."""

    def check(self, submission: Submission) -> Verdict: ...


class NoService:
    """No spam service: every comment is left to the site's own rules."""

    def check(self, submission: Submission) -> Verdict:
        return Verdict.HAM


class AkismetService:
    """Akismet through its maintained client (`akismet.SyncClient`)."""

    def __init__(self) -> None:
        import akismet  # optional: only when COMMENTS_SPAM_SERVICE="akismet"
        import httpx

        self.akismet = akismet
        self.client = akismet.SyncClient(
            config=akismet.Config(key=settings.AKISMET_API_KEY, url=absolute_url("/")),
            http_client=httpx.Client(timeout=settings.COMMENTS_SPAM_TIMEOUT),
        )

    def check(self, submission: Submission) -> Verdict:
        answer = self.client.comment_check(
            submission.client,
            comment_content=submission.body,
            comment_type="comment",
            comment_author=submission.name,
            comment_author_email=submission.email,
            user_agent=submission.user_agent,
            referrer=submission.referrer,
            permalink=submission.page,
        )
        return Verdict.HAM if answer == self.akismet.CheckResponse.HAM else Verdict.SPAM


@cache
def _service(name: str) -> SpamService:
    if not name:
        return NoService()
    if name == "akismet":
        return AkismetService()
    return import_string(name)()


def check(submission: Submission) -> Verdict:
    """Ask the configured service about `submission`; UNKNOWN when it fails."""
    try:
        return _service(settings.COMMENTS_SPAM_SERVICE).check(submission)
    except Exception:
        # A timeout, an outage or a bad key: held, never published or lost.
        logger.exception("The spam service did not answer")
        return Verdict.UNKNOWN
