"""The WordPress import at newsroom scale: a 10,000-post export on SQLite.

Writes an export in WordPress's WXR 1.2 shape to a temp folder (10,000
posts by 20 authors in 12 categories with 200 tags, bodies with blank-line
paragraphs, a caption-less shortcode and links between posts, two
comments each, one a reply; and 50 pages), migrates a fresh SQLite
database beside it, and times `manage.py import_wordpress` on it, then a
second run of the same file (which changes nothing). Prints both times
and the import's counts; exits non-zero when the first run takes longer
than the target (2 minutes).

Run: `python bench/wordpress_import.py [--posts 10000]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from serving import manage, production_env

TARGET_SECONDS = 120
SITE = "https://old.bench.example"
WORDS = [
    *("council", "water", "market", "mayor", "school", "bridge", "road", "budget"),
    *("winter", "harvest", "museum", "theatre", "station", "factory", "clinic"),
    *("library", "square", "river", "mountain", "festival"),
]


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _sentence(n: int, length: int = 14) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def _post(n: int, posts: int) -> str:
    slug = f"story-{n}-{WORDS[n % len(WORDS)]}"
    day = 1 + n % 28
    month = 1 + n % 12
    other = (n * 31) % posts + 1
    tag2 = n * 3 % 200
    body = "\n\n".join(
        [
            _sentence(n),
            _sentence(n + 1) + "\n" + _sentence(n + 2),
            f'See <a href="{SITE}/2020/{1 + other % 12:02d}/story-{other}-'
            f'{WORDS[other % len(WORDS)]}/">an earlier story</a>.',
            '[related-posts limit="3"]',
            _sentence(n + 3),
        ]
    )
    comments = f"""
    <wp:comment><wp:comment_id>{n * 2}</wp:comment_id>
      <wp:comment_author>{_cdata(f"Reader {n % 500}")}</wp:comment_author>
      <wp:comment_author_email>reader{n % 500}@bench.example</wp:comment_author_email>
      <wp:comment_date_gmt>2020-{month:02d}-{day:02d} 12:00:00</wp:comment_date_gmt>
      <wp:comment_content>{_cdata(_sentence(n + 5, 8))}</wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment><wp:comment_id>{n * 2 + 1}</wp:comment_id>
      <wp:comment_author>{_cdata(f"Reader {(n + 7) % 500}")}</wp:comment_author>
      <wp:comment_author_email>reader{(n + 7) % 500}@bench.example</wp:comment_author_email>
      <wp:comment_date_gmt>2020-{month:02d}-{day:02d} 13:00:00</wp:comment_date_gmt>
      <wp:comment_content>{_cdata(_sentence(n + 6, 6))}</wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>{n * 2}</wp:comment_parent>
    </wp:comment>"""
    return f"""
  <item>
    <title>{escape(_sentence(n, 6)[:-1])} {n}</title>
    <link>{SITE}/2020/{month:02d}/{slug}/</link>
    <dc:creator>{_cdata(f"author{n % 20}")}</dc:creator>
    <content:encoded>{_cdata(body)}</content:encoded>
    <excerpt:encoded>{_cdata(_sentence(n + 4, 10))}</excerpt:encoded>
    <wp:post_id>{n}</wp:post_id>
    <wp:post_date_gmt>2020-{month:02d}-{day:02d} 09:00:00</wp:post_date_gmt>
    <wp:post_modified_gmt>2020-{month:02d}-{day:02d} 10:00:00</wp:post_modified_gmt>
    <wp:post_name>{slug}</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <category domain="category" nicename="desk-{n % 12}">{_cdata(f"Desk {n % 12}")}</category>
    <category domain="post_tag" nicename="tag-{n % 200}">{_cdata(f"tag {n % 200}")}</category>
    <category domain="post_tag" nicename="tag-{tag2}">{_cdata(f"tag {tag2}")}</category>
    <wp:postmeta><wp:meta_key>_wp_old_slug</wp:meta_key><wp:meta_value>old-{slug}</wp:meta_value></wp:postmeta>{comments}
  </item>"""


def _page(n: int) -> str:
    return f"""
  <item>
    <title>Page {n}</title>
    <link>{SITE}/page-{n}/</link>
    <dc:creator>author0</dc:creator>
    <content:encoded>{_cdata(_sentence(n) + chr(10) * 2 + _sentence(n + 1))}</content:encoded>
    <wp:post_id>{100000 + n}</wp:post_id>
    <wp:post_date_gmt>2019-01-01 09:00:00</wp:post_date_gmt>
    <wp:post_name>page-{n}</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>page</wp:post_type>
  </item>"""


def write_export(path: Path, posts: int, pages: int = 50) -> None:
    """Write a WXR 1.2 export with `posts` posts and `pages` pages to `path`."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Bench</title><link>{SITE}</link>\n"
            f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url>"
            f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for n in range(20):
            out.write(
                f"<wp:author><wp:author_login>author{n}</wp:author_login>"
                f"<wp:author_email>author{n}@bench.example</wp:author_email>"
                f"<wp:author_display_name>{_cdata(f'Writer {n}')}</wp:author_display_name>"
                "</wp:author>\n"
            )
        for n in range(12):
            out.write(
                f"<wp:category><wp:category_nicename>desk-{n}</wp:category_nicename>"
                f"<wp:category_parent></wp:category_parent>"
                f"<wp:cat_name>{_cdata(f'Desk {n}')}</wp:cat_name></wp:category>\n"
            )
        for n in range(1, posts + 1):
            out.write(_post(n, posts))
        for n in range(pages):
            out.write(_page(n))
        out.write("\n</channel>\n</rss>\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        export = folder / "export.xml"
        write_export(export, options.posts)
        size = export.stat().st_size / 2**20
        env = production_env(
            f"sqlite:///{folder / 'db.sqlite3'}",
            "locmem://",
            MEDIA_ROOT=str(folder / "media"),
            JOBS_URL=f"sqlite:///{folder / 'jobs.sqlite3'}",
        )
        manage(env, "migrate", "--no-input")
        started = time.perf_counter()
        report = manage(env, "import_wordpress", str(export), "--verbosity", "0")
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = manage(env, "import_wordpress", str(export), "--verbosity", "0")
        second = time.perf_counter() - started
    print(f"export: {options.posts:,} posts, 50 pages, {size:.1f} MB")
    counts = report.split(" items skipped or changed:")[0].splitlines()
    print("\n".join(line for line in counts if line.startswith("  ")))
    print(f"first import: {first:.1f} s (target: under {TARGET_SECONDS} s)")
    changed = [line for line in again.splitlines() if " created" in line or " updated" in line]
    print(f"second run: {second:.1f} s, " + ("; ".join(changed) or "nothing changed"))
    return 0 if first < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
