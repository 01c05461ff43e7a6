"""Sending from the admin: the send's state on Issue, failed deliveries, who may send.

Newsletter managers and editors get the new "send issue" permission, and
may read the failed background jobs; editors may open issues to send them.
Written out here, as in articles' 0005, so this migration keeps meaning
what it meant when it landed.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GRANTS = {
    "Newsletter managers": ["newsletter.send_issue", "jobs.view_job"],
    "Editors": [
        "newsletter.send_issue",
        "newsletter.view_issue",
        "newsletter.view_issueitem",
        "newsletter.view_newsletterlist",
        "newsletter.view_delivery",
        "jobs.view_job",
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for label in ("newsletter", "jobs"):
        app_config = apps.get_app_config(label)
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
    Permission.objects.filter(content_type__app_label="newsletter", codename="send_issue").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('newsletter', '0002_subscriber_consent_issues_deliveries'),
        ('jobs', '0001_initial'),
        ('articles', '0005_newsroom_groups'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='issue',
            options={'ordering': ['-created_at'], 'permissions': [('send_issue', 'Can send issues, test sends and schedule them')]},
        ),
        migrations.AddField(
            model_name='delivery',
            name='error',
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name='issue',
            name='scheduled_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='scheduled for'),
        ),
        migrations.AddField(
            model_name='issue',
            name='send_error',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='issue',
            name='send_lease_until',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='issue',
            name='send_state',
            field=models.CharField(blank=True, choices=[('', 'Not sending'), ('scheduled', 'Scheduled'), ('sending', 'Sending'), ('stopped', 'Stopped')], default='', editable=False, max_length=10),
        ),
        migrations.AlterField(
            model_name='delivery',
            name='status',
            field=models.CharField(choices=[('sending', 'Sending (unknown if delivered)'), ('sent', 'Sent'), ('failed', 'Failed')], default='sending', max_length=10),
        ),
        migrations.RunPython(grant, revoke),
    ]
