"""What the WordPress import brought in, keyed on WordPress's own ids.

One `WordPressItem` per post, page, attachment, comment, author,
category and tag imported: which row it became, a fingerprint of what the
export said, and the row's edit mark when the import last wrote it. Run
again, an item whose fingerprint is unchanged is left alone; one that
changed in WordPress is updated, unless an editor changed its row here
since (the edit mark moved), which the report names instead.
"""

from __future__ import annotations

from django.db import models


class WordPressItemQuerySet(models.QuerySet):
    def of_kind(self, kind: str) -> WordPressItemQuerySet:
        """Return the items of one kind."""
        return self.filter(kind=kind)

    def object_ids(self, kind: str) -> dict[str, int]:
        """Return {WordPress key: row id} for the items of `kind`."""
        return dict(self.filter(kind=kind).values_list("wp_key", "object_id"))


class WordPressItem(models.Model):
    """One thing from a WordPress export, and the row it became here."""

    class Kind(models.TextChoices):
        POST = "post", "Post (story)"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Attachment (library image)"
        COMMENT = "comment", "Comment"
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category (section)"
        TAG = "tag", "Tag"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The post or comment id, the author's login, the term's slug.
    wp_key = models.CharField("WordPress id", max_length=200)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=255, blank=True)
    # The item's address on the old site: path and query, no host.
    old_path = models.CharField(max_length=2000, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    # The row's `edit_version` (stories) or update time (pages) as the
    # import left it: a different one now means an editor changed it.
    edit_mark = models.CharField(max_length=64, blank=True)
    # What the export said that has no place on the row: a commenter's
    # e-mail and address, kept for the newsroom and never shown.
    data = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    objects = WordPressItemQuerySet.as_manager()

    class Meta:
        verbose_name = "imported WordPress item"
        ordering = ["kind", "wp_key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "wp_key"], name="wordpress_item_kind_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.wp_key}: {self.title}".strip(": ")
