from django.apps import AppConfig


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = "Authors"

    def ready(self) -> None:
        from pagecache.registry import watch

        from .models import Author, AuthorLink, Byline

        # Author pages and every story card naming an author show these.
        watch(Author, AuthorLink, Byline)
