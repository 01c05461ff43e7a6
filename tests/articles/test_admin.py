import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.admin.forms import ArticleAdminForm
from articles.models import Article, Quote, Source
from articles.models import Image as LibraryImage
from tests.conftest import GPS_IFD, RANDOM_NAME, image_upload, photo_with_gps
from tests.support.admin_forms import ADD, CHANGELIST, change_url
from tests.support.admin_forms import article_form as _article_form

pytestmark = pytest.mark.django_db


def test_editor_writes_a_draft_with_a_quote_from_a_new_source(editor_client, client):
    source_response = editor_client.post(
        reverse("admin:articles_source_add"),
        {
            "kind": "person",
            "name": "Mariam Harutyunyan",
            "slug": "mariam-harutyunyan",
            "role": "Librarian",
        },
    )
    assert source_response.status_code == 302
    speaker = Source.objects.get(name="Mariam Harutyunyan")
    data = _article_form(
        **{
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-speaker": speaker.pk,
            "quotes-0-via": "",
            "quotes-0-text": "We have waited ten years for this",
            "quotes-0-position": "1",
            "quotes-0-order": "0",
            "quotes-0-is_pull_quote": "on",
        }
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].errors
    article = Article.objects.get()
    assert article.slug == "council-approves-the-new-library"
    assert set(article.tags.names()) == {"Gyumri", "Libraries"}
    assert article.quotes.get().speaker == speaker
    # A draft: readers get a 404, the editor a preview.
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_photo_uploaded_with_a_story_joins_the_library_with_its_words(editor_client, editor):
    response = editor_client.post(
        ADD,
        _article_form(
            hero_upload=image_upload(),
            hero_alt="A library",
            hero_caption="Readers on the first morning",
            headline="The Library Reopens",
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    photo = article.hero
    assert photo.file.name.startswith("images/")
    assert (photo.width, photo.height) == (120, 80)
    assert (photo.title, photo.alt_text, photo.caption) == (
        "The Library Reopens",
        "A library",
        "Readers on the first morning",
    )
    assert photo.uploaded_by == editor
    # The words are the library's now, so an edit there shows on the story.
    assert (article.hero_alt, article.hero_caption) == ("", "")
    assert list(photo.stories.all()) == [article]


def test_after_an_upload_the_form_shows_the_photo_not_its_file_name(editor_client):
    editor_client.post(ADD, _article_form(hero_upload=image_upload(), hero_alt="A library"))
    article = Article.objects.get()
    html = editor_client.get(change_url(article)).content.decode()
    # The thumbnail is the smallest rendition, beside the file input.
    thumbnail = re.search(r'<img class="hero-preview__image" src="([^"]+)" alt="A library"', html)
    assert thumbnail and thumbnail.group(1).endswith("-120w.webp")
    assert editor_client.get(thumbnail.group(1)).status_code == 200
    assert f">{article.hero.file.name}<" not in html
    assert 'type="file" name="hero_upload"' in html
    # The library's number, with the popup to choose another.
    assert f'name="hero" value="{article.hero.pk}"' in html
    assert 'id="lookup_id_hero"' in html


def test_headline_caption_alt_text_and_tags_inputs_are_wide(editor_client):
    html = editor_client.get(ADD).content.decode()
    for name in ["headline", "hero_caption", "hero_alt", "tags"]:
        field = re.search(rf'<input type="text" name="{name}"[^>]*>', html).group(0)
        assert 'class="vLargeTextField"' in field, field


def test_a_fake_image_upload_gets_a_form_error_and_saves_nothing(editor_client):
    fake = SimpleUploadedFile("photo.jpg", b"<?php echo 'hi'; ?>", "image/jpeg")
    response = editor_client.post(ADD, _article_form(hero_upload=fake))
    assert response.status_code == 200
    assert "hero_upload" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_a_taken_slug_is_an_error_not_an_overwrite(editor_client, make_article):
    existing = make_article("Original Story")
    response = editor_client.post(ADD, _article_form(slug=existing.slug))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Article.objects.count() == 1


def test_publish_action_makes_stories_live(editor_client, client, make_article):
    drafts = [make_article(status=Article.Status.DRAFT, publish_at=None) for _ in range(2)]
    response = editor_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]}
    )
    assert response.status_code == 302
    assert Article.objects.live().count() == 2
    client.logout()
    front = client.get("/").content.decode()
    assert all(a.headline in front for a in drafts)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_workflow_actions_count_stories_in_plain_english(editor_client, make_article):
    one = make_article(status=Article.Status.DRAFT, publish_at=None)
    response = editor_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [one.pk]}, follow=True
    )
    assert _messages(response) == ["Published 1 story."]
    later = timezone.now() + timedelta(days=1)
    drafts = [make_article(status=Article.Status.DRAFT, publish_at=later) for _ in range(2)]
    response = editor_client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [one.pk, *(a.pk for a in drafts)]},
        follow=True,
    )
    assert _messages(response) == [
        "Published 1 story.",
        "Scheduled 2 stories: each goes live at its publish time.",
    ]
    response = editor_client.post(
        CHANGELIST, {"action": "unpublish_selected", "_selected_action": [one.pk]}, follow=True
    )
    assert _messages(response) == ["Unpublished 1 story."]


