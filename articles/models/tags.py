"""Tag links: taggit's through model, with a real foreign key to the story."""

from __future__ import annotations

from django.db import models
from taggit.models import Tag, TaggedItemBase

from .slugs import slug_for


class TaggedArticle(TaggedItemBase):
    """Tag links with a real foreign key, so tag pages join cheaply.

    Each link carries a copy of its story's publish time, so a tag page
    walks the (tag, publish time) index newest first and stops after a
    page, however many stories the tag has. `save()` here and
    `Article.save()` keep the copy in step; code that bypasses them
    (`bulk_create`, `QuerySet.update(publish_at=...)`) must set it too. The
    copy only orders tag pages: what is live is still decided on the story.
    """

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "tag link"
        indexes = [
            models.Index(
                fields=["tag", "-publish_at", "-content_object"], name="taggedarticle_tag_publish"
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        if self.publish_at is None and self.content_object_id is not None:
            # taggit's add() passes the story itself, so this costs no query.
            self.publish_at = self.content_object.publish_at
        super().save(*args, **kwargs)


def existing_tag_names(names: list[str]) -> list[str]:
    """Return `names` with each one that names an existing tag by its slug
    spelled as that tag is.

    taggit finds tags by their exact name, so "երևան" typed where "Երևան"
    exists would make a second tag at `երեւան_1`; both share the slug
    rule's `երեւան`, which is how a reader's address finds the tag too.
    """
    slugs = {name: slug_for(name) for name in names}
    known = dict(
        Tag.objects.filter(slug__in=set(slugs.values()) - {""}).values_list("slug", "name")
    )
    return list(dict.fromkeys(known.get(slugs[name], name) for name in names))
