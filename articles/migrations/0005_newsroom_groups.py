"""Create the newsroom's three groups and give each its permissions.

The permission lists are written out here, not imported, so this migration
keeps meaning what it meant when it landed.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTORS = [
    "articles.add_article",
    "articles.change_article",
    "articles.delete_article",
    "articles.view_article",
    "articles.add_quote",
    "articles.change_quote",
    "articles.delete_quote",
    "articles.view_quote",
    "articles.add_source",
    "articles.change_source",
    "articles.view_source",
    "articles.view_section",
    "taggit.view_tag",
]
EDITORS = [
    *CONTRIBUTORS,
    "articles.publish_article",
    "articles.delete_source",
    "articles.add_section",
    "articles.change_section",
    "articles.delete_section",
    "articles.add_correction",
    "articles.change_correction",
    "articles.view_correction",
    "articles.view_statuschange",
    "articles.view_historicalarticle",
    "articles.view_historicalquote",
    "articles.view_historicalsource",
    "taggit.add_tag",
    "taggit.change_tag",
    "taggit.delete_tag",
]
NEWSLETTER_MODELS = [
    "newsletterlist",
    "signupblock",
    "subscriber",
    "blockeddomain",
    "issue",
    "issueitem",
    "delivery",
]
NEWSLETTER_MANAGERS = [
    f"newsletter.{action}_{model}"
    for model in NEWSLETTER_MODELS
    for action in ("add", "change", "delete", "view")
] + ["articles.view_article", "articles.view_section"]

GROUPS = {
    "Contributors": CONTRIBUTORS,
    "Editors": EDITORS,
    "Newsletter managers": NEWSLETTER_MANAGERS,
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_history"),
        ("newsletter", "0002_subscriber_consent_issues_deliveries"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
