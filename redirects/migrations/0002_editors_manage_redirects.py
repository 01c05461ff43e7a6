"""Editors manage the redirects (the old addresses after a move, slug changes).

Written out here, as the other apps' group migrations are, so this migration
keeps meaning what it meant when it landed.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": [
        "redirects.add_redirect",
        "redirects.change_redirect",
        "redirects.delete_redirect",
        "redirects.view_redirect",
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("redirects")
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
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="redirects",
                    codename__in=[dotted.split(".")[1] for dotted in codenames],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("redirects", "0001_redirects"),
        ("articles", "0005_newsroom_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
