"""`manage.py import_wordpress`: the progress bar, the report, clear errors."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from wordpress.media import MissingFile

from .conftest import FIXTURES


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_wordpress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_and_prints_the_report(db, export, uploads, capsys):
    out, _ = _run(str(export), "--uploads", str(uploads))

    assert "post: 7 created" in out
    assert "missing: attachment 203 (lost picture)" in out
    assert "skipped: comment 34 (Cheap pills)" in out
    assert "100%" in capsys.readouterr().err
    assert Article.objects.count() == 7


def test_dry_run_says_so_and_saves_nothing(db, export):
    out, _ = _run(str(export), "--dry-run")

    assert out.startswith("Dry run: nothing was saved.")
    assert not Article.objects.exists()


def test_malformed_file_fails_naming_the_line(db):
    with pytest.raises(CommandError, match=r"Line \d+: not well-formed XML.*Nothing was imported"):
        _run(str(FIXTURES / "unclosed-item.xml"))
    assert not Article.objects.exists()


def test_missing_uploads_folder_is_refused(db, export, tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        _run(str(export), "--uploads", str(tmp_path / "nowhere"))


def test_media_base_url_fetches_pictures_from_the_old_site(db, export, uploads, monkeypatch):
    fetched = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        path = uploads / "2024" / "03" / url.rsplit("/", 1)[-1]
        if not path.exists():
            raise MissingFile(f"{url} answered 404")
        return path.read_bytes()

    monkeypatch.setattr("wordpress.media._fetch", fetch)

    out, _ = _run(str(export), "--media-base-url", "https://old.gyumri.example/wp-content/uploads")

    assert "https://old.gyumri.example/wp-content/uploads/2024/03/market.jpg" in fetched
    assert "attachment: 2 created" in out
    assert Article.objects.get(slug="rebuilding-the-old-market").hero is not None
