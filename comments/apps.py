from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from pagecache.registry import watch_narrowly

        from .models import Comment, page_names, uncount_deleted

        # A comment shows on its story's pages and on the cards counting it:
        # a change makes those stale, never the rest of the site.
        watch_narrowly(Comment, lambda comment: page_names([comment.article_id]))  # type: ignore[attr-defined]
        post_delete.connect(uncount_deleted, sender=Comment, dispatch_uid="comments-uncount")
