"""The newsletter's models, re-exported so callers import from `newsletter.models`.

Imports go one way: `tracking` imports `issues`, which imports `subscribers`
(and `articles.models`), never the reverse.
"""

from .issues import FIRST_ISSUE_WINDOW, Delivery, Issue, IssueItem, IssueQuerySet, SendProgress
from .subscribers import (
    BlockedDomain,
    BlockedDomainQuerySet,
    NewsletterList,
    SignupBlock,
    SignupBlockQuerySet,
    Subscriber,
    SubscriberQuerySet,
    normalize_email,
)
from .tracking import IssueLink, LinkClick

__all__ = [
    "FIRST_ISSUE_WINDOW",
    "BlockedDomain",
    "BlockedDomainQuerySet",
    "Delivery",
    "Issue",
    "IssueItem",
    "IssueLink",
    "IssueQuerySet",
    "LinkClick",
    "NewsletterList",
    "SendProgress",
    "SignupBlock",
    "SignupBlockQuerySet",
    "Subscriber",
    "SubscriberQuerySet",
    "normalize_email",
]
