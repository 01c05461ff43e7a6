"""Give the newsroom's groups their permissions on authors and bylines.

Contributors put bylines on their stories and keep their own author record
(the admin shows them only the one linked to their account); editors keep
every author. Written out here, as in articles' 0005, so this migration
keeps meaning what it meant when it landed.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTORS = [
    "authors.view_author",
    "authors.change_author",
    "authors.add_authorlink",
    "authors.change_authorlink",
    "authors.delete_authorlink",
    "authors.view_authorlink",
    "authors.add_byline",
    "authors.change_byline",
    "authors.delete_byline",
    "authors.view_byline",
]
EDITORS = [*CONTRIBUTORS, "authors.add_author", "authors.delete_author"]
GROUPS = {"Contributors": CONTRIBUTORS, "Editors": EDITORS}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("authors")
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
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="authors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0001_initial"),
        ("articles", "0005_newsroom_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
