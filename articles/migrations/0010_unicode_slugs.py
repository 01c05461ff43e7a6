"""Slugs keep the letters of every script (articles/models/slugs.py).

The fields accept Unicode slugs from now on. Rows the old, ASCII-only rule
named badly are named again: a story, source or section whose name has
letters that rule dropped (Armenian, Cyrillic, Greek, Turkish "ı") and
whose slug is still the one it made ("untitled-3" for "Երևան", "isk" for
"Işık") gets the slug of the new rule, and its old slug, which readers may
have followed, becomes a former address that redirects. Slugs an editor
chose, and names the old rule kept (accented Latin became plain letters),
are left as they are. Tags whose name left taggit no slug get one.
"""

import re
import unicodedata

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles.models.slugs import unique_slug


def _lost_letters(name):
    return any(
        char.isalpha() and not unicodedata.normalize("NFKD", char).encode("ascii", "ignore")
        for char in name
    )


def _old_rule(name, max_length):
    return slugify(name)[: max_length - 6].strip("-") or "untitled"


def _public_story(row):
    return (
        row["status"] in {"published", "scheduled", "unpublished"}
        and row["publish_at"] is not None
        and row["publish_at"] <= timezone.now()
    )


# (model, field with the name, kind of former address, slug length, public?)
RENAMED = [
    ("Article", "headline", "article", 255, _public_story),
    ("Source", "name", "source", 200, lambda row: True),
    ("Section", "name", "section", 80, lambda row: True),
]


def name_again(apps, schema_editor):
    FormerAddress = apps.get_model("articles", "FormerAddress")
    for model_name, name_field, kind, max_length, was_public in RENAMED:
        model = apps.get_model("articles", model_name)
        fields = ["pk", "slug", name_field] + (["status", "publish_at"] if kind == "article" else [])
        for row in model.objects.values(*fields).iterator(chunk_size=2000):
            name = row[name_field]
            if not _lost_letters(name):
                continue
            made = re.escape(_old_rule(name, max_length)) + r"(-\d+)?"
            if not re.fullmatch(made, row["slug"]):
                continue
            slug = unique_slug(model, name, max_length=max_length)
            model.objects.filter(pk=row["pk"]).update(slug=slug)
            if was_public(row):
                FormerAddress.objects.update_or_create(
                    kind=kind, slug=row["slug"], defaults={"object_id": row["pk"]}
                )
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(Q(slug="") | Q(slug__regex=r"^_\d+$")):
        tag.slug = unique_slug(Tag, tag.name, max_length=100)
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0009_former_address"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(allow_unicode=True, blank=True, help_text="Part of the story's address. Made from the headline when left blank; changing the headline later never changes it. Once the story is public, its old address redirects here when you change this.", max_length=255, unique=True),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="slug",
            field=models.SlugField(allow_unicode=True, blank=True, help_text="Part of the story's address. Made from the headline when left blank; changing the headline later never changes it. Once the story is public, its old address redirects here when you change this.", max_length=255),
        ),
        migrations.AlterField(
            model_name="historicalsource",
            name="slug",
            field=models.SlugField(allow_unicode=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="section",
            name="slug",
            field=models.SlugField(allow_unicode=True, max_length=80, unique=True),
        ),
        migrations.AlterField(
            model_name="source",
            name="slug",
            field=models.SlugField(allow_unicode=True, max_length=200, unique=True),
        ),
        migrations.RunPython(name_again, migrations.RunPython.noop),
    ]
