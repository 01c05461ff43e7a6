from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Content"

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        # Pillow refuses to open images over twice this many pixels: tightened
        # to the newsroom's own limit, a decompression bomb is refused at
        # the header wherever an image is opened.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
