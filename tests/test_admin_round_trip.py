"""Every admin page opens, and every demo object saves unchanged through its form.

The models are read from the admin site's registry, so a model registered
tomorrow is walked too. Each change form is posted back as the page
rendered it (tests/support/admin_forms.py), inlines and all, with file inputs left
empty as a browser leaves them: the save an editor makes after fixing
nothing, which once answered a 500 for every story with a photo.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.contrib import admin
from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article
from newsletter.models import Issue
from tests.conftest import image_upload
from tests.support.admin_forms import rendered_form

pytestmark = pytest.mark.django_db

# The demo has a few dozen rows per model at most; past this many the
# change pages of one model tell nothing the first ones did not.
MAX_OBJECTS_PER_MODEL = 30

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)


@pytest.fixture(
    params=[model_admin for _, model_admin in REGISTERED], ids=lambda m: m.opts.label_lower
)
def model_admin(request) -> admin.ModelAdmin:
    return request.param


def _url(model_admin: admin.ModelAdmin, page: str, *args) -> str:
    opts = model_admin.opts
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args)


def _as_editor(editor) -> HttpRequest:
    # The admin's permission hooks take a request; only its user is read.
    request = RequestFactory().get("/admin/")
    request.user = editor
    return request


def _stored(obj: models.Model) -> dict:
    """Return the object's editable fields as stored, in comparable form."""
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    values = {}
    for name, value in model_to_dict(fresh).items():
        if isinstance(value, datetime):
            # The admin's date and time inputs show whole seconds: a time
            # loses its microseconds on any save through a form.
            value = value.replace(microsecond=0)
        elif isinstance(value, FieldFile):
            value = value.name
        elif isinstance(value, list):
            value = sorted(item.pk if isinstance(item, models.Model) else item for item in value)
        values[name] = value
    return values


def _form_errors(response) -> str:
    # What the editor would read above the form, for the failure message.
    context = response.context
    errors = [str(context["adminform"].form.errors)] if context.get("adminform") else []
    for formset in context.get("inline_admin_formsets", []):
        errors += [str(formset.formset.errors), str(formset.formset.non_form_errors())]
    return " ".join(re.sub(r"<[^>]+>", " ", error) for error in errors if error.strip("[]"))


def test_the_list_and_the_add_page_open(editor_client, editor, demo_site, model_admin):
    assert editor_client.get(_url(model_admin, "changelist")).status_code == 200
    # Read-only records (former addresses, deliveries, login attempts) have
    # no add page by design: the admin answers 403 there.
    can_add = model_admin.has_add_permission(_as_editor(editor))
    assert editor_client.get(_url(model_admin, "add")).status_code == (200 if can_add else 403)


def test_every_object_opens_and_saves_unchanged(editor_client, editor, demo_site, model_admin):
    model = model_admin.model
    objects = list(model._default_manager.order_by("pk")[:MAX_OBJECTS_PER_MODEL])
    assert objects, f"No {model._meta.label} to open: add one to tests/support/demo_site.py"
    request = _as_editor(editor)
    # A server error is one more failure in the list, not the end of the walk.
    editor_client.raise_request_exception = False
    failures = []
    for obj in objects:
        url = _url(model_admin, "change", obj.pk)
        response = editor_client.get(url)
        if response.status_code != 200:
            failures.append(f"{url}: GET answered {response.status_code}")
            continue
        html = response.content.decode()
        if not model_admin.has_change_permission(request, obj):
            # A view-only page shows the object and offers no save.
            if 'name="_save"' in html:
                failures.append(f"{url}: a view-only page offers to save")
            continue
        before = _stored(obj)
        response = editor_client.post(url, rendered_form(html, f"{model._meta.model_name}_form"))
        if response.status_code != 302:
            failures.append(
                f"{url}: saving unchanged answered {response.status_code} "
                f"{_form_errors(response) if response.status_code == 200 else ''}"
            )
            continue
        after = _stored(obj)
        changed = {
            name: (before[name], after[name]) for name in before if before[name] != after[name]
        }
        if changed:
            failures.append(f"{url}: saving unchanged changed {changed}")
    assert not failures, "\n".join(failures)


# A story with a photo, edited through the form the admin renders ----------


@pytest.fixture
def story_with_photo(demo_site) -> Article:
    return Article.objects.live().filter(hero__isnull=False).order_by("pk").first()


def _change_form(client, story: Article) -> dict:
    html = client.get(_url(admin.site._registry[Article], "change", story.pk)).content.decode()
    return rendered_form(html, "article_form")


def test_a_new_headline_on_a_story_with_a_photo_saves_and_shows(editor_client, story_with_photo):
    photo = story_with_photo.hero.file.name
    data = _change_form(editor_client, story_with_photo)
    data["headline"] = "A Headline Rewritten After Publication"
    response = editor_client.post(
        _url(admin.site._registry[Article], "change", story_with_photo.pk), data
    )
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.hero.file.name == photo
    editor_client.logout()
    page = editor_client.get(story_with_photo.get_absolute_url())
    assert page.status_code == 200
    assert "A Headline Rewritten After Publication" in page.content.decode()


def test_a_replaced_photo_saves_and_shows(editor_client, story_with_photo):
    old = story_with_photo.hero.file.name
    data = _change_form(editor_client, story_with_photo)
    data["hero_upload"] = image_upload("new-photo.jpg", size=(1200, 800))
    response = editor_client.post(
        _url(admin.site._registry[Article], "change", story_with_photo.pk), data
    )
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    new = story_with_photo.hero.file.name
    assert new != old
    assert (story_with_photo.hero.width, story_with_photo.hero.height) == (1200, 800)
    editor_client.logout()
    html = editor_client.get(story_with_photo.get_absolute_url()).content.decode()
    # The page shows the new photo (or its resized copies, named after it).
    stem = new.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in html
    assert old.rsplit("/", 1)[-1].rsplit(".", 1)[0] not in html


# The newsletter's reports: screens of their own, not a model's form --------


def test_the_newsletter_reports_open(editor_client, demo_site):
    sent = Issue.objects.sent().first()
    story = Article.objects.live().first()
    for url in (
        reverse("admin:newsletter_issue_report", args=[sent.pk]),
        reverse("admin:newsletter_issue_report_csv", args=[sent.pk]),
        reverse("admin:newsletter_subscriber_signups"),
        f"{reverse('admin:newsletter_subscriber_signups')}?article={story.pk}",
        f"{reverse('admin:newsletter_subscriber_signups')}?start=2026-01-01&end=2026-12-31",
    ):
        assert editor_client.get(url).status_code == 200, url
