"""Yoast SEO's title and description become the story's text for search engines."""

from __future__ import annotations

import pytest

from articles.models import Article
from wordpress.importing import import_wordpress

from .conftest import FIXTURES

YOAST_TITLE = "<![CDATA[Gyumri market reopens]]>"


def _export_with_yoast_title(tmp_path, title: str):
    text = (FIXTURES / "newsroom-export.xml").read_text()
    assert YOAST_TITLE in text
    path = tmp_path / "export.xml"
    path.write_text(text.replace(YOAST_TITLE, f"<![CDATA[{title}]]>"))
    return path


def test_yoast_title_and_description_are_kept_beside_the_headline_and_dek(imported):
    story = Article.objects.get(slug="rebuilding-the-old-market")

    assert story.headline == "Rebuilding the old market"
    assert story.seo_title == "Gyumri market reopens"
    assert story.dek == "Eleven years after it closed, the hall is trading again."
    assert story.search_description == "The hall is trading again."


@pytest.mark.parametrize(
    ("yoast", "kept"),
    [
        # Yoast's default template: the headline and the site's own dressing.
        ("%%title%% %%page%% %%sep%% %%sitename%%", ""),
        ("Market hall %%sep%% %%sitename%%", "Market hall"),
        ("%%title%%: the traders' view", "Rebuilding the old market: the traders' view"),
    ],
)
def test_yoast_variables_are_filled_in_or_dropped(db, tmp_path, uploads, yoast, kept):
    import_wordpress(_export_with_yoast_title(tmp_path, yoast), uploads=uploads)

    assert Article.objects.get(slug="rebuilding-the-old-market").seo_title == kept
