"""The site's own pages: About, Contact, Advertise, the policies.

Editors write them in the admin (title, full path, a rich body) and choose
where they are linked: the menu, the footer, both or neither. The app
follows `django.contrib.flatpages` (a row per path, a view reached by a
catch-all pattern listed last, a sitemap) but keeps its own model, because
flatpages' has no purpose, placement, order or sanitised body, and it
ties every page to `django.contrib.sites`, which this one-site paper does
not use.

- `models`: `Page`, its path rules and `PageQuerySet` (published, menu,
  footer, the privacy policy).
- `views`: `page_detail`, behind the catch-all in `newsroom/urls.py`.
- `sitemaps`: `PageSitemap`, listed in the site's sitemap index.
- `admin`: `PageAdmin`, the body in the story form's editor.

Imports go one way: this app uses `articles` (the sanitiser, the body
editor's extensions) and `pagecache`; the reader's furniture reads its
links (`reader.furniture`).
"""
