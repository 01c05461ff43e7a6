"""Subscribers as CSV: the admin's export of a list, and its import of one.

Both use the columns Mailchimp reads and writes, so a list can move either
way. Cells a spreadsheet would run as formulas are written as text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from articles.models import Article
from newsroom.site import absolute_url

from .models import BlockedDomain, NewsletterList, Subscriber, normalize_email

CSV_COLUMNS = ["Email Address", "Status", "List", "Signed Up", "Source Article"]

# Mailchimp's words for the statuses, and back (ours are accepted too).
STATUS_TO_CSV: dict[str, str] = {
    Subscriber.Status.CONFIRMED: "subscribed",
    Subscriber.Status.PENDING: "pending",
    Subscriber.Status.UNSUBSCRIBED: "unsubscribed",
    Subscriber.Status.BOUNCED: "cleaned",
}
CSV_TO_STATUS = {
    **{word: status for status, word in STATUS_TO_CSV.items()},
    **{status.value: status for status in Subscriber.Status},
    # A plain list of addresses has no status: they are imported as subscribed.
    "": Subscriber.Status.CONFIRMED,
}


# A spreadsheet runs a cell that starts with one of these as a formula, so
# an address like "=HYPERLINK(...)@example.com" (valid: "=" may start the
# local part) could act when the export is opened. OWASP's remedy: a leading
# apostrophe, which spreadsheets show as text and the import takes off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Return `value` so that a spreadsheet shows it as text, never runs it."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _unguarded(value: str) -> str:
    # What spreadsheet_safe() did to a cell, undone on import.
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class _Writable(Protocol):
    """Where CSV rows go: a file, or an HTTP response being written."""

    def write(self, text: str, /) -> object: ...


def write_subscribers_csv(subscribers: QuerySet[Subscriber], out: _Writable) -> int:
    """Write the subscribers as CSV to `out`; return how many rows.

    Cells a spreadsheet would run as a formula are written as text (see
    `spreadsheet_safe`).
    """
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for subscriber in subscribers.select_related("newsletter", "signup_article").iterator(
        chunk_size=2000
    ):
        article = subscriber.signup_article
        writer.writerow(
            [
                spreadsheet_safe(subscriber.email),
                STATUS_TO_CSV[subscriber.status],
                spreadsheet_safe(subscriber.newsletter.name),
                timezone.localtime(subscriber.consent_at or subscriber.created_at).strftime(
                    "%Y-%m-%d %H:%M:%S"
                ),
                absolute_url(article.get_absolute_url()) if article else "",
            ]
        )
        rows += 1
    return rows


@dataclass
class ImportRow:
    """What happened to one row of an imported file."""

    line: int
    email: str
    accepted: bool
    reason: str = ""


@dataclass
class ImportReport:
    """Row-by-row outcome of a CSV import."""

    rows: list[ImportRow] = field(default_factory=list)
    error: str = ""

    @property
    def created(self) -> int:
        return sum(row.accepted for row in self.rows)

    @property
    def rejected(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.accepted]


def _slug_from_url(url: str) -> str | None:
    """Return the story slug in an exported "Source Article" URL."""
    parts = [part for part in urlsplit(url).path.split("/") if part]
    return parts[1] if len(parts) == 2 and parts[0] == "articles" else None


def _is_address(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def _parse_signed_up(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    moment = parse_datetime(value.replace("/", "-"))
    if moment is None:
        day = parse_date(value.replace("/", "-"))
        moment = datetime(day.year, day.month, day.day) if day else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def import_subscribers_csv(
    lines: Iterable[str], newsletter: NewsletterList, *, source: str
) -> ImportReport:
    """Add the addresses of a CSV file to `newsletter`; report on every row.

    A row is rejected, with its reason, when its address is missing or not
    valid, its domain is blocked, its status is unknown, it repeats an
    earlier row, or the address is already on the list (whose row is left
    as it is: an import never re-subscribes a reader who left). Accepted
    rows are created in one transaction; `source` is kept as their consent
    source. Nothing is created when the header has no "Email Address".
    """
    report = ImportReport()
    reader = csv.DictReader(lines)
    headers = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    if "email address" not in headers:
        report.error = 'The file has no "Email Address" column.'
        return report

    def cell(row: dict, column: str) -> str:
        name = headers.get(column.lower())
        return _unguarded((row.get(name) or "").strip()) if name else ""

    raw = list(reader)
    # The whole list's addresses: an IN clause of a big file's addresses
    # would pass SQLite's limit on query parameters.
    on_list = set(newsletter.subscribers.values_list("email", flat=True))
    blocked_domains = BlockedDomain.objects.domains()
    slugs = {_slug_from_url(cell(row, "Source Article")) for row in raw} - {None}
    articles = {a.slug: a for a in Article.objects.filter(slug__in=slugs).only("pk", "slug")}
    seen: dict[str, int] = {}
    new: list[Subscriber] = []
    now = timezone.now()
    for line, row in enumerate(raw, start=2):
        email = normalize_email(cell(row, "Email Address"))
        status = CSV_TO_STATUS.get(cell(row, "Status").lower())
        if not _is_address(email):
            reason = "not a valid e-mail address" if email else "no address"
        elif BlockedDomain.is_blocked(email, blocked_domains):
            reason = "the domain is blocked"
        elif status is None:
            reason = f"unknown status {cell(row, 'Status')!r}"
        elif email in seen:
            reason = f"repeats line {seen[email]}"
        elif email in on_list:
            reason = "already on the list"
        else:
            reason = ""
        if reason:
            report.rows.append(ImportRow(line, email, False, reason))
            continue
        assert status is not None  # refused above
        seen[email] = line
        signed_up = _parse_signed_up(cell(row, "Signed Up")) or now
        new.append(
            Subscriber(
                newsletter=newsletter,
                email=email,
                status=status,
                signup_article=articles.get(_slug_from_url(cell(row, "Source Article"))),
                consent_at=signed_up,
                consent_source=source,
                confirmed_at=signed_up if status == Subscriber.Status.CONFIRMED else None,
                unsubscribed_at=now if status == Subscriber.Status.UNSUBSCRIBED else None,
                bounced_at=now if status == Subscriber.Status.BOUNCED else None,
            )
        )
        report.rows.append(ImportRow(line, email, True))
    # ignore_conflicts: a sign-up arriving during the import is not doubled.
    with transaction.atomic():
        Subscriber.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return report