def test_submit_action_says_which_stories_it_left_alone(editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT, publish_at=None)
    live = make_article()
    response = editor_client.post(
        CHANGELIST,
        {"action": "submit_for_review", "_selected_action": [draft.pk, live.pk]},
        follow=True,
    )
    assert _messages(response) == [
        "Submitted 1 story for review.",
        "1 story was left as it was: only a draft or an unpublished story can go to review.",
    ]
    live.refresh_from_db()
    assert live.status == Article.Status.PUBLISHED


def test_unpublish_action_takes_stories_down(editor_client, make_article):
    article = make_article()
    editor_client.post(
        CHANGELIST, {"action": "unpublish_selected", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED


def test_changelist_search_and_filters(editor_client, make_article, section):
    make_article("Ceasefire Holds", byline="Ani Reporter", section=section, tags=["Border"])
    make_article("Opera Premiere")
    response = editor_client.get(CHANGELIST, {"q": "ceasefire"})
    assert [a.headline for a in response.context["cl"].result_list] == ["Ceasefire Holds"]
    response = editor_client.get(CHANGELIST, {"q": "Ani Reporter"})
    assert response.context["cl"].result_count == 1
    for params in [
        {"status__exact": "published"},
        {"section__id__exact": section.pk},
    ]:
        assert editor_client.get(CHANGELIST, params).status_code == 200


def test_tags_filter_the_list_from_the_tags_column(
    editor_client, make_article, django_assert_max_num_queries
):
    make_article("Ceasefire Holds", tags=["Border", "Diplomacy"])
    make_article("Opera Premiere", tags=["Culture"])
    html = editor_client.get(CHANGELIST).content.decode()
    # No sidebar list of every tag: the column's links filter instead.
    assert 'href="?tag=border"' in html and "By tag" not in html
    response = editor_client.get(CHANGELIST, {"tag": "border"})
    assert [a.headline for a in response.context["cl"].result_list] == ["Ceasefire Holds"]
    assert "By tag" in response.content.decode()


def test_changelist_query_count_is_flat(editor_client, make_article, django_assert_max_num_queries):
    for _ in range(30):
        make_article(tags=3, photo=image_upload())
    # session, user, filters (sections, credits), count, page, tags,
    # date hierarchy
    with django_assert_max_num_queries(11):
        response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    # Each thumbnail is a small rendition, not the original photo.
    thumbnails = re.findall(r'<img class="article-thumb" src="([^"]+)"', response.content.decode())
    assert len(thumbnails) == 30
    assert all(src.startswith("/media/renditions/") for src in thumbnails)


def test_the_list_shows_status_local_time_and_featured_together(
    editor_client, make_article, settings
):
    settings.TIME_ZONE = "Asia/Yerevan"
    make_article(is_featured=True, publish_at=datetime(2026, 3, 5, 9, 4, tzinfo=UTC))
    make_article(status=Article.Status.DRAFT, publish_at=None)
    html = editor_client.get(CHANGELIST).content.decode()
    assert (
        'Published<br><span class="article-when">5 Mar 2026, 13:04</span>'
        '<br><span class="article-featured">Featured</span>'
    ) in html
    assert 'Draft<br><span class="article-when">no publish time</span>' in html


def test_change_form_links_to_a_preview(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert f'href="{article.get_absolute_url()}"' in html
    assert "Preview as readers will see it" in html


def test_source_autocomplete_finds_speakers(editor_client, make_source):
    make_source("Armen Grigorian")
    make_source("Someone Else")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "grigor", "app_label": "articles", "model_name": "quote", "field_name": "speaker"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Armen Grigorian"]


def test_credit_autocomplete_offers_only_outlets(editor_client, make_source):
    make_source("TASS", kind=Source.Kind.OUTLET)
    make_source("Tass Person")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "tass", "app_label": "articles", "model_name": "article", "field_name": "credit"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["TASS"]


def test_source_list_shows_quote_counts(editor_client, make_article, make_source):
    speaker = make_source("Quoted Often")
    article = make_article()
    for _ in range(4):
        Quote.objects.create(article=article, speaker=speaker, text="Yes")
    response = editor_client.get(reverse("admin:articles_source_changelist"), {"q": "often"})
    row = response.context["cl"].result_list[0]
    assert row.quote_count == 4
    assert b'<td class="field-quote_count">4</td>' in response.content


def test_readers_cannot_reach_the_admin(client, db):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("upload", "limits", "message"),
    [
        (lambda: _fake_upload(), {}, "Upload a valid image"),
        (lambda: image_upload(size=(400, 400)), {"MAX_IMAGE_BYTES": 500}, "the limit is"),
        (lambda: image_upload(size=(200, 200)), {"MAX_IMAGE_PIXELS": 100 * 100}, "megapixels"),
    ],
    ids=["fake", "too-many-bytes", "too-many-pixels"],
)
def test_a_bad_upload_is_a_form_error_and_leaves_the_article_unchanged(
    editor_client, make_article, settings, upload, limits, message
):
    article = make_article("Original Headline", photo=image_upload(size=(90, 60)))
    before = Article.objects.values().get(pk=article.pk)
    stored = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*"))
    for name, value in limits.items():
        setattr(settings, name, value)
    url = change_url(article)
    data = _article_form(article, headline="Changed Headline", hero_upload=upload())
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in str(errors["hero_upload"])
    assert message in response.content.decode()
    assert Article.objects.values().get(pk=article.pk) == before
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*")) == stored
    assert LibraryImage.objects.count() == 1


def _fake_upload():
    return SimpleUploadedFile("photo.jpg", b"GIF89a<script>alert(1)</script>", "image/jpeg")


def test_an_admin_upload_is_stored_without_metadata_under_a_random_name(editor_client):
    upload = SimpleUploadedFile("reporter-home.jpg", photo_with_gps(), "image/jpeg")
    response = editor_client.post(ADD, _article_form(hero_upload=upload, hero_alt="A street"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert RANDOM_NAME.match(article.hero.file.name)
    with article.hero.file.open("rb") as stored:
        assert not Image.open(stored).getexif().get_ifd(GPS_IFD)


def _statuses(form) -> list[str]:
    return [value for value, _label in form.fields["status"].choices]


def _admin_request(user):
    request = RequestFactory().get(ADD)
    request.user = user
    return request


def test_forms_built_for_two_users_each_offer_their_own_statuses(editor, contributor):
    model_admin = admin.site._registry[Article]
    # Both classes are built before either form is made, as two requests
    # running side by side would.
    editor_form_class = model_admin.get_form(_admin_request(editor))
    contributor_form_class = model_admin.get_form(_admin_request(contributor))
    contributor_form = contributor_form_class(instance=Article())
    editor_form = editor_form_class(instance=Article())
    assert _statuses(contributor_form) == [Article.Status.DRAFT, Article.Status.IN_REVIEW]
    assert Article.Status.PUBLISHED in _statuses(editor_form)
    assert editor_form.user == editor and contributor_form.user == contributor


def test_one_article_form_class_serves_two_users(editor, contributor):
    draft = Article(status=Article.Status.DRAFT)
    contributor_form = ArticleAdminForm(instance=draft, user=contributor)
    editor_form = ArticleAdminForm(instance=draft, user=editor)
    assert _statuses(contributor_form) == [Article.Status.DRAFT, Article.Status.IN_REVIEW]
    assert Article.Status.PUBLISHED in _statuses(editor_form)


def test_an_article_form_without_a_user_is_refused_not_unrestricted():
    # Without a user the status rules cannot apply: every status would show.
    with pytest.raises(TypeError):
        ArticleAdminForm(instance=Article())
