"""The full-page cache for public pages, and what invalidates it.

Public pages are rendered once and kept in the configured cache (Redis in
production, so every app server sees the same pages), each stored with the
*content version* it was built from. The version is one cache key; saving
or deleting a row of any model registered as shown on public pages writes a
fresh one, so every page is stale at once on every server. Rows edited all
day (a story in place, a comment) instead touch names that only the pages
showing them depend on (`dependencies`, `registry.watch_edits()`). A scheduled
change (a story going live) has no save to hook: the version also records
the next such moment, and the first request after it writes a new version.

Pages are cached for readers only (no session cookie): staff see previews
and the admin. A kept page holds nothing of one reader's (the sign-up form
needs no CSRF token, see `newsletter.views.signup`) and sets no cookie, so
every reader, and any proxy between, may be given the same bytes.
Responses carry an ETag and Last-Modified and answer conditional requests
with 304.

The modules, in the order the imports go:

- `registry`: which models public pages show (`watch()`, by class, from
  each app's `AppConfig.ready()`) and what changes on a schedule.
- `redis`: Django's Redis backend with long-lived clients and
  publish/subscribe.
- `state`: the content version and the *shared* token for story
  fragments, this process's copy of them, and its copies of pages.
- `signals`: saves and deletes of watched models make pages stale;
  `pages_changed()` for writes that send no signal.
- `memo`: `per_content_version`, for values every page shows alike.
- `cdn`: surrogate keys and purges for a CDN in front (`CDN_URL`);
  `tasks` runs the purges, and the minute check for scheduled stories.
- `middleware`: `@public_page` and `PageCacheMiddleware`, which keeps and
  serves the pages.

This app serves every other and imports none of them: they register with it.
"""
