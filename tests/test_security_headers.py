"""Security headers and cookies, as production sends them."""

from __future__ import annotations

import json

import pytest

from tests.test_settings import PRODUCTION, _manage

# Runs inside `manage.py shell` under the production environment, so the
# real `if not DEBUG` block of the settings is what gets tested. Static files
# are looked up without the manifest, which only collectstatic writes.
_FETCH = """
import json
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings

call_command("migrate", verbosity=0)
storages = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
results = {}
with override_settings(STORAGES=storages):
    client = Client(HTTP_HOST="news.example.com")
    for path in ["/", "/admin/login/"]:
        response = client.get(path, secure=True)
        results[path] = {
            "status": response.status_code,
            "headers": dict(response.headers),
            "cookies": {
                name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"])}
                for name, c in response.cookies.items()
            },
        }
    plain = client.get("/")
    results["http"] = {"status": plain.status_code, "location": plain.get("Location")}
    User.objects.create_superuser("desk", "desk@example.com", "a-long-pass-phrase")
    login = client.post(
        "/admin/login/", {"username": "desk", "password": "a-long-pass-phrase"}, secure=True
    )
    results["login"] = {
        "status": login.status_code,
        "cookies": {
            name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"])}
            for name, c in login.cookies.items()
        },
    }
print("RESULTS" + json.dumps(results))
"""


@pytest.fixture(scope="module")
def production_responses() -> dict:
    result = _manage("shell", "-c", _FETCH, env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.split("RESULTS", 1)[1])


def _policy(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_public_pages_forbid_inline_script(production_responses):
    front = production_responses["/"]
    assert front["status"] == 200
    policy = _policy(front["headers"]["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    # The site's own origin is named too: e-mail previews use absolute links.
    assert policy["img-src"] == ["'self'", "data:", "https://news.example.com"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_admin_policy_still_forbids_inline_script_without_the_nonce(production_responses):
    policy = _policy(production_responses["/admin/login/"]["headers"]["Content-Security-Policy"])
    # The login page reads no nonce, so no inline script may run on it at all.
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_production_sends_hsts_and_the_other_security_headers(production_responses):
    headers = production_responses["/"]["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]


def test_production_cookies_are_secure(production_responses):
    assert production_responses["/admin/login/"]["cookies"]["csrftoken"]["secure"]
    login = production_responses["login"]
    assert login["status"] == 302
    assert login["cookies"]["sessionid"] == {"secure": True, "httponly": True}


def test_production_redirects_plain_http_to_https(production_responses):
    assert production_responses["http"]["status"] == 301
    assert production_responses["http"]["location"] == "https://news.example.com/"


def test_development_sends_the_same_policy(client, db):
    # CSP applies in every environment, so problems show before production.
    response = client.get("/")
    assert _policy(response["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert "Permissions-Policy" in response


def test_admin_change_form_allows_only_its_own_nonce(editor_client):
    response = editor_client.get("/admin/articles/article/add/")
    policy = _policy(response["Content-Security-Policy"])
    nonces = [v for v in policy["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    assert "'unsafe-inline'" not in policy["script-src"]
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()


def test_issue_preview_lets_the_emails_own_css_apply(editor_client, make_issue):
    response = editor_client.get(f"/newsletter/issues/{make_issue().pk}/preview/")
    assert response.status_code == 200
    policy = _policy(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["script-src"] == ["'self'"]
