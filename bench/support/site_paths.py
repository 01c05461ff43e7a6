"""Print the built site's real reader addresses as JSON (run in `manage.py shell`).

`bench/reader_day.py` runs `import site_paths; site_paths.main()` with the
served site's settings, so the mix asks for pages that exist, not guessed
ones: live stories newest first, tag pages by their number of stories,
section pages, and recent headlines for searches.
"""

import json

from django.db.models import Count

from articles.addresses import tag_url
from articles.models import Article, Section
from articles.models.tags import TaggedArticle


def main(tags: int = 300, headlines: int = 1000) -> None:
    """Print {"stories", "tags", "sections", "headlines"} as one JSON line."""
    live = Article.objects.live()
    popular = (
        TaggedArticle.objects.filter(content_object__in=live)
        .values("tag__slug")
        .annotate(stories=Count("pk"))
        .order_by("-stories", "tag__slug")[:tags]
    )
    print(
        json.dumps(
            {
                "stories": [a.get_absolute_url() for a in live.only("slug")],
                "tags": [tag_url(row["tag__slug"]) for row in popular],
                "sections": [s.get_absolute_url() for s in Section.objects.all()],
                "headlines": list(live.values_list("headline", flat=True)[:headlines]),
            }
        )
    )
