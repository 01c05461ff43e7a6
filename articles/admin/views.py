"""The admin's intermediate pages: "Import story" and "Find quotes".

Both show what the importer found and change nothing until the editor
confirms: an imported story becomes a draft only on "Create draft", and a
found quote is added only when its box is ticked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import unescape

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.translation import ngettext

from ..body import split_blocks
from ..importer import FoundQuote, ParsedStory, find_quotes, import_story
from ..importer.drafts import DuplicateImport, ImportResult, source_for
from ..importer.matching import SourceBook, SourceMatch, normalize_name
from ..models import Article, Quote
from .forms import ImportStoryForm, QuoteReviewFormSet, ReviewStoryForm


def _change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def import_story_page(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Upload or paste a story, review what was found, create the draft.

    Every request goes through `import_story()`, parsing the text once and
    matching its sources once: a dry run to show the review, a real import
    on "Create draft". Template: ``admin/articles/article/import_story.html``;
    context: ``upload`` (the first step) or the review's ``review``,
    ``quotes_formset``, ``quote_rows``, ``parsed``, ``credit_match`` and
    ``duplicate_of``.
    """
    context = {**model_admin.admin_site.each_context(request), "opts": Article._meta}
    if request.method == "POST" and "create" in request.POST:
        review = ReviewStoryForm(request.POST)
        quotes = QuoteReviewFormSet(request.POST, prefix="quotes")
        corrected = review.is_valid()
        # Parsed whenever the hidden text parses, so a refused correction
        # shows the review again rather than the empty first step.
        parsed = review.cleaned_data.get("parsed")
        if parsed is not None:
            text = review.cleaned_data["text"]
            if corrected:
                review.apply(parsed)
                if len(quotes.forms) == len(parsed.quotes) and quotes.is_valid():
                    parsed.quotes = _kept_quotes(parsed.quotes, quotes.cleaned_data)
                    return _create_draft(model_admin, request, text, parsed)
            result = import_story(text, parsed=parsed, dry_run=True)
            context.update(_review_context(result, review, quotes))
            return TemplateResponse(request, "admin/articles/article/import_story.html", context)
        upload = ImportStoryForm()
    elif request.method == "POST":
        upload = ImportStoryForm(request.POST, request.FILES)
        if upload.is_valid():
            text = upload.cleaned_data["text"]
            result = import_story(text, parsed=upload.cleaned_data["parsed"], dry_run=True)
            review = ReviewStoryForm.from_parsed(text, result.parsed, result.tags)
            quotes = QuoteReviewFormSet(
                prefix="quotes",
                initial=[
                    {
                        "keep": bool(q.speaker),
                        "speaker": q.speaker or "",
                        "speaker_kind": q.speaker_kind or "person",
                        "via": q.via or "",
                    }
                    for q in result.parsed.quotes
                ],
            )
            context.update(_review_context(result, review, quotes))
            return TemplateResponse(request, "admin/articles/article/import_story.html", context)
    else:
        upload = ImportStoryForm()
    context.update({"title": "Import story", "upload": upload})
    return TemplateResponse(request, "admin/articles/article/import_story.html", context)


def _create_draft(
    model_admin: admin.ModelAdmin, request: HttpRequest, text: str, parsed: ParsedStory
) -> HttpResponse:
    try:
        result = import_story(text, parsed=parsed)
    except DuplicateImport as error:
        messages.error(request, _duplicate_message(error.article))
        return HttpResponseRedirect(_change_url(error.article))
    article = result.article
    model_admin.log_addition(request, article, [{"added": {}}])
    messages.success(request, _imported_message(article, len(result.new_sources)))
    return HttpResponseRedirect(_change_url(article))


def _review_context(
    result: ImportResult, review: ReviewStoryForm, quotes: forms.BaseFormSet
) -> dict:
    parsed = result.parsed
    return {
        "title": "Check the imported story",
        "parsed": parsed,
        "review": review,
        "quote_rows": list(zip(parsed.quotes, quotes.forms, result.speakers, strict=False)),
        "quotes_formset": quotes,
        "credit_match": result.credit,
        "duplicate_of": result.duplicate_of,
    }


