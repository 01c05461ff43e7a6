"""Reader-facing newsletter pages: the sign-up form and its result."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from articles.models import Article

from .forms import SignupForm
from .models import SignupBlock, Subscriber


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Sign a reader up to the list of the block they used.

    The form works without JavaScript: a GET shows it on its own page, a POST
    records a pending subscriber and shows the confirmation, or shows the
    form again with the error next to the field and the typed address kept.
    Signing up twice records nothing new and says the same thing, so the
    page never tells whether an address was already on the list.

    Template: ``newsletter/signup.html`` (form) or
    ``newsletter/signup_result.html`` (confirmation)
    Context: ``signup`` (the block), ``form``; ``email`` and ``newsletter``
    on success.
    """
    form = SignupForm(request.POST or None, auto_id="signup-page-%s")
    block = None
    if form.is_bound and form.is_valid() and form.cleaned_data["block"]:
        block = (
            SignupBlock.objects.select_related("newsletter")
            .filter(pk=form.cleaned_data["block"])
            .first()
        )
    block = block or SignupBlock.objects.current()
    if block is None:
        return render(request, "newsletter/signup.html", {"signup": None}, status=404)
    if request.method == "POST" and form.is_valid():
        article = None
        if form.cleaned_data["article"]:
            article = Article.objects.live().filter(pk=form.cleaned_data["article"]).first()
        subscriber, _ = Subscriber.objects.sign_up(
            form.cleaned_data["email"], block.newsletter, article=article, block=block
        )
        context = {"email": subscriber.email, "newsletter": block.newsletter}
        return render(request, "newsletter/signup_result.html", context)
    return render(request, "newsletter/signup.html", {"signup": block, "form": form})
