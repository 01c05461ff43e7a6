"""Where readers came from: confirmed sign-ups by story and by block, and the list's size.

A sign-up counts in the period its reader confirmed (double opt-in: an
unconfirmed address never was a reader), whatever the reader did since;
"still subscribed" says how many stayed. The list's size is rebuilt from
each row's times: joined when confirmed, gone when they unsubscribed or
bounced. A reader who left and came back counts from the last
confirmation, since a row keeps only its latest times.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, DateTimeField, F, Q, QuerySet, When
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article

from ..models import NewsletterList, Subscriber
from .charts import Chart, bar_chart, line_chart

# Without a period chosen, the report covers the last twelve weeks.
DEFAULT_WEEKS = 12
# A longer period is cut to its last this many days: the bound keeps a
# mistyped year from drawing thousands of weekly bars.
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class SourceRow:
    """Sign-ups from one story or block: how many, and how many stayed."""

    pk: int | None
    name: str
    signups: int
    still_subscribed: int


@dataclass(frozen=True)
class SignupReport:
    """Confirmed sign-ups from `start` to `end` (both days included)."""

    start: date
    end: date
    newsletter: NewsletterList | None
    article: Article | None
    total: int
    by_story: list[SourceRow]
    by_block: list[SourceRow]
    weekly: Chart
    list_size: Chart


def default_period(today: date | None = None) -> tuple[date, date]:
    """Return the last `DEFAULT_WEEKS` weeks, to today."""
    today = today or timezone.localdate()
    return today - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1), today


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _left_at() -> Case:
    """When the row's reader left the list, or NULL for one still on it."""
    status = Subscriber.Status
    return Case(
        When(status=status.UNSUBSCRIBED, then=F("unsubscribed_at")),
        When(status=status.BOUNCED, then=F("bounced_at")),
        # Left, then signed up again and not yet confirmed.
        When(status=status.PENDING, then=Coalesce("unsubscribed_at", "bounced_at")),
        default=None,
        output_field=DateTimeField(),
    )


def _per_week(rows: QuerySet[Subscriber], field: str) -> Counter[date]:
    weeks: Counter[date] = Counter()
    for row in (
        rows.annotate(week=TruncWeek(field)).values("week").annotate(n=Count("pk")).order_by()
    ):
        if row["week"] is not None:
            week = row["week"]
            weeks[week.date() if isinstance(week, datetime) else week] += row["n"]
    return weeks


def _sources(rows: QuerySet[Subscriber], key: str, name: str, empty: str) -> list[SourceRow]:
    grouped = (
        rows.values(key, name)
        .annotate(
            signups=Count("pk"),
            still=Count("pk", filter=Q(status=Subscriber.Status.CONFIRMED)),
        )
        .order_by("-signups", name)
    )
    return [
        SourceRow(row[key], row[name] or empty, row["signups"], row["still"]) for row in grouped
    ]


def signup_report(
    start: date,
    end: date,
    *,
    newsletter: NewsletterList | None = None,
    article: Article | None = None,
) -> SignupReport:
    """Return confirmed sign-ups from `start` to `end`, in six queries.

    With `newsletter`, only that list's; with `article`, only the sign-ups
    from that story (the list's size is the whole list's either way).
    """
    start = max(start, end - timedelta(days=MAX_DAYS))
    since, until = _midnight(start), _midnight(end + timedelta(days=1))
    readers = Subscriber.objects.filter(confirmed_at__isnull=False)
    if newsletter is not None:
        readers = readers.filter(newsletter=newsletter)
    signups = readers.filter(confirmed_at__gte=since, confirmed_at__lt=until)
    if article is not None:
        signups = signups.filter(signup_article=article)
    by_story = _sources(signups, "signup_article", "signup_article__headline", "No story")
    by_block = _sources(signups, "signup_block", "signup_block__name", "No block")
    weeks = [
        _monday(start) + timedelta(weeks=n) for n in range((end - _monday(start)).days // 7 + 1)
    ]
    joined = _per_week(signups, "confirmed_at")
    weekly = bar_chart(
        "Sign-ups per week",
        [(_week_label(week), joined[week]) for week in weeks],
        label_heading="Week of",
        value_heading="Sign-ups",
    )
    return SignupReport(
        start=start,
        end=end,
        newsletter=newsletter,
        article=article,
        total=sum(row.signups for row in by_story),
        by_story=by_story,
        by_block=by_block,
        weekly=weekly,
        list_size=_list_size(readers, weeks, since, until),
    )


def _week_label(week: date) -> str:
    return date_format(week, "j M Y")


def _list_size(
    readers: QuerySet[Subscriber], weeks: list[date], since: datetime, until: datetime
) -> Chart:
    """Chart the list's confirmed readers at the end of each week of the period."""
    rows = readers.annotate(left_at=_left_at())
    earlier = rows.aggregate(
        joined=Count("pk", filter=Q(confirmed_at__lt=since)),
        left=Count("pk", filter=Q(left_at__lt=since)),
    )
    before = earlier["joined"] - earlier["left"]
    gone = rows.filter(left_at__isnull=False)
    in_period = Q(confirmed_at__gte=since, confirmed_at__lt=until)
    joined = _per_week(readers.filter(in_period), "confirmed_at")
    left = _per_week(gone.filter(left_at__gte=since, left_at__lt=until), "left_at")
    size, points = before, []
    for week in weeks:
        size += joined[week] - left[week]
        points.append((_week_label(week), size))
    return line_chart(
        "Readers on the list",
        points,
        label_heading="Week of",
        value_heading="Confirmed readers at the week's end",
    )
