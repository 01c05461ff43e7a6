"""The test clock behind the `clock` fixture (tests/conftest.py): the one way to set the time.

time-machine replaces the clock functions themselves, at the C level, so
every `time.time()`, `datetime.now()`, `timezone.now()` (and a model
field's `default=timezone.now`, Django's signing, the locmem cache's
expiry...) anywhere follows the travelled time, however the code imported
them. Patching one module's `timezone` or `time` only moved the calls
that test's author had thought of.

time-machine does not move `time.monotonic()` (a real monotonic clock
cannot be set), and the per-content-version memo (pagecache/memo.py) ages
its values with it. So while travelling, `Clock` also replaces
`time.monotonic` and `time.monotonic_ns` on the `time` module with a clock
that follows the travelled wall clock: shifting the time by a minute
moves `time.monotonic()` by a minute, and with `tick=False` it stands
still too. It never goes backwards (moving the clock back leaves it where
it was), as a monotonic clock may not. This reaches every call written
`time.monotonic()`, the way the project's code calls it; a module that
did `from time import monotonic` would keep the real one
(tests/test_clock.py refuses that in the project's code).
`time.perf_counter()` is left alone: it measures durations (pytest's own
timings, the benchmarks), never the time of day.
"""

from __future__ import annotations

import datetime as dt
import time

import time_machine

_REAL_MONOTONIC = time.monotonic
_REAL_MONOTONIC_NS = time.monotonic_ns


class Clock:
    """Set the time of a test: `move_to(when)` and `shift(delta)`.

    Until the first call the clock is the real one. `tick=True` (the
    default) lets time run on from the new point, as in life; `tick=False`
    stops it there until the next `move_to` or `shift` (a `shift` keeps
    the current choice). Ended, with the real clock back, when the test
    ends.
    """

    def __init__(self) -> None:
        self._travel: time_machine.travel | None = None
        self._traveller: time_machine.Traveller | None = None
        self._last_monotonic = 0.0

    def move_to(self, when: dt.datetime, *, tick: bool = True) -> None:
        """Make it `when` (an aware datetime), running on from there unless `tick=False`."""
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError(f"clock.move_to() needs an aware datetime, not {when!r}")
        # In UTC, so that travelling never sets the process's TZ (time-machine
        # does for a ZoneInfo destination) behind Django's TIME_ZONE.
        when = when.astimezone(dt.UTC)
        if self._traveller is None:
            self._start(when, tick)
        else:
            self._traveller.move_to(when, tick=tick)

    def shift(self, delta: dt.timedelta) -> None:
        """Move the time by `delta` (negative moves it back), from the real time if not yet set."""
        if not isinstance(delta, dt.timedelta):
            raise TypeError(f"clock.shift() takes a timedelta, not {delta!r}")
        if self._traveller is None:
            self._start(None, tick=True)
        assert self._traveller is not None
        self._traveller.shift(delta)

    def stop(self) -> None:
        """Give the real clock back (the fixture does this when the test ends)."""
        if self._travel is not None:
            time.monotonic, time.monotonic_ns = _REAL_MONOTONIC, _REAL_MONOTONIC_NS
            self._travel.stop()
            self._travel = self._traveller = None

    def _start(self, when: dt.datetime | None, tick: bool) -> None:
        wall, mono = time.time(), _REAL_MONOTONIC()
        self._last_monotonic = mono
        self._travel = time_machine.travel(wall if when is None else when, tick=tick)
        self._traveller = self._travel.start()

        def monotonic() -> float:
            # time.time() is the travelled one here: the monotonic clock
            # moves with it, from where it really stood when travel began.
            self._last_monotonic = max(self._last_monotonic, mono + time.time() - wall)
            return self._last_monotonic

        time.monotonic = monotonic
        time.monotonic_ns = lambda: round(monotonic() * 1_000_000_000)