def _kept_quotes(found: list[FoundQuote], decisions: list[dict]) -> list[FoundQuote]:
    kept = []
    for quote, decision in zip(found, decisions, strict=True):
        if decision.get("keep"):
            quote.speaker = decision["speaker"]
            quote.speaker_kind = decision["speaker_kind"]
            quote.via = decision["via"] or None
            kept.append(quote)
    return kept


def _imported_message(article: Article, new_sources: int) -> str:
    quotes = article.quotes.count()
    return (
        ngettext(
            "Imported “%(headline)s” as a draft with %(count)d quote",
            "Imported “%(headline)s” as a draft with %(count)d quotes",
            quotes,
        )
        % {"headline": article.headline, "count": quotes}
        + ngettext(" and %(count)d new source.", " and %(count)d new sources.", new_sources)
        % {"count": new_sources}
        + " Check it, then publish."
    )


def _duplicate_message(article: Article) -> str:
    return format_html(
        'This story was already imported: <a href="{}">{}</a>. Nothing new was saved.',
        _change_url(article),
        article.headline,
    )


@dataclass
class Proposal:
    """A quote found in a story's body that the story does not hold yet."""

    article: Article
    quote: FoundQuote
    speaker: SourceMatch | None
    key: str


def _body_paragraphs(article: Article) -> list[str]:
    return [unescape(strip_tags(b.html)) for b in split_blocks(article.body) if b.is_paragraph]


def _proposals(articles: list[Article], book: SourceBook) -> list[Proposal]:
    found = []
    for article in articles:
        held = {normalize_name(q.text) for q in article.quotes.all()}
        for index, quote in enumerate(find_quotes(_body_paragraphs(article))):
            if normalize_name(quote.text) in held:
                continue
            # The key ties a tick to this exact quote, so a body edited since
            # the page was shown cannot attach the tick to other words.
            digest = hashlib.sha256(quote.text.encode()).hexdigest()[:12]
            speaker = (
                book.match(quote.speaker, quote.speaker_kind or "person", quote.speaker_role or "")
                if quote.speaker
                else None
            )
            found.append(Proposal(article, quote, speaker, f"{article.pk}:{index}:{digest}"))
    return found


def find_quotes_page(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset
) -> HttpResponse | None:
    """Propose the quotes in the selected stories; add only the ticked ones."""
    articles = list(queryset.prefetch_related("quotes"))
    book = SourceBook.load()
    proposals = _proposals(articles, book)
    if "apply" in request.POST:
        chosen = set(request.POST.getlist("quote"))
        added = _add_quotes([p for p in proposals if p.key in chosen], book)
        model_admin.message_user(
            request,
            ngettext("Added %(count)d quote.", "Added %(count)d quotes.", added) % {"count": added}
            if added
            else "No quotes were ticked, so none were added.",
            messages.SUCCESS if added else messages.WARNING,
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "title": "Find quotes",
        "articles": articles,
        "proposals": proposals,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/articles/article/find_quotes.html", context)


def _add_quotes(chosen: list[Proposal], book: SourceBook) -> int:
    added = [proposal for proposal in chosen if proposal.speaker is not None]
    # New quotes go after the story's own, in the order they were found.
    next_order = {p.article.pk: len(p.article.quotes.all()) for p in added}
    with transaction.atomic():
        for proposal in added:
            outlet = book.match(proposal.quote.via, "outlet") if proposal.quote.via else None
            Quote.objects.create(
                article=proposal.article,
                speaker=source_for(proposal.speaker, book),
                via=source_for(outlet, book) if outlet else None,
                text=proposal.quote.text,
                position=proposal.quote.paragraph + 1,
                order=next_order[proposal.article.pk],
            )
            next_order[proposal.article.pk] += 1
    return len(added)
