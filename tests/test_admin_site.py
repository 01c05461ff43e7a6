"""The admin's index reads like a newsroom's tool: content first, plain names."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _sections(html: str) -> list[str]:
    return re.findall(r'<a href="/admin/[a-z_]+/" class="section"[^>]*>([^<]+)</a>', html)


def test_content_comes_first_and_logins_last(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert _sections(html) == [
        "Content",
        "Authors",
        "Newsletter",
        "Site pages",
        "Redirects",
        "Comments",
        "Tags",
        "Background jobs",
        "Moving from WordPress",
        "Authentication and Authorization",
        "Login security",
    ]
    assert "Taggit" not in html and "Axes" not in html
    assert "The Weekly Mirror newsroom" in html


def test_the_tags_section_is_called_tags_everywhere(editor_client):
    html = editor_client.get("/admin/taggit/tag/").content.decode()
    assert '<a href="/admin/taggit/">Tags</a>' in html
    assert "Taggit" not in html
