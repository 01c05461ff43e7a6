"""Admin form POST data as a browser would send it.

`article_form()` writes the article form's data by hand; `rendered_form()`
reads any admin form back from the page the admin rendered, inlines and
management forms included, so a test can post it as an editor would.
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse
from django.utils import timezone

from articles.models import Article

ADD = reverse("admin:articles_article_add")
CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def management_form(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    """Return an inline formset's management fields."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(article: Article | None = None, **overrides) -> dict[str, str]:
    """Return the add form's data, or the change form's for `article` as it stands."""
    data = {
        "headline": "Council Approves the New Library",
        "slug": "",
        "dek": "A vote of 9 to 2.",
        "byline": "Staff",
        "dateline": "GYUMRI",
        "credit": "",
        "body": "<p>First.</p><h2>Why It Matters</h2><p>Second.</p>",
        "hero": "",
        "hero_caption": "",
        "hero_credit": "",
        "hero_alt": "",
        "status": Article.Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "section": "",
        "tags": "Gyumri, Libraries",
        "signup_placement": Article.SignupPlacement.DEFAULT,
        "comment_policy": Article.Comments.SECTION,
        "signup_after_paragraph": "",
    }
    if article is not None:
        data.update(
            headline=article.headline,
            slug=article.slug,
            body=article.body,
            status=article.status,
            tags="",
            hero=article.hero_id or "",
            hero_caption=article.hero_caption,
            hero_credit=article.hero_credit,
            hero_alt=article.hero_alt,
            loaded_version=article.edit_version,
        )
        if article.publish_at:
            # The form shows and reads times in the newsroom's time zone.
            shown = timezone.localtime(article.publish_at)
            data.update(
                publish_at_0=shown.strftime("%Y-%m-%d"),
                publish_at_1=shown.strftime("%H:%M:%S"),
            )
    for prefix in ["bylines", "quotes", "corrections", "status_changes"]:
        data.update(management_form(prefix))
    data.update(overrides)
    return data


# Inputs a browser leaves out of a submitted form: buttons say which button
# was pressed (the admin saves without one), and a file input left empty
# sends no file, which keeps the stored one.
_NOT_SENT = {"submit", "button", "image", "reset", "file"}


class _FormReader(HTMLParser):
    # Collects the (name, value) pairs of the form with the given id, the
    # way a browser builds them: checked boxes only, selected options (or a
    # single select's first), textareas without the newline after the tag.
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.found = False
        self.in_form = False
        self.pairs: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def _sent(self, name: str | None, attrs: dict) -> bool:
        # The inline formsets' "add another" templates carry __prefix__ in
        # their names: not forms until a script copies them.
        return bool(name) and "disabled" not in attrs and "__prefix__" not in name

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if tag == "form":
            if attrs.get("id") == self.form_id:
                self.found = self.in_form = True
            return
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if not self._sent(name, attrs) or kind in _NOT_SENT:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value") or "on"))
                return
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self._select = {
                "name": name,
                "sent": self._sent(name, attrs),
                "multiple": "multiple" in attrs,
                "options": [],
            }
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "text": "",
            }
        elif tag == "textarea":
            self._textarea = {"name": name, "sent": self._sent(name, attrs), "text": []}

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "option" and self._option is not None and self._select is not None:
            option = self._option
            value = option["value"] if option["value"] is not None else option["text"].strip()
            self._select["options"].append((value, option["selected"]))
            self._option = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            if not select["sent"]:
                return
            chosen = [value for value, selected in select["options"] if selected]
            if not select["multiple"]:
                chosen = chosen[-1:] or [value for value, _ in select["options"][:1]]
            self.pairs.extend((select["name"], value) for value in chosen)
        elif tag == "textarea" and self._textarea is not None:
            textarea, self._textarea = self._textarea, None
            text = "".join(textarea["text"])
            # HTML drops one newline right after <textarea>, which Django writes.
            text = text.removeprefix("\r\n") if text.startswith("\r\n") else text.removeprefix("\n")
            if textarea["sent"]:
                self.pairs.append((textarea["name"], text))


def rendered_form(html: str, form_id: str) -> dict[str, str | list[str]]:
    """Return the data a browser would submit for the form `form_id` in `html`.

    Inline formsets and their management forms come along, file inputs
    stay empty and buttons are left out. A name sent more than once (a
    multiple select, checkboxes) maps to the list of its values, which is
    what the test client posts as repeated fields.
    """
    reader = _FormReader(form_id)
    reader.feed(html)
    reader.close()
    if not reader.found:
        raise AssertionError(f"No <form id={form_id!r}> on the page")
    data: dict[str, list[str]] = {}
    for name, value in reader.pairs:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}
