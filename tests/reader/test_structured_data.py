"""JSON-LD, OpenGraph, canonical links, wire provenance and ninjs."""

import json
import re

import pytest

from articles.models import Source
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def wire_story(make_article, make_source, section):
    wire = make_source("RFE/RL", kind=Source.Kind.OUTLET, url="https://www.rferl.org/")
    article = make_article(
        "Talks </script> Resume",
        dek="Both sides agree to a new round.",
        byline="Ani Avagyan",
        dateline="YEREVAN",
        credit=wire,
        section=section,
        tags=["Armenia", "Diplomacy"],
        photo=image_upload(size=(1000, 600)),
        hero_alt="Two cars",
        hero_caption="Negotiators arrive",
        original_url="https://www.rferl.org/a/talks-resume/123.html",
        quotes=1,
    )
    article.view_count = 41
    article.save(update_fields=["view_count"])
    return article


def _jsonld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_article_jsonld_describes_the_news_article(client, wire_story, settings):
    html = client.get(wire_story.get_absolute_url()).content.decode()
    news, breadcrumbs = _jsonld(html)
    url = settings.SITE_URL + wire_story.get_absolute_url()
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "Talks </script> Resume"
    assert news["url"] == url
    assert news["datePublished"] == wire_story.publish_at.isoformat()
    assert news["dateModified"] >= news["datePublished"]
    assert news["author"] == [{"@type": "Person", "name": "Ani Avagyan"}]
    assert news["publisher"]["name"] == "The Weekly Mirror"
    assert news["image"][0]["url"] == settings.SITE_URL + wire_story.hero.file.url
    assert (news["image"][0]["width"], news["image"][0]["height"]) == (1000, 600)
    assert news["dateline"] == "YEREVAN"
    assert news["locationCreated"] == {"@type": "Place", "name": "Yerevan"}
    assert news["keywords"] == ["Armenia", "Diplomacy"]
    assert news["articleSection"] == "Armenia"
    assert news["interactionStatistic"] == {
        "@type": "InteractionCounter",
        "interactionType": "https://schema.org/ReadAction",
        "userInteractionCount": 41,
    }
    assert news["isBasedOn"] == "https://www.rferl.org/a/talks-resume/123.html"
    assert news["sourceOrganization"]["name"] == "RFE/RL"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Front page",
        "Armenia",
        "Talks </script> Resume",
    ]
    # A headline cannot close the script element.
    assert "</script> Resume" not in html.split("application/ld+json")[1].split("</script>")[0]


def test_corrections_are_in_the_structured_data(client, wire_story):
    from articles.models import Correction

    Correction.objects.create(article=wire_story, text="An earlier version misspelt a name.")
    html = client.get(wire_story.get_absolute_url()).content.decode()
    news = next(block for block in _jsonld(html) if block["@type"] == "NewsArticle")
    assert news["correction"][0]["@type"] == "CorrectionComment"
    assert news["correction"][0]["text"] == "An earlier version misspelt a name."
    assert news["correction"][0]["datePublished"]


def test_page_says_where_wire_copy_was_first_published(client, wire_story):
    html = client.get(wire_story.get_absolute_url()).content.decode()
    assert 'Originally published by <a href="https://www.rferl.org/a/talks-resume/123.html"' in html


def test_canonical_link_is_ours_unless_the_newsroom_points_it_at_the_original(
    client, wire_story, settings
):
    html = client.get(wire_story.get_absolute_url()).content.decode()
    ours = settings.SITE_URL + wire_story.get_absolute_url()
    assert f'<link rel="canonical" href="{ours}">' in html
    wire_story.canonical_is_original = True
    wire_story.save()
    html = client.get(wire_story.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{wire_story.original_url}">' in html


def test_opengraph_and_twitter_tags(client, wire_story, settings):
    html = client.get(wire_story.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Talks &lt;/script&gt; Resume">' in html
    assert f'<meta property="og:image" content="{settings.SITE_URL}/media/' in html
    assert '<meta property="article:tag" content="Diplomacy">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_ninjs_document_for_a_live_story(client, wire_story, settings):
    response = client.get(f"/articles/{wire_story.slug}.ninjs.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ninjs+json")
    doc = response.json()
    assert doc["uri"] == settings.SITE_URL + wire_story.get_absolute_url()
    assert doc["type"] == "text"
    assert doc["pubstatus"] == "usable"
    assert doc["headlines"] == [{"role": "main", "value": "Talks </script> Resume"}]
    assert doc["descriptions"][0]["value"] == "Both sides agree to a new round."
    assert doc["bodies"][0]["contenttype"] == "text/html"
    assert "<p>Paragraph 1 of the story.</p>" in doc["bodies"][0]["value"]
    assert [s["name"] for s in doc["subjects"]] == ["Armenia", "Diplomacy"]
    assert doc["infosources"] == [
        {
            "name": "RFE/RL",
            "role": "originator",
            "uri": "https://www.rferl.org/a/talks-resume/123.html",
        }
    ]
    assert doc["associations"]["featureimage"]["type"] == "picture"
    assert doc["located"] == "YEREVAN"
    assert len(doc["people"]) == 1


def test_ninjs_is_404_for_a_draft(client, make_article):
    draft = make_article(status="draft")
    assert client.get(f"/articles/{draft.slug}.ninjs.json").status_code == 404


def test_jsonld_credits_the_byline_not_the_staff_account(client, make_article, contributor):
    contributor.first_name, contributor.last_name = "Internal", "Login"
    contributor.save()
    story = make_article("Filed by staff", byline="Mariam Hakobyan", author=contributor)
    html = client.get(story.get_absolute_url()).content.decode()
    news, _ = _jsonld(html)
    assert news["author"] == [{"@type": "Person", "name": "Mariam Hakobyan"}]
    assert "Internal Login" not in html and contributor.username not in html
