"""Turn stories' free-text bylines that name people into authors and bylines.

"By A and B" becomes two bylines, to authors found by name (case- and
accent-insensitively) or made for the purpose, as staff; the text is then
cleared. Text that credits no one ("Staff and agencies", "RFE/RL's
Armenian Service", an outlet known as a source) stays as it is: it is the
story's credit line. Reversing puts the names back as text.
"""

from django.db import migrations

from articles.models.slugs import FALLBACK, slug_for
from authors.names import name_key, split_byline


def _outlet_names(Source) -> list[str]:
    names = []
    for name, aliases in Source.objects.filter(kind="outlet").values_list("name", "aliases"):
        names += [name, *aliases.splitlines()]
    return names


def _free_slug(Author, name: str) -> str:
    base = slug_for(name)[:194].strip("-_") or FALLBACK
    slug, n = base, 2
    while Author.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def bylines_from_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Source = apps.get_model("articles", "Source")
    Author = apps.get_model("authors", "Author")
    Byline = apps.get_model("authors", "Byline")
    outlets = _outlet_names(Source)
    # Oldest first: the first spelling of a name seen is the one kept.
    stories = Article.objects.exclude(byline="").order_by("pk").values_list("pk", "byline")
    for pk, text in stories.iterator():
        names = split_byline(text, outlets=outlets)
        if not names:
            continue
        for position, named in enumerate(names):
            key = name_key(named.name)
            author = Author.objects.filter(name_key=key).first()
            if author is None:
                author = Author.objects.create(
                    name=named.name, name_key=key, slug=_free_slug(Author, named.name)
                )
            Byline.objects.create(
                article_id=pk, author=author, role=named.role, position=position
            )
        # An UPDATE of its own: no save, so no version in the story's history.
        Article.objects.filter(pk=pk).update(byline="")


def text_from_bylines(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("authors", "Byline")
    names: dict[int, list[str]] = {}
    for byline in Byline.objects.select_related("author").order_by("article_id", "position", "pk"):
        names.setdefault(byline.article_id, []).append(byline.author.name)
    for pk, people in names.items():
        text = people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]
        Article.objects.filter(pk=pk, byline="").update(byline=text[:200])
    Byline.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("authors", "0002_newsroom_permissions"), ("articles", "0011_media_library")]

    operations = [migrations.RunPython(bylines_from_text, text_from_bylines)]
