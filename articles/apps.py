from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Content"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_migrate
        from PIL import Image
        from taggit.models import Tag

        from pagecache.registry import watch, watch_edits, watch_schedule

        from .media.renditions import connect_signals as connect_rendition_signals
        from .models import ANY_STORY, Article, Correction, Quote, Section, Source, TaggedArticle
        from .models import Image as LibraryImage
        from .models.search import ensure_sqlite_index

        # Pillow refuses to open images over twice this many pixels: tightened
        # to the newsroom's own limit, a decompression bomb is refused at
        # the header wherever an image is opened.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
        # What public pages show. A story's own row is in its fragments'
        # keys (`Article.cache_key`), so its saves leave other fragments be.
        watch(Article, shared=False)
        # An edit in place makes stale only the pages showing the story.
        watch_edits(Article, lambda story: story.names_touched_by_edit(), any_row=ANY_STORY)
        watch(Quote, Source, Section, TaggedArticle, Correction, Tag, LibraryImage)
        watch_schedule(Article.objects.next_publish_time)
        connect_rendition_signals()
        # A later migration that rebuilds the story table on SQLite drops the
        # search triggers; put them back after every migrate.
        post_migrate.connect(ensure_sqlite_index, sender=self, dispatch_uid="fts-triggers")
