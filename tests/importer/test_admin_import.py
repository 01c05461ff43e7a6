import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import importer
from articles.admin.forms import ImportStoryForm
from articles.importer import drafts
from articles.importer.files import MAX_STORY_BYTES
from articles.models import Article, Quote, Source

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
IMPORT = reverse("admin:articles_article_import")
CHANGELIST = reverse("admin:articles_article_changelist")


def _text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text()


def _review(editor_client, **data):
    response = editor_client.post(IMPORT, {"preview": "1", **data})
    assert response.status_code == 200
    return response


def _create_data(review_response, **overrides):
    """The review form as the browser would post it back."""
    context = review_response.context
    data = {"create": "1", **context["review"].initial}
    formset = context["quotes_formset"]
    data.update({f"quotes-{k}": v for k, v in formset.management_form.initial.items()})
    for i, form in enumerate(formset.forms):
        for name, value in form.initial.items():
            if name == "keep":
                if value:
                    data[f"quotes-{i}-keep"] = "on"
            else:
                data[f"quotes-{i}-{name}"] = value
    data.update(overrides)
    return data


@pytest.fixture
def calls(monkeypatch) -> Counter:
    """Count the importer's steps a request makes, by the steps' names.

    Each function is wrapped in every module of the app that holds it, so a
    step is counted whichever name the caller reached it by.
    """
    counted: Counter = Counter()

    def spy(real):
        def counting(*args, **kwargs):
            counted[real.__name__] += 1
            return real(*args, **kwargs)

        return counting

    for real in (importer.parse_story, importer.import_story, drafts.match_sources):
        wrapper = spy(real)
        for name, module in list(sys.modules.items()):
            if name.split(".")[0] == "articles" and getattr(module, real.__name__, None) is real:
                monkeypatch.setattr(module, real.__name__, wrapper)
    return counted


def test_changelist_links_to_the_import_page(editor_client):
    assert f'href="{IMPORT}"' in editor_client.get(CHANGELIST).content.decode()


def test_pasted_story_is_shown_for_review_and_nothing_is_saved(editor_client, make_source):
    make_source("Nora Velling")
    response = _review(editor_client, text=_text("quote-styles-ferry-cuts"))
    html = response.content.decode()
    assert "Check the imported story" in html
    assert "Quotes found (11)" in html
    assert "matches <a" in html  # Nora Velling is known
    assert "new source" in html
    assert Article.objects.count() == 0


def test_review_marks_promo_lines_and_repeats(editor_client):
    html = _review(editor_client, text=_text("feature-kessel-floodplain-forest")).content.decode()
    assert "promo line: becomes the newsletter sign-up block" in html
    assert "Dropped, repeated word for word" in html


def test_uploaded_file_is_imported(editor_client):
    upload = SimpleUploadedFile("story.txt", _text("wire-port-strike-talks").encode(), "text/plain")
    response = _review(editor_client, file=upload)
    assert response.context["parsed"].dateline == "RIGA"


def test_a_binary_upload_gets_a_clear_error(editor_client):
    upload = SimpleUploadedFile("story.txt", b"\x00\x01PK\x03\x04", "text/plain")
    response = _review(editor_client, file=upload)
    assert "looks like a binary file" in response.content.decode()


def test_an_empty_upload_gets_one_error_that_says_so(editor_client):
    upload = SimpleUploadedFile("story.txt", b"", "text/plain")
    response = _review(editor_client, file=upload)
    html = response.content.decode()
    assert "The file is empty." in html
    assert "Paste a story or choose a file." not in html
    assert html.count('class="errorlist') == 1


def test_nothing_pasted_or_chosen_gets_one_error(editor_client):
    html = _review(editor_client, text="   ").content.decode()
    assert "Paste a story or choose a file." in html
    assert html.count('class="errorlist') == 1


def test_text_without_a_headline_gets_a_clear_error(editor_client):
    response = _review(editor_client, text="just one long sentence of body text, ending here.")
    assert response.context["upload"].errors
    assert Article.objects.count() == 0


def test_editor_corrects_and_creates_the_draft_in_one_step(editor_client):
    review = _review(editor_client, text=_text("quote-styles-ferry-cuts"))
    data = _create_data(review, headline="Ferry Cuts Anger Island Mayors", tags="Ferries, Islands")
    # Drop the first quote and rename the second speaker.
    data.pop("quotes-0-keep")
    data["quotes-1-speaker"] = "Aleksa Torvik-Berg"
    response = editor_client.post(IMPORT, data)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert article.headline == "Ferry Cuts Anger Island Mayors"
    assert article.status == Article.Status.DRAFT
    assert set(article.tags.names()) == {"Ferries", "Islands"}
    assert article.quotes.count() == 10
    assert Source.objects.filter(name="Aleksa Torvik-Berg").exists()


def test_creating_the_same_story_twice_points_at_the_first(editor_client):
    review = _review(editor_client, text=_text("wire-port-strike-talks"))
    editor_client.post(IMPORT, _create_data(review))
    first = Article.objects.get()
    again = _review(editor_client, text=_text("wire-port-strike-talks"))
    assert again.context["duplicate_of"] == first
    response = editor_client.post(IMPORT, _create_data(again), follow=True)
    assert "already imported" in response.content.decode()
    assert Article.objects.count() == 1


def test_an_upload_is_parsed_once_and_matched_once(editor_client, calls):
    upload = SimpleUploadedFile("story.txt", _text("wire-port-strike-talks").encode(), "text/plain")
    _review(editor_client, file=upload)
    assert calls == {"import_story": 1, "parse_story": 1, "match_sources": 1}


