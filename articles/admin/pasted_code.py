"""The body editor's check of pasted embed code, answered as JSON.

The rich text editor parses a paste in the browser and would drop an
``<iframe>`` or ``<script>`` before the server ever saw it, so
``static/js/admin-embed-code.js`` sends such a paste here first and
inserts what comes back: the same conversion the form applies on save
(`articles.media.embed_code`), with the changes to tell the editor.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseNotAllowed, JsonResponse

from ..media.embed_code import replace_embed_code

# A provider's embed code is a few kilobytes; a paste far past that is
# not embed code, and the form's own save still checks it.
MAX_PASTED_CODE = 100_000


def pasted_code_view(
    model_admin: admin.ModelAdmin, request: HttpRequest
) -> JsonResponse | HttpResponseNotAllowed:
    """Return pasted code as body HTML, and what was removed (``code`` in POST).

    Answers ``{"html": ..., "changes": [...]}``; only staff who may add or
    change stories may ask.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    code = request.POST.get("code", "")[:MAX_PASTED_CODE]
    html, changes = replace_embed_code(code)
    return JsonResponse({"html": html, "changes": [str(change) for change in changes]})
