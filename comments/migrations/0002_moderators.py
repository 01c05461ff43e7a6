"""Create the Moderators group, and let Editors moderate comments too.

Moderators work the comment queue and keep the word and block lists, and
may read the stories the comments are on. Written out here, as in
articles' 0005, so this migration keeps meaning what it meant when it
landed.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATION = [
    "comments.view_comment",
    "comments.change_comment",
    "comments.delete_comment",
    "comments.view_commenter",
    "comments.change_commenter",
    "comments.delete_commenter",
    "comments.add_moderationword",
    "comments.change_moderationword",
    "comments.delete_moderationword",
    "comments.view_moderationword",
    "comments.add_blockedaddress",
    "comments.change_blockedaddress",
    "comments.delete_blockedaddress",
    "comments.view_blockedaddress",
]
GROUPS = {
    "Moderators": [*MODERATION, "articles.view_article"],
    "Editors": MODERATION,
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for label in ("comments", "articles"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="comments"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0005_newsroom_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