def test_creating_the_draft_parses_once_and_matches_once(editor_client, calls):
    review = _review(editor_client, text=_text("quote-styles-ferry-cuts"))
    calls.clear()
    response = editor_client.post(IMPORT, _create_data(review))
    assert response.status_code == 302
    assert calls == {"import_story": 1, "parse_story": 1, "match_sources": 1}


def test_a_review_shown_again_parses_once_and_matches_once(editor_client, calls):
    review = _review(editor_client, text=_text("quote-styles-ferry-cuts"))
    calls.clear()
    # A quote kept without a speaker sends the review back.
    response = editor_client.post(IMPORT, _create_data(review, **{"quotes-0-speaker": ""}))
    assert "Name the speaker, or untick the quote." in response.content.decode()
    assert calls == {"import_story": 1, "parse_story": 1, "match_sources": 1}
    assert Article.objects.count() == 0


def test_a_cleared_headline_is_asked_for_on_the_review_page(editor_client):
    review = _review(editor_client, text=_text("wire-port-strike-talks"))
    response = editor_client.post(IMPORT, _create_data(review, headline=""))
    assert response.status_code == 200
    assert response.context["review"].errors["headline"]
    assert response.context["parsed"].dateline == "RIGA"
    assert Article.objects.count() == 0


class _RecordedUpload(SimpleUploadedFile):
    """An upload that records how many bytes each read asked for."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reads: list[int] = []

    def read(self, size: int = -1) -> bytes:
        self.reads.append(size)
        return self.file.read(size)


def test_an_oversized_upload_is_refused_before_it_is_read():
    upload = _RecordedUpload("big.txt", b"word " * (MAX_STORY_BYTES // 5 + 1), "text/plain")
    form = ImportStoryForm(data={}, files={"file": upload})
    assert not form.is_valid()
    assert form.errors["file"] == ["big.txt is 1.0 MB; a story file is at most 1 MB of plain text."]
    assert upload.reads == []


def test_an_upload_is_read_no_further_than_the_limit():
    story = _text("wire-port-strike-talks").encode()
    upload = _RecordedUpload("story.txt", story, "text/plain")
    form = ImportStoryForm(data={}, files={"file": upload})
    assert form.is_valid(), form.errors
    assert upload.reads and all(0 <= size <= MAX_STORY_BYTES + 1 for size in upload.reads)


def test_readers_cannot_reach_the_import_page(client, db):
    assert client.get(IMPORT).status_code == 302


def _find_quotes(editor_client, article, **extra):
    return editor_client.post(
        CHANGELIST, {"action": "find_quotes", "_selected_action": [article.pk], **extra}
    )


def test_find_quotes_proposes_and_adds_nothing_until_ticked(editor_client, make_article):
    article = make_article(
        body="<p>“We will rebuild the bridge by spring,” Mayor Anna Petrosyan said.</p>"
        "<p>“Traffic will be diverted,” the mayor added.</p>"
    )
    response = _find_quotes(editor_client, article)
    assert response.status_code == 200
    proposals = response.context["proposals"]
    assert [p.quote.text for p in proposals] == [
        "We will rebuild the bridge by spring",
        "Traffic will be diverted",
    ]
    assert Quote.objects.count() == 0
    # Apply with nothing ticked: still nothing.
    _find_quotes(editor_client, article, apply="1")
    assert Quote.objects.count() == 0
    # Tick the first only.
    _find_quotes(editor_client, article, apply="1", quote=[proposals[0].key])
    quote = Quote.objects.get()
    assert quote.text == "We will rebuild the bridge by spring"
    assert quote.speaker.name == "Anna Petrosyan"
    assert quote.position == 1


def test_quotes_ticked_together_keep_the_story_order(editor_client, make_article, make_source):
    article = make_article(
        body="<p>“First,” Mayor Anna Petrosyan said.</p><p>“Second,” the mayor added.</p>"
        "<p>“Third,” the mayor said.</p>"
    )
    Quote.objects.create(article=article, speaker=make_source("Earlier Speaker"), text="Kept")
    keys = [p.key for p in _find_quotes(editor_client, article).context["proposals"]]
    _find_quotes(editor_client, article, apply="1", quote=keys)
    assert list(article.quotes.order_by("order").values_list("text", "order")) == [
        ("Kept", 0),
        ("First", 1),
        ("Second", 2),
        ("Third", 3),
    ]


def test_find_quotes_skips_quotes_the_story_already_holds(editor_client, make_article, make_source):
    article = make_article(body="<p>“We will rebuild,” Mayor Anna Petrosyan said.</p>")
    Quote.objects.create(
        article=article, speaker=make_source("Anna Petrosyan"), text="We will rebuild"
    )
    response = _find_quotes(editor_client, article)
    assert response.context["proposals"] == []
    assert "No new quotes were found" in response.content.decode()


def test_a_stale_tick_does_not_add_other_words(editor_client, make_article):
    article = make_article(body="<p>“First words,” Mayor Anna Petrosyan said.</p>")
    key = _find_quotes(editor_client, article).context["proposals"][0].key
    Article.objects.filter(pk=article.pk).update(
        body="<p>“Different words now,” Mayor Anna Petrosyan said.</p>"
    )
    _find_quotes(editor_client, article, apply="1", quote=[key])
    assert Quote.objects.count() == 0
