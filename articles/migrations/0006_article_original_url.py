from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_newsroom_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="original_url",
            field=models.URLField(
                blank=True,
                help_text="Where the wire or partner first published this story, when known.",
                max_length=500,
                verbose_name="original URL",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="canonical_is_original",
            field=models.BooleanField(
                default=False,
                help_text="Tell search engines the original is the main version (when the partner's terms ask for it).",
                verbose_name="canonical link to the original",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="original_url",
            field=models.URLField(
                blank=True,
                help_text="Where the wire or partner first published this story, when known.",
                max_length=500,
                verbose_name="original URL",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="canonical_is_original",
            field=models.BooleanField(
                default=False,
                help_text="Tell search engines the original is the main version (when the partner's terms ask for it).",
                verbose_name="canonical link to the original",
            ),
        ),
    ]
