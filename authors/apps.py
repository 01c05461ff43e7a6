from django.apps import AppConfig


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = "Authors"

    def ready(self) -> None:
        from articles.models import Image
        from pagecache.registry import watch

        from .models import Author, AuthorLink, Byline

        # Author pages and every story card naming an author show these,
        # and the library pictures that are authors' photos.
        watch(Author, AuthorLink, Byline, Image)
