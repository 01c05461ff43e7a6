"""Property tests: any name or headline an editor can enter works on every page.

Hypothesis draws names and headlines from all of Unicode (letters, marks,
digits, punctuation, symbols, spaces and the control characters a paste
can bring), and often from the scripts the paper writes every day:
Armenian (with `և`), Cyrillic, Greek, Turkish, and emoji. Each name is
first cleaned as the admin's form for that field cleans it: what the form
refuses must be refused with a validation message, and everything it
accepts is saved through the models' own save path and must then work on
the story page, the tag, source and section pages, the front page, the
feeds, every sitemap and search.

Each example runs in a transaction of its own, rolled back after it
(`hypothesis.extra.django.TestCase`), with the page caches emptied, so
examples never see each other's rows or pages. The profile (example
count, derandomised on CI) is set in `tests/conftest.py`.
"""

from __future__ import annotations

import html
from datetime import timedelta
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone
from hypothesis import event, example, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from taggit.models import Tag

from articles.addresses import slug_url
from articles.models import Article, Quote, Section, Source, unique_slug
from articles.models.search import search_terms
from pagecache import state
from reader.xml_text import xml_text

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"

ARMENIAN = "ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖաբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև"
# Armenian punctuation: the full stop, comma, exclamation and question marks.
ARMENIAN_MARKS = "։՝՜՞֊«»"
CYRILLIC = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
GREEK = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψωςάέήίόύώϊΐ"
TURKISH = "abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ"
# A flag (two regional indicators), a family joined by ZWJs, a heart with
# its emoji variation selector: one picture each, several code points.
EMOJI = ["🎉", "🇦🇲", "👩\u200d👩\u200d👧", "❤️", "🕊", "📰"]
SCRIPTS = [ARMENIAN, CYRILLIC, GREEK, TURKISH]
# Letters only: "İ".lower() is "i" and a combining dot.
SCRIPT_LETTERS = {
    char for char in "".join(SCRIPTS + [s.lower() for s in SCRIPTS]) if char.isalpha()
}

# What a paste into an admin text box can carry besides printable text:
# tabs and line breaks, Word's vertical tab, a stray NUL or backspace, DEL
# and NEL.
PASTED_CONTROLS = "\t\n\r\x0b\x0c\x00\x08\x1f\x7f\x85"


def _word(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=1, max_size=12)


def _phrase(alphabet: str) -> st.SearchStrategy[str]:
    return st.lists(_word(alphabet), min_size=1, max_size=5).map(" ".join)


# A name in one of the paper's scripts, with now and then an emoji or a
# mark of Armenian punctuation after a word.
script_names = st.builds(
    lambda words, tail: f"{words}{tail}",
    st.one_of(*(_phrase(script) for script in SCRIPTS)),
    st.one_of(
        st.just(""), st.sampled_from(EMOJI).map(" ".__add__), st.sampled_from(ARMENIAN_MARKS)
    ),
)
# Anything at all from the categories text is made of, and what pastes bring.
any_text = st.text(
    st.characters(categories=["L", "M", "N", "P", "S", "Zs"], include_characters=PASTED_CONTROLS),
    min_size=1,
    max_size=80,
)
# A paste into a name of the paper's scripts: a tab, a line break or Word's
# vertical tab between two words.
pasted_names = st.builds(
    lambda a, control, b: f"{a}{control}{b}",
    script_names,
    st.sampled_from(PASTED_CONTROLS),
    st.one_of(*(_word(script) for script in SCRIPTS)),
)
emoji_names = st.lists(st.sampled_from(EMOJI), min_size=1, max_size=3).map("".join)
names = st.one_of(script_names, script_names, any_text, pasted_names, emoji_names)


# The admin form fields a name and a headline are typed into.
NAME_FIELDS = [(Tag, "name"), (Section, "name"), (Source, "name")]
HEADLINE_FIELD = (Article, "headline")


def _cleaned(model: type[models.Model], field: str, text: str) -> str | None:
    """Return `text` as the admin form's field for `model.field` cleans it.

    None when the form refuses it, which it must do with a message an
    editor can read (a ValidationError), never with another exception.
    """
    try:
        return model._meta.get_field(field).formfield().clean(text)
    except ValidationError as error:
        assert error.messages and all(error.messages), error
        event(f"{model.__name__}.{field} refused by the form")
        return None


def _as_entered(name: str, headline: str) -> tuple[str, str] | None:
    """Return the name and headline as the forms save them, or None if one refuses.

    The name must pass the tag, section and source forms alike (the
    section's is the shortest, 80 characters).
    """
    names = {_cleaned(model, field, name) for model, field in NAME_FIELDS}
    headline = _cleaned(*HEADLINE_FIELD, headline)
    if None in names or headline is None:
        return None
    # Every form cleans a name the same way (it strips the ends).
    [name] = names
    return name, headline


def _xml(response) -> ElementTree.Element:
    assert response.status_code == 200, response
    return ElementTree.fromstring(response.content)


