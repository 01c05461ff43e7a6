"""The WXR reader: versions, namespaces, safe parsing and clear errors."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from wordpress.wxr import WXRAuthor, WXRError, WXRItem, WXRTerm, read_export, scan_export

from .conftest import FIXTURES, shared_export


def test_reads_authors_terms_and_items_of_a_1_2_export(export):
    records = list(read_export(str(export)))
    authors = [r for r in records if isinstance(r, WXRAuthor)]
    terms = [r for r in records if isinstance(r, WXRTerm)]
    items = {r.post_id: r for r in records if isinstance(r, WXRItem)}

    assert [a.name for a in authors] == ["Anahit Petrosyan", "Garo Hovsepian"]
    assert ("category", "shirak", "Shirak region", "news") in [
        (t.taxonomy, t.slug, t.name, t.parent) for t in terms
    ]
    post = items[101]
    assert post.title == "Rebuilding the old market"
    assert post.date_gmt == datetime(2024, 3, 15, 9, 30, tzinfo=UTC)
    assert post.meta_value("_thumbnail_id") == "201"
    assert [c.approved for c in post.comments] == ["1", "1", "0", "spam"]
    assert post.comments[1].parent == 31
    assert items[105].date_gmt is None  # 0000-00-00 00:00:00


def test_reads_wordpress_ids_of_authors_and_terms(export):
    records = list(read_export(str(export)))

    assert {a.login: a.author_id for a in records if isinstance(a, WXRAuthor)} == {
        "anahit": 2,
        "garo": 3,
    }
    terms = {(t.taxonomy, t.slug): t.term_id for t in records if isinstance(t, WXRTerm)}
    assert terms[("category", "shirak")] == 6
    assert terms[("post_tag", "earthquake")] == 10


def test_reads_the_id_of_a_generic_term_and_none_where_missing():
    text = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>old</wp:author_login></wp:author>
<wp:term><wp:term_id>42</wp:term_id><wp:term_taxonomy>post_format</wp:term_taxonomy>
<wp:term_slug>post-format-aside</wp:term_slug><wp:term_name>Aside</wp:term_name></wp:term>
<wp:category><wp:category_nicename>misc</wp:category_nicename><wp:cat_name>Misc</wp:cat_name></wp:category>
</channel></rss>"""
    author, term, category = read_export(io.BytesIO(text))

    assert isinstance(author, WXRAuthor) and author.author_id == 0
    assert isinstance(term, WXRTerm) and (term.taxonomy, term.term_id) == ("post_format", 42)
    assert isinstance(category, WXRTerm) and category.term_id == 0


def test_reads_an_old_1_0_export_with_http_namespaces():
    summary = scan_export(str(FIXTURES / "wxr-1.0-http.xml"))
    (item,) = [r for r in read_export(str(FIXTURES / "wxr-1.0-http.xml")) if isinstance(r, WXRItem)]

    assert summary.version == "1.0"
    assert summary.site_url == "http://blog.example"
    assert item.post_name == "first-post"
    assert item.creator == "editor"


def test_scan_counts_items_by_type(export):
    summary = scan_export(str(export))

    assert summary.item_types == {"post": 7, "page": 2, "attachment": 3, "nav_menu_item": 1}
    assert summary.site_url == "https://old.gyumri.example"


def test_a_cut_off_file_is_refused_naming_the_line():
    with pytest.raises(WXRError, match=r"^Line 1[3-5]: not well-formed XML") as error:
        scan_export(str(FIXTURES / "unclosed-item.xml"))
    assert error.value.line


def test_not_an_export_is_refused():
    with pytest.raises(WXRError, match="not an RSS export"):
        scan_export(io.BytesIO(b"<html><body>hi</body></html>"))


def test_an_export_without_a_version_is_refused():
    text = (
        (FIXTURES / "wxr-1.0-http.xml")
        .read_bytes()
        .replace(b"<wp:wxr_version>1.0</wp:wxr_version>", b"")
    )
    with pytest.raises(WXRError, match="no WXR version"):
        scan_export(io.BytesIO(text))


@pytest.mark.parametrize("name", ["billion-laughs.xml", "external-entity.xml"])
def test_entity_declarations_are_refused(name):
    with pytest.raises(WXRError, match="declares entities or a DTD"):
        scan_export(str(FIXTURES / name))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.xml", r"^Line \d+: not well-formed"),
        ("malformed-simple.xml", r"^Line \d+: not well-formed"),
        ("crazy-cdata.xml", r"^Line 18: not well-formed"),
        ("invalid-version-tag.xml", r"^Line \d+: the WXR version is 'abc'"),
        ("missing-version-tag.xml", "no WXR version"),
    ],
)
def test_shared_broken_exports_give_clear_errors(name, message):
    with pytest.raises(WXRError, match=message):
        scan_export(str(shared_export(f"edge-cases/{name}")))


@pytest.mark.parametrize(
    "name",
    [
        "valid-wxr-1.0.xml",
        "valid-wxr-1.1.xml",
        "crazy-cdata-escaped.xml",
        "namespace-edge-cases.xml",
        "wxr-utf-8-challenges.xml",
        "large-authors.xml",
        "term-formats.xml",
    ],
)
def test_shared_valid_exports_read(name):
    scan_export(str(shared_export(f"edge-cases/{name}")))


def test_theme_unit_test_export_counts():
    summary = scan_export(str(shared_export("theme-unit-test-data.xml")))

    assert summary.item_types == {"post": 58, "page": 21, "attachment": 37, "nav_menu_item": 70}
    assert summary.authors == 2
