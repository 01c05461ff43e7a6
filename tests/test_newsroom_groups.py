"""The newsroom's groups can be made again after a transactional test's flush."""

import pytest
from django.contrib.auth.models import Group

from tests.support.groups import ensure_newsroom_groups


def _groups() -> dict[str, set[str]]:
    return {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }


@pytest.mark.django_db
def test_the_groups_a_flush_removes_come_back_as_the_migrations_made_them():
    ensure_newsroom_groups()
    made = _groups()
    assert {"Contributors", "Editors", "Newsletter managers"} <= set(made)
    assert "change_author" in made["Editors"]
    Group.objects.all().delete()
    ensure_newsroom_groups()
    assert _groups() == made
