from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Content"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_migrate
        from PIL import Image

        from .caching import connect_signals
        from .renditions import connect_signals as connect_rendition_signals
        from .search import ensure_sqlite_index

        # Pillow refuses to open images over twice this many pixels: tightened
        # to the newsroom's own limit, a decompression bomb is refused at
        # the header wherever an image is opened.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
        connect_signals()
        connect_rendition_signals()
        # A later migration that rebuilds the story table on SQLite drops the
        # search triggers; put them back after every migrate.
        post_migrate.connect(ensure_sqlite_index, sender=self, dispatch_uid="fts-triggers")
