"""Tag links carry their story's publish time, indexed per tag.

A tag page then walks (tag, publish time) newest first and stops after a
page, instead of joining and sorting every story with the tag. Existing
links are filled from their stories in one UPDATE before the index is made.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_publish_times(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    story = Article.objects.filter(pk=OuterRef("content_object_id")).values("publish_at")[:1]
    TaggedArticle.objects.using(schema_editor.connection.alias).update(publish_at=Subquery(story))


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0007_article_search_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="taggedarticle",
            name="publish_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(copy_publish_times, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(
                fields=["tag", "-publish_at", "-content_object"], name="taggedarticle_tag_publish"
            ),
        ),
    ]
