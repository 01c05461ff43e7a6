"""The import's writes at scale: threads kept across batches, a query budget per post."""

from __future__ import annotations

import re

from articles.models import Article
from comments.models import Comment
from wordpress.importing import import_wordpress

from .conftest import FIXTURES

# The suite's first post (101), its comments and all: copied with new ids.
_FIRST_POST = re.compile(r"\t<item>.*?</item>\n", re.S)
_REPLY_TO_REPLY = """\t\t<wp:comment>
\t\t\t<wp:comment_id>{id}</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[{name}]]></wp:comment_author>
\t\t\t<wp:comment_author_email><![CDATA[{name}@readers.example]]></wp:comment_author_email>
\t\t\t<wp:comment_date_gmt><![CDATA[2024-03-16 09:00:00]]></wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[Answering {parent}.]]></wp:comment_content>
\t\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>
\t\t</wp:comment>
"""


def _export_with(tmp_path, *, copies: int = 0, comments: str = "", name: str = "export.xml"):
    """Write the suite's export with `copies` more posts like 101, and more comments on 101."""
    text = (FIXTURES / "newsroom-export.xml").read_text()
    first = _FIRST_POST.search(text)
    assert first is not None
    more = []
    for n in range(1, copies + 1):
        copy = first[0].replace("rebuilding-the-old-market", f"market-day-{n}")
        copy = copy.replace("<wp:post_id>101<", f"<wp:post_id>{1000 + n}<")
        copy = copy.replace("?p=101<", f"?p={1000 + n}<")
        copy = re.sub(
            r"<wp:comment_(id|parent)>(\d+)<",
            lambda m, n=n: f"<wp:comment_{m[1]}>{int(m[2]) and int(m[2]) + 100 * n}<",
            copy,
        )
        more.append(copy.replace("lilit@", f"lilit{n}@"))
    own = first[0].replace("\t</item>\n", comments + "\t</item>\n")
    text = text.replace(first[0], own + "".join(more))
    path = tmp_path / name
    path.write_text(text)
    return path


def _market_comments() -> dict[str, Comment]:
    story = Article.objects.get(slug="rebuilding-the-old-market")
    return {c.name: c for c in Comment.objects.filter(article=story)}


def test_a_reply_to_a_reply_joins_the_thread(db, tmp_path, uploads):
    replies = _REPLY_TO_REPLY.format(id=40, name="Karine", parent=32)

    import_wordpress(_export_with(tmp_path, comments=replies), uploads=uploads)

    by_name = _market_comments()
    assert by_name["Aram"].parent == by_name["Lilit"]
    assert by_name["Karine"].parent == by_name["Lilit"]


def test_replies_in_a_newer_export_join_threads_imported_before(db, tmp_path, uploads):
    import_wordpress(_export_with(tmp_path), uploads=uploads)
    replies = _REPLY_TO_REPLY.format(id=41, name="Hayk", parent=31)
    replies += _REPLY_TO_REPLY.format(id=42, name="Ani", parent=32)
    replies += _REPLY_TO_REPLY.format(id=43, name="Vahe", parent=41)

    report = import_wordpress(
        _export_with(tmp_path, comments=replies, name="newer.xml"), uploads=uploads
    )

    by_name = _market_comments()
    assert {by_name[n].parent for n in ("Hayk", "Ani", "Vahe")} == {by_name["Lilit"]}
    assert report.counts["comment"]["created"] == 3
    story = Article.objects.get(slug="rebuilding-the-old-market")
    assert story.comment_count == 5


def test_each_more_post_costs_a_few_queries_not_one_per_row(
    db, tmp_path, uploads, django_assert_max_num_queries
):
    # 30 more posts, each with three kept comments, a tag, two bylines,
    # its import record and redirects: about 25 writes each, one by one.
    export = _export_with(tmp_path, copies=30)

    with django_assert_max_num_queries(250 + 30 * 8):
        report = import_wordpress(export, uploads=uploads)

    assert report.counts["post"]["created"] == 37
    copy = Article.objects.get(slug="market-day-30")
    assert copy.comment_count == 2
    assert sorted(copy.tags.names()) == ["Culture", "earthquake"]
    assert [b.author.name for b in copy.bylines.select_related("author")] == [
        "Garo Hovsepian",
        "Anahit Petrosyan",
    ]
    threads = {c.name: c.parent for c in Comment.objects.filter(article=copy)}
    assert threads["Aram"] is not None and threads["Aram"].name == "Lilit"
