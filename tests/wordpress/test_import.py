"""The import: posts as stories, pages, pictures, comments; run twice, nothing changes."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

import pytest

from articles.models import Article, Section
from authors.models import Author
from comments.models import Comment, Commenter
from pages.models import Page
from wordpress.importing import import_wordpress
from wordpress.models import WordPressItem
from wordpress.wxr import WXRError

from .conftest import FIXTURES, shared_export


def _story(slug: str) -> Article:
    return Article.objects.get(slug=slug)


def test_posts_become_stories_with_their_times_status_and_dek(imported):
    story = _story("rebuilding-the-old-market")

    assert story.headline == "Rebuilding the old market"
    assert story.dek == "Eleven years after it closed, the hall is trading again."
    assert story.status == Article.Status.PUBLISHED
    assert story.publish_at == datetime(2024, 3, 15, 9, 30, tzinfo=UTC)
    assert story.updated_at == datetime(2024, 3, 16, 10, 0, tzinfo=UTC)
    assert not story.was_updated or story.updated_at > story.publish_at


def test_percent_encoded_armenian_slug_is_decoded(imported):
    story = _story("հիշողության-օր")

    assert story.headline == "Հիշողության օր"
    assert story.get_absolute_url() == "/articles/" + quote("հիշողության-օր") + "/"


@pytest.mark.parametrize(
    ("slug", "status"),
    [
        ("council-vote", Article.Status.SCHEDULED),
        ("unfinished-draft", Article.Status.DRAFT),
        ("waiting", Article.Status.IN_REVIEW),
        ("staff-only", Article.Status.DRAFT),
    ],
)
def test_wordpress_statuses_map_to_story_statuses(imported, slug, status):
    assert _story(slug).status == status
    assert not Article.objects.live().filter(slug=slug).exists()


def test_private_post_is_named_in_the_report(imported):
    assert any(n.key == "107" and "private" in n.why for n in imported.notes)


def test_co_authors_become_bylines_in_order(imported):
    story = _story("rebuilding-the-old-market")

    assert [b.author.name for b in story.bylines.all()] == ["Garo Hovsepian", "Anahit Petrosyan"]
    assert Author.objects.get(name="Anahit Petrosyan").email == "anahit@gyumri.example"


def test_dc_creator_is_the_byline_without_co_authors(imported):
    assert [b.author.name for b in _story("the-quake-remembered").bylines.all()] == [
        "Anahit Petrosyan"
    ]


def test_first_category_is_the_section_and_tags_are_kept(imported):
    market = _story("rebuilding-the-old-market")

    assert market.section.name == "Shirak region"
    assert market.section.slug == "shirak"
    # A section is one per story: its later categories are kept as tags.
    assert sorted(market.tags.names()) == ["Culture", "earthquake"]
    assert list(_story("հիշողության-օր").tags.names()) == ["հուշ"]
    assert not Section.objects.filter(name="Culture").exists()


def test_featured_image_is_the_hero_with_alt_and_caption(imported):
    story = _story("rebuilding-the-old-market")

    assert story.hero is not None
    assert story.hero.alt_text == "Stalls under the iron roof"
    assert story.hero.caption == "The hall at dawn"


def test_body_has_paragraphs_figures_gallery_embeds_and_new_links(imported):
    story = _story("rebuilding-the-old-market")
    hero = story.hero_id
    body = story.body

    assert "<p>Traders came back before dawn.<br>" in body
    assert (
        f'<figure data-image="{hero}" data-layout="full" '
        'data-caption="The hall at dawn, from the square.">' in body
    )
    assert '<figure data-gallery="' in body
    assert "youtube.com/watch?v=dQw4w9WgXcQ" in body and "vimeo.com/76979871" in body
    assert 'href="/articles/the-quake-remembered/"' in body
    assert 'href="/about/"' in body
    assert "wp:paragraph" not in body and "[contact-form-7" not in body
    assert any("[contact-form-7] removed" in n.why for n in imported.notes)


def test_missing_attachment_file_is_reported_not_fatal(imported):
    assert any(n.key == "203" and n.action == "missing" for n in imported.notes)


def test_pages_become_site_pages_at_their_old_paths(imported):
    assert Page.objects.published().get(url="/about/team/").title == "Our team"
    assert "<p>Write to us.</p>" in Page.objects.get(url="/about/").body


def test_comments_keep_status_threads_and_never_show_emails(imported, client):
    story = _story("rebuilding-the-old-market")
    by_name = {c.name: c for c in Comment.objects.all()}

    assert by_name["Lilit"].status == Comment.Status.APPROVED
    assert by_name["Aram"].parent == by_name["Lilit"]
    assert by_name["Sona"].status == Comment.Status.PENDING
    assert "Cheap pills" not in by_name
    story.refresh_from_db()
    assert story.comment_count == 2
    record = WordPressItem.objects.get(kind="comment", wp_key="31")
    assert record.data["email"] == "lilit@readers.example"
    assert Commenter.objects.get(comments=by_name["Lilit"]).is_confirmed
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert b"My grandmother sold apricots there." in page.content
    assert b"lilit@readers.example" not in page.content


def test_second_run_changes_nothing(imported, export, uploads, django_assert_max_num_queries):
    before = (
        list(Article.objects.values_list("pk", "edit_version", "updated_at")),
        Comment.objects.count(),
        Page.objects.count(),
        Section.objects.count(),
        Author.objects.count(),
    )

    again = import_wordpress(export, uploads=uploads)

    assert not again.changed_anything
    assert again.total("unchanged") > 0
    assert before == (
        list(Article.objects.values_list("pk", "edit_version", "updated_at")),
        Comment.objects.count(),
        Page.objects.count(),
        Section.objects.count(),
        Author.objects.count(),
    )


def _newer_export(tmp_path, export):
    text = (
        export.read_text()
        .replace("A year of work on the memorial.", "Two years of work on the memorial.")
        .replace("Traders came back before dawn.", "Traders came back at dawn.")
    )
    newer = tmp_path / "newer.xml"
    newer.write_text(text)
    return newer


def test_newer_export_updates_what_changed_but_not_stories_edited_here(
    imported, export, uploads, tmp_path
):
    edited = _story("rebuilding-the-old-market")
    edited.headline = "Our market is back"
    edited.save()

    report = import_wordpress(_newer_export(tmp_path, export), uploads=uploads)

    assert "Two years" in _story("the-quake-remembered").body
    edited.refresh_from_db()
    assert edited.headline == "Our market is back"
    assert "Traders came back before dawn." in edited.body
    assert report.counts["post"] == {"updated": 1, "skipped": 1, "unchanged": 5}
    assert any(n.key == "101" and "edited here" in n.why for n in report.notes)


def test_dry_run_saves_nothing(db, export, uploads):
    report = import_wordpress(export, uploads=uploads, dry_run=True)

    assert report.counts["post"]["created"] == 7
    assert not Article.objects.exists() and not WordPressItem.objects.exists()


@pytest.mark.parametrize("name", ["unclosed-item.xml", "billion-laughs.xml", "external-entity.xml"])
def test_bad_file_saves_nothing(db, name):
    with pytest.raises(WXRError):
        import_wordpress(FIXTURES / name)

    assert not Article.objects.exists() and not WordPressItem.objects.exists()


def test_old_1_0_export_imports(db):
    report = import_wordpress(FIXTURES / "wxr-1.0-http.xml")

    assert report.counts["post"] == {"created": 1}
    assert _story("first-post").section.name == "Misc"


@pytest.mark.parametrize(
    "name",
    [
        "co-authors-plus.xml",
        "has-yoast-meta.xml",
        "feature-image-captions.xml",
        "sample-with-alt.xml",
        "wxr-utf-8-challenges.xml",
        "valid-wxr-1.1.xml",
        "small-export.xml",
        "slashes.xml",
        "backslashes.xml",
        "post-content-blank-lines.xml",
        "namespace-edge-cases.xml",
        "authors-multiline.xml",
    ],
)
def test_shared_edge_case_exports_import(db, name):
    report = import_wordpress(shared_export(f"edge-cases/{name}"))

    assert report.total("created") > 0


def test_shared_co_authors_become_bylines(db):
    import_wordpress(shared_export("edge-cases/co-authors-plus.xml"))

    assert any(story.bylines.count() > 1 for story in Article.objects.all())


def test_shared_blank_lines_make_paragraphs(db):
    import_wordpress(shared_export("edge-cases/post-content-blank-lines.xml"))

    assert Article.objects.get().body.count("<p>") >= 2


def test_yoast_description_is_the_dek_when_there_is_no_excerpt(db):
    import_wordpress(shared_export("edge-cases/has-yoast-meta.xml"))

    assert Article.objects.filter(dek__startswith="A short description of the post").exists()
