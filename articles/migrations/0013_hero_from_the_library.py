"""Hero images move into the media library, nothing lost.

Each stored hero photo becomes a library `Image` under the same file name
(so its renditions, named after it, stay valid), with the story's caption,
credit and alt text, its size, its uploader and time; the story points at
it and keeps no words of its own, so it shows the library's. Photos a
story's history names (replaced since) become library images too, so an
old version still shows its photo. The columns go in the next migration.
"""

import django.db.models.deletion
from django.db import migrations, models


def _library_image(Image, name, article, known):
    if name not in known:
        image = Image(
            file=name,
            title=article.headline[:255],
            caption=article.hero_caption,
            credit=article.hero_credit,
            alt_text=article.hero_alt,
            width=article.hero_width,
            height=article.hero_height,
            uploaded_by_id=article.author_id,
        )
        image.save()
        # auto_now_add stamped the migration's time; the photo is as old as the story.
        Image.objects.filter(pk=image.pk).update(uploaded_at=article.created_at)
        known[name] = image
    return known[name]


def heroes_into_the_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    HistoricalArticle = apps.get_model("articles", "HistoricalArticle")
    Image = apps.get_model("articles", "Image")
    known = {}
    for article in Article.objects.exclude(hero_image="").order_by("pk").iterator():
        image = _library_image(Image, article.hero_image.name, article, known)
        Article.objects.filter(pk=article.pk).update(
            hero=image, hero_caption="", hero_credit="", hero_alt=""
        )
        article.library_images.add(image)
    past = HistoricalArticle.objects.exclude(hero_image="").order_by("history_id")
    for record in past.iterator():
        # History keeps the file's name as text.
        image = _library_image(Image, str(record.hero_image), record, known)
        words = {"hero_caption": "", "hero_credit": "", "hero_alt": ""}
        if (record.hero_caption, record.hero_credit, record.hero_alt) != (
            image.caption,
            image.credit,
            image.alt_text,
        ):
            # An earlier version's own words stay that version's.
            words = {}
        HistoricalArticle.objects.filter(history_id=record.history_id).update(
            hero=image, **words
        )


def heroes_out_of_the_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    HistoricalArticle = apps.get_model("articles", "HistoricalArticle")
    for model in (Article, HistoricalArticle):
        for row in model.objects.filter(hero__isnull=False).select_related("hero").iterator():
            image = row.hero
            model.objects.filter(pk=row.pk).update(
                hero_image=image.file.name,
                hero_width=image.width,
                hero_height=image.height,
                hero_caption=row.hero_caption or image.caption,
                hero_credit=row.hero_credit or image.credit,
                hero_alt=row.hero_alt or image.alt_text,
            )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0012_story_library_images'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='hero',
            field=models.ForeignKey(blank=True, help_text='A picture from the library, shown above the story and on its cards.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='hero_of', to='articles.image', verbose_name='hero image'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='hero',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='A picture from the library, shown above the story and on its cards.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.image', verbose_name='hero image'),
        ),
        migrations.RunPython(heroes_into_the_library, heroes_out_of_the_library),
    ]
