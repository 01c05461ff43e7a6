from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Content"

    def ready(self) -> None:
        from .caching import connect_signals
        from .renditions import connect_signals as connect_rendition_signals

        connect_signals()
        connect_rendition_signals()
