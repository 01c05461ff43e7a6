"""Addresses pages had while public, so links to them keep working.

Readers, search engines and other sites link to a story by its address.
When an editor changes a published story's slug (or a source's, section's,
tag's or author's, or a published site page's path), the old slug is kept
here with the row it named, and
`articles.redirects.FormerAddressMiddleware` answers it with a permanent
redirect to wherever that row is now, however many times it moved since.
A live page always wins over a former address: a new story may take an
old slug. Each move sends `address_moved`, for redirects made to the old
address to follow.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Subquery
from django.db.models.signals import post_save, pre_save
from django.dispatch import Signal, receiver
from django.urls import NoReverseMatch, reverse
from taggit.models import Tag

# Sent when a public page's address changes, with the address it had
# (`old_url`), the one it has now (`new_url`) and whether addresses under
# the old one moved with it (`below`: a tag's feed does; the site page
# `/about/team/` does not when `/about/` moves): `redirects` points its
# redirects to the old one at the new, so they stay one hop.
address_moved = Signal()


class FormerAddressQuerySet(models.QuerySet):
    def current_slug(self, kind: str, slug: str) -> str | None:
        """Return the slug now used by what `slug` of `kind` once named.

        None when there is no such former address, or its row is gone or
        (for a story or a site page) no longer public, so the page stays a
        404. For a site page the "slug" is its whole path (`/about/`).
        """
        # Authors and pages are apps above this one: imported when asked.
        from authors.models import Author
        from pages.models import Page

        from .articles import Article
        from .sections import Section
        from .sources import Source

        targets = {
            FormerAddress.Kind.ARTICLE: Article.objects.live(),
            FormerAddress.Kind.SOURCE: Source.objects.all(),
            FormerAddress.Kind.SECTION: Section.objects.all(),
            FormerAddress.Kind.TAG: Tag.objects.all(),
            FormerAddress.Kind.AUTHOR: Author.objects.all(),
            FormerAddress.Kind.PAGE: Page.objects.published(),
        }
        field = "url" if kind == FormerAddress.Kind.PAGE else "slug"
        former = self.filter(kind=kind, slug=slug).values("object_id")[:1]
        # One query: the former address and where its row is now.
        return targets[kind].filter(pk=Subquery(former)).values_list(field, flat=True).first()


class FormerAddress(models.Model):
    """A slug a public page had before an editor changed it."""

    class Kind(models.TextChoices):
        # The values begin the URL names of each kind's pages
        # (`article_detail`, `tag_feed`...), which is how the redirect
        # middleware tells them apart.
        ARTICLE = "article", "Story"
        SOURCE = "source", "Source"
        SECTION = "section", "Section"
        TAG = "tag", "Tag"
        AUTHOR = "author", "Author"
        # A site page's former path, the whole of it: `/about/`.
        PAGE = "page", "Site page"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    slug = models.SlugField("former slug", max_length=255, allow_unicode=True)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField("moved at", auto_now_add=True)

    objects = FormerAddressQuerySet.as_manager()

    class Meta:
        verbose_name = "former address"
        verbose_name_plural = "former addresses"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="former_address_kind_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.slug}"

    @classmethod
    def remember(cls, kind: str, obj: models.Model, old_slug: str, new_slug: str = "") -> None:
        """Record that `obj` of `kind` was at `old_slug` and is now at its slug.

        A slug used by two rows in turn points at the later one; the new
        slug (`new_slug`, or `obj.slug` when not given), if it was once a
        former address of `obj`, stops being one.
        """
        cls.objects.update_or_create(kind=kind, slug=old_slug, defaults={"object_id": obj.pk})
        current = new_slug or obj.slug  # type: ignore[attr-defined]
        cls.objects.filter(kind=kind, slug=current, object_id=obj.pk).delete()
        try:
            old_url, new_url = _address(kind, old_slug), _address(kind, current)
        except NoReverseMatch:
            # A slug no address takes (made outside the forms): nothing to follow.
            return
        below = kind != cls.Kind.PAGE
        address_moved.send(sender=cls, old_url=old_url, new_url=new_url, below=below)


def _address(kind: str, slug: str) -> str:
    # URL names begin with the kind: `articles:tag_detail`.
    if kind == FormerAddress.Kind.PAGE:
        return reverse("pages:page_detail", kwargs={"url": slug.lstrip("/")})
    return reverse(f"articles:{kind}_detail", args=[slug])


@receiver(pre_save, sender=Tag, dispatch_uid="tag-former-slug")
def _read_tag_slug(sender: type[Tag], instance: Tag, **kwargs: object) -> None:
    # Tags are renamed in taggit's own admin, rarely: one read per save to
    # learn the slug before the change.
    if instance.pk and not instance._state.adding:
        instance._slug_before = (
            Tag.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


@receiver(post_save, sender=Tag, dispatch_uid="tag-former-address")
def _remember_tag_slug(sender: type[Tag], instance: Tag, created: bool, **kwargs: object) -> None:
    before = instance.__dict__.pop("_slug_before", None)
    if not created and before and before != instance.slug:
        FormerAddress.remember(FormerAddress.Kind.TAG, instance, before)
