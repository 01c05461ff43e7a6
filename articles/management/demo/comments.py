"""Demo readers' comments for `load_demo`: a short thread under the featured story.

Invented for the demo, like the stories: the names are made up and the
addresses are placeholders at example.com. One comment waits in the
moderation queue, so the queue has something to show.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from comments.models import Comment, Commenter, address_hash

# (key, name, address, text, replies to, status, hours after the story)
COMMENTS = [
    (
        "first",
        "Անի Մարտիրոսյան",
        "ani.demo@example.com",
        "My grandmother still talks about the spring the road flooded.\n\n"
        "Glad someone finally asked the people who live there.",
        None,
        Comment.Status.APPROVED,
        2,
    ),
    (
        "second",
        "Дмитрий Соколов",
        "dmitri.demo@example.com",
        "Good reporting. The figures in the fourth paragraph match what the council "
        "published last year: https://example.com/council-report",
        None,
        Comment.Status.APPROVED,
        3,
    ),
    (
        "reply",
        "Արմեն Հակոբյան",
        "armen.demo@example.com",
        "The same happened in our village. Nobody came until the newspapers wrote about it.",
        "first",
        Comment.Status.APPROVED,
        4,
    ),
    (
        "waiting",
        "Ольга Иванова",
        "olga.demo@example.com",
        "Will there be a follow-up once the repairs start?",
        None,
        Comment.Status.PENDING,
        5,
    ),
]


def load_comments_demo() -> None:
    """Put the demo thread under the featured story, once."""
    story = Article.objects.live().filter(is_featured=True).first()
    if story is None or story.comments.exists():
        return
    made: dict[str, Comment] = {}
    for key, name, email, text, parent, status, hours in COMMENTS:
        commenter, _ = Commenter.objects.get_or_create(
            email_hash=address_hash(email),
            defaults={"name": name, "confirmed_at": timezone.now()},
        )
        made[key] = Comment.objects.create(
            article=story,
            commenter=commenter,
            name=name,
            body=text,
            parent=made.get(parent) if parent else None,
            status=status,
            reason=Comment.Reason.KNOWN
            if status == Comment.Status.APPROVED
            else Comment.Reason.FIRST,
            created_at=story.publish_at + timedelta(hours=hours),
        )
    Comment.objects.recount([story.pk])
