"""Reports: links and clicks of sent issues, opens and feedback per delivery, who may read them.

Newsletter managers and editors get the new "view newsletter reports"
permission. Written out here, as in 0003, so this migration keeps meaning
what it meant when it landed.
"""

import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


GRANTS = {
    "Newsletter managers": ["newsletter.view_newsletter_reports"],
    "Editors": ["newsletter.view_newsletter_reports"],
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="newsletter", codename="view_newsletter_reports"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0017_comment_settings'),
        ('newsletter', '0003_send_from_the_admin'),
    ]

    operations = [
        migrations.AddField(
            model_name='delivery',
            name='bounced_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='delivery',
            name='complained_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='Reported as spam.', null=True),
        ),
        migrations.AddField(
            model_name='delivery',
            name='first_opened_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='delivery',
            name='open_count',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='delivery',
            name='unsubscribed_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='The reader left from this issue.', null=True),
        ),
        migrations.CreateModel(
            name='IssueLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000)),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='issue_links', to='articles.article')),
                ('issue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='newsletter.issue')),
            ],
        ),
        migrations.CreateModel(
            name='LinkClick',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('first_clicked_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('last_clicked_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('count', models.PositiveIntegerField(default=1)),
                ('delivery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='clicks', to='newsletter.delivery')),
                ('link', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='clicks', to='newsletter.issuelink')),
            ],
            options={
                'permissions': [('view_newsletter_reports', 'Can view newsletter reports (issues and sign-ups)')],
            },
        ),
        migrations.AddConstraint(
            model_name='issuelink',
            constraint=models.UniqueConstraint(fields=('issue', 'url'), name='issuelink_unique_url'),
        ),
        migrations.AddConstraint(
            model_name='linkclick',
            constraint=models.UniqueConstraint(fields=('delivery', 'link'), name='linkclick_once_per_reader'),
        ),
        migrations.RunPython(grant, revoke),
    ]
