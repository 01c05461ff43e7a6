"""The pages' date filters: `long_date` and `long_datetime` as Django's `date`,
`iso_datetime` as ISO 8601."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

UTC = ZoneInfo("UTC")
MOMENTS = [
    datetime(2026, 3, 5, 9, 4, 7, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(999, 1, 1, 0, 0, tzinfo=UTC),
    # New York's clocks go back at 06:00 UTC on 1 November 2026, so 01:30
    # happens twice there, and `date` prints no offset for either.
    datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
    datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
    datetime(2026, 3, 8, 7, 30, tzinfo=UTC),
    datetime(2026, 6, 1, 12, 0),  # naive
    None,
    "",
]
ZONES = ["UTC", "Asia/Yerevan", "America/New_York", "Asia/Kolkata", "America/St_Johns"]
PAIRS = [("long_date", 'date:"j F Y"'), ("long_datetime", 'date:"j F Y, H:i"')]


def _render(filters: str, value: object) -> str:
    template = Template("{% load article_tags %}{{ value|" + filters + " }}")
    return template.render(Context({"value": value}))


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("value", MOMENTS, ids=repr)
@pytest.mark.parametrize(("fast", "slow"), PAIRS)
def test_list_dates_match_the_date_filter(zone, value, fast, slow):
    with timezone.override(zone):
        assert _render(fast, value) == _render(slow, value)


def test_long_date_prints_a_date_and_the_active_language():
    day = date(2026, 3, 5)
    assert _render("long_date", day) == _render('date:"j F Y"', day) == "5 March 2026"
    with translation.override("de"):
        assert _render("long_date", day) == _render('date:"j F Y"', day)


@pytest.mark.parametrize("zone", ZONES)
def test_iso_datetime_is_the_local_time_with_its_offset(zone):
    moment = datetime(2026, 3, 5, 9, 4, 7, tzinfo=UTC)
    with timezone.override(zone):
        printed = _render("iso_datetime", moment)
    assert datetime.fromisoformat(printed) == moment
    assert printed.startswith(_render_in(zone, 'date:"Y-m-d\\TH:i:s"', moment))


def test_iso_datetime_keeps_the_offset_when_clocks_go_back():
    # 01:30 happens twice in New York on 1 November 2026: each keeps its own offset.
    with timezone.override("America/New_York"):
        first = _render("iso_datetime", datetime(2026, 11, 1, 5, 30, tzinfo=UTC))
        second = _render("iso_datetime", datetime(2026, 11, 1, 6, 30, tzinfo=UTC))
    assert (first, second) == ("2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00")


def test_iso_datetime_of_no_time_is_empty():
    assert _render("iso_datetime", None) == _render("iso_datetime", "") == ""


def _render_in(zone: str, filters: str, value: object) -> str:
    with timezone.override(zone):
        return _render(filters, value)
