"""Quotes: verbatim words in a story, their speaker and the outlet they came through."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from .articles import Article
from .sources import Source


class Quote(models.Model):
    """Verbatim words in a story, who said them and the outlet they came through."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="quotes")
    via = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relayed_quotes",
        help_text='The outlet the words came through: "told Today Public Television", '
        '"quoted by TASS", "wrote on Twitter".',
    )
    text = models.TextField("words", help_text="Verbatim, without the quotation marks.")
    position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The paragraph of the story the quote appears in (1 is the first).",
    )
    is_pull_quote = models.BooleanField(
        "pull quote", default=False, help_text="Set the quote apart on the page."
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["article", "order"], name="quote_article_order")]

    def __str__(self) -> str:
        words = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"“{words}” ({self.speaker.name})"
