"""Who may manage redirects and run a WordPress import: editors, not contributors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redirects.models import Redirect

pytestmark = pytest.mark.django_db

SCREENS = [
    "admin:redirects_redirect_changelist",
    "admin:redirects_redirect_add",
    "admin:wordpress_wordpressimport_changelist",
    "admin:wordpress_wordpressimport_add",
]


@pytest.mark.parametrize("screen", SCREENS)
def test_an_editor_opens_the_redirects_and_the_wordpress_import(client, desk_editor, screen):
    client.force_login(desk_editor)
    assert client.get(reverse(screen)).status_code == 200


@pytest.mark.parametrize("screen", SCREENS)
def test_a_contributor_may_not(client, contributor, screen):
    client.force_login(contributor)
    assert client.get(reverse(screen)).status_code == 403


def test_an_editor_adds_a_redirect_for_an_old_armenian_address(client, desk_editor):
    client.force_login(desk_editor)
    old = "/2019/05/%D5%A3%D5%B5%D5%B8%D6%82%D5%B4%D6%80%D5%AB-%D5%B7%D5%B8%D6%82%D5%AF%D5%A1/"
    response = client.post(
        reverse("admin:redirects_redirect_add"),
        {"old_path": old, "query": "", "target": "/", "permanent": "on", "_save": "Save"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Redirect.objects.filter(target="/").exists()
