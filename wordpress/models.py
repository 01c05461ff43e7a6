"""What the WordPress import brought in, keyed on WordPress's own ids.

One `WordPressItem` per post, page, attachment, comment, author,
category and tag imported: which row it became, a fingerprint of what the
export said, and the row's edit mark when the import last wrote it. Run
again, an item whose fingerprint is unchanged is left alone; one that
changed in WordPress is updated, unless an editor changed its row here
since (the edit mark moved), which the report names instead.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.deconstruct import deconstructible


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
        # A story's categories after its first: sections are one per story,
        # so the others are kept as tags, and their archives lead there.
        CATEGORY_TAG = "category-tag", "Category (tag)"
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


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files kept outside MEDIA_ROOT, in WORDPRESS_IMPORT_ROOT, read when used.

    Exports hold commenters' e-mail addresses, and MEDIA_ROOT is served to
    anyone.
    """

    @property
    def base_location(self) -> str:
        return str(settings.WORDPRESS_IMPORT_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


class WordPressImport(models.Model):
    """An import started from the admin, run as a background job."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed: nothing was imported"

    export = models.FileField(
        "export file",
        storage=PrivateStorage(),
        upload_to="exports/%Y/%m/",
        help_text="The file WordPress's Tools › Export gives (WXR, .xml).",
    )
    media_base_url = models.URLField(
        "media base URL",
        max_length=500,
        blank=True,
        help_text="Where the old site serves its uploads, e.g. "
        "https://old.example/wp-content/uploads/ (pictures are fetched from there).",
    )
    uploads_folder = models.CharField(
        "uploads folder on the server",
        max_length=500,
        blank=True,
        help_text="Or a copy of wp-content/uploads on this server (used instead of the URL).",
    )
    dry_run = models.BooleanField(
        "dry run", default=False, help_text="Do everything and report, then save nothing."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    report = models.JSONField(default=dict, blank=True, editable=False)
    error = models.TextField(blank=True, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "WordPress import"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.created_at:%d %B %Y %H:%M}" if self.created_at else "New import"

    @property
    def progress_key(self) -> str:
        """Name the cache entry the running job writes its progress to."""
        return f"wordpress-import-progress-{self.pk}"