def _index_matches(article: Article, word: str) -> bool:
    """Tell whether the database's own text search matches `word` in `article`.

    What "searchable" means is the backend's: on PostgreSQL the story's
    `search_vector` against `websearch_to_tsquery('english', ...)`
    (stopwords and all), on SQLite its FTS5 row against the word as a
    quoted string (the `porter unicode61` tokenizer's idea of a word).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT search_vector @@ websearch_to_tsquery('english', %s) "
                "FROM articles_article WHERE id = %s",
                [word, article.pk],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM articles_article_fts "
                "WHERE articles_article_fts MATCH %s AND rowid = %s",
                [f'"{word}"', article.pk],
            )
        return bool(cursor.fetchone()[0])


def _same_text(text: str) -> str:
    # What XML cannot carry is written as spaces (`xml_text`), and XML
    # parsers turn a carriage return into a line feed: spacing is not what
    # these tests are about.
    return " ".join(xml_text(text).split())


class NamesEverywhereTests(TestCase):
    def setup_example(self) -> None:
        super().setup_example()
        cache.clear()
        state.forget_local_copies()

    def _publish(self, name: str, headline: str) -> Article:
        """Save a live story by `headline`, with tag, speaker, credit and section `name`."""
        section = Section.objects.create(name=name, slug=unique_slug(Section, name, max_length=80))
        speaker = Source.objects.create(name=name, role="Mayor")
        # Same name, other kind: the slug rule must tell the two apart.
        outlet = Source.objects.create(name=name, kind=Source.Kind.OUTLET, role="Radio station")
        article = Article.objects.create(
            headline=headline,
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(hours=1),
            section=section,
            credit=outlet,
            body="<p>The bridge opened on Saturday.</p>",
        )
        article.tags.add(name)
        Quote.objects.create(
            article=article, speaker=speaker, text="It took us ten years.", is_pull_quote=True
        )
        return article

    def _page(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.content.decode()

    @given(name=names, headline=names)
    @example(name="Երևան", headline="Երևանը նոր կամուրջ է բացում")
    @example(name="Işıklı Köprü", headline="Афины и Ереван: Αθήνα")
    @example(name="🎉", headline="?!")
    def test_a_story_and_its_names_answer_on_their_pages_and_in_lists(self, name, headline):
        entered = _as_entered(name, headline)
        if entered is None:
            return
        name, headline = entered
        article = self._publish(name, headline)
        story = self._page(article.get_absolute_url())
        assert html.escape(headline) in story
        for url in self._name_pages(article):
            assert f'href="{url}"' in story, url
            listing = self._page(url)
            assert html.escape(name) in listing, url
            assert f'href="{article.get_absolute_url()}"' in listing, url
        front = self._page("/")
        assert html.escape(headline) in front
        assert f'href="{article.get_absolute_url()}"' in front

    def _name_pages(self, article: Article) -> list[str]:
        """Return the addresses of the story's tag, section, speaker and credit pages."""
        tag = article.tags.get()
        speaker = article.quotes.get().speaker
        return [
            slug_url("articles:tag_detail", tag.slug),
            article.section.get_absolute_url(),
            speaker.get_absolute_url(),
            article.credit.get_absolute_url(),
        ]

    @given(name=names, headline=names)
    @example(name="Երևան", headline="Սևանի ձկնորսները & <ծովը>")
    # Found: a control character in a name made every feed a 500.
    @example(name="0\x1f0", headline="0")
    def test_every_feed_is_xml_and_carries_the_headline(self, name, headline):
        entered = _as_entered(name, headline)
        if entered is None:
            return
        name, headline = entered
        article = self._publish(name, headline)
        for page in ["/", *self._name_pages(article)]:
            rss = _xml(self.client.get(f"{page}feed/"))
            titles = [item.findtext("title") for item in rss.iter("item")]
            assert [_same_text(t) for t in titles] == [_same_text(headline)], page
            atom = _xml(self.client.get(f"{page}feed/atom/"))
            titles = [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")]
            assert [_same_text(t) for t in titles] == [_same_text(headline)], page

    @given(name=names, headline=names)
    # Found: a control character in a headline left the news sitemap not
    # well-formed.
    @example(name="0", headline="0\x1f0")
    def test_every_address_in_every_sitemap_answers(self, name, headline):
        entered = _as_entered(name, headline)
        if entered is None:
            return
        name, headline = entered
        article = self._publish(name, headline)
        index = _xml(self.client.get("/sitemap.xml"))
        sitemaps = [urlsplit(loc.text).path for loc in index.iter(f"{SITEMAP}loc")]
        listed = []
        for sitemap in [*sitemaps, "/sitemap-news.xml"]:
            listed += [loc.text for loc in _xml(self.client.get(sitemap)).iter(f"{SITEMAP}loc")]
        paths = {urlsplit(location).path for location in listed}
        # A sitemap lists URIs: letters outside ASCII travel percent-encoded.
        assert all(location.isascii() for location in listed), listed
        assert {"/", *self._name_pages(article)} <= paths
        for path in paths:
            assert self.client.get(path).status_code == 200, path

    @given(name=names, headline=names, data=st.data())
    @example(name="Երևան", headline="Երևանը նոր կամուրջ է բացում", data=None)
    # Found: the lower-cased "İ" keeps its dot as a combining mark, and the
    # word fell apart in two on SQLite.
    @example(name="0", headline="İA", data=None)
    # Found: on PostgreSQL the lower-cased word, with a final sigma, misses
    # the capital one (a known limitation, asserted only as index == page).
    @example(name="0", headline="ΐΣ", data=None)
    def test_search_finds_the_story_by_any_word_the_index_holds(self, name, headline, data):
        entered = _as_entered(name, headline)
        if entered is None:
            return
        name, headline = entered
        article = self._publish(name, headline)
        words = search_terms(headline)
        if not words:
            # No word to search for: the page still answers.
            event("no word in the headline")
            self._page(f"/search/?q={quote(headline)}")
            return
        word = data.draw(st.sampled_from(words)) if data else words[0]
        found = f'href="{article.get_absolute_url()}"' in self._page(f"/search/?q={quote(word)}")
        assert found == _index_matches(article, word), word
        event("found" if found else "not a word the index holds")
        # Letters of the paper's scripts make no stopword: such a word must
        # be found, on either database. But a final sigma: PostgreSQL folds
        # Σ to σ only (see test_search.py's xfail for it).
        if set(word) <= SCRIPT_LETTERS and not word.isascii() and "ς" not in word:
            assert found, word
