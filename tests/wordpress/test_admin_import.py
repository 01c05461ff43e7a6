"""The admin's import page: the file in, the job run, progress and the report shown."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from wordpress.models import WordPressImport

from .conftest import FIXTURES


@pytest.fixture(autouse=True)
def _import_root(settings, tmp_path):
    settings.WORDPRESS_IMPORT_ROOT = tmp_path / "private"


def _start(editor_client, django_capture_on_commit_callbacks, path, **fields):
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/xml")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:wordpress_wordpressimport_add"),
            {"export": upload, "media_base_url": "", "uploads_folder": "", **fields},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    job = WordPressImport.objects.get()
    # To the import's own page, where its progress and report are.
    assert response["Location"] == reverse("admin:wordpress_wordpressimport_change", args=[job.pk])
    return job


def test_admin_import_runs_as_a_job_and_shows_the_report(
    editor_client, django_capture_on_commit_callbacks, export, uploads
):
    job = _start(
        editor_client, django_capture_on_commit_callbacks, export, uploads_folder=str(uploads)
    )

    assert job.state == WordPressImport.State.DONE
    assert job.report["counts"]["post"] == {"created": 7}
    assert Article.objects.count() == 7
    page = editor_client.get(reverse("admin:wordpress_wordpressimport_change", args=[job.pk]))
    html = page.content.decode()
    assert "post: 7 created" in html
    assert "skipped comment 34 (Cheap pills): marked" in html
    assert 'name="_save"' not in html
    assert 'http-equiv="refresh"' not in html


def test_malformed_file_fails_the_job_with_the_line_and_saves_nothing(
    editor_client, django_capture_on_commit_callbacks
):
    job = _start(editor_client, django_capture_on_commit_callbacks, FIXTURES / "unclosed-item.xml")

    assert job.state == WordPressImport.State.FAILED
    assert job.error.startswith("Line ")
    assert not Article.objects.exists()
    page = editor_client.get(reverse("admin:wordpress_wordpressimport_change", args=[job.pk]))
    assert "not well-formed XML" in page.content.decode()


def test_a_running_import_shows_its_progress_and_refreshes(editor_client, editor):
    job = WordPressImport.objects.create(
        export="exports/x.xml", state=WordPressImport.State.RUNNING, started_by=editor
    )
    cache.set(job.progress_key, [30, 120])

    html = editor_client.get(
        reverse("admin:wordpress_wordpressimport_change", args=[job.pk])
    ).content.decode()

    assert '<progress max="100" value="25">' in html
    assert "25% (30 of 120 steps)" in html
    assert 'http-equiv="refresh"' in html


def test_a_missing_uploads_folder_is_refused_on_the_form(
    editor_client, django_capture_on_commit_callbacks, export, tmp_path
):
    upload = SimpleUploadedFile("e.xml", export.read_bytes(), content_type="text/xml")
    response = editor_client.post(
        reverse("admin:wordpress_wordpressimport_add"),
        {"export": upload, "uploads_folder": str(tmp_path / "nope")},
    )

    assert "There is no such folder on the server." in response.content.decode()
    assert not WordPressImport.objects.exists()


def test_the_export_is_kept_outside_the_public_media_folder(
    editor_client, django_capture_on_commit_callbacks, export, settings
):
    job = _start(editor_client, django_capture_on_commit_callbacks, export, dry_run="on")

    assert str(job.export.path).startswith(str(settings.WORDPRESS_IMPORT_ROOT))
    assert not str(job.export.path).startswith(str(settings.MEDIA_ROOT))
    assert job.report["dry_run"] is True
