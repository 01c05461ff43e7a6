from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Site pages"

    def ready(self) -> None:
        from articles.models import Image
        from pagecache.registry import watch

        from .models import Page

        # Every public page links the menu and footer pages, and the sign-up
        # blocks inside stories link the privacy policy: a saved page makes
        # story fragments stale too. A page's body may show library pictures.
        watch(Page, Image)
