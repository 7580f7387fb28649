"""Politeness towards a registry: request rate, concurrency, backoff.

:class:`Limits` says how hard claimcheck may press a service; :class:`Throttle`
enforces it across threads; :func:`backoff_delay` and :func:`parse_retry_after`
decide how long to wait after a ``429`` or a ``5xx``. No network here.

Crossref's limits as recorded in June 2026 (response headers
``x-rate-limit-limit``, ``x-rate-limit-interval``, ``x-concurrency-limit``) are
the two presets: :data:`PUBLIC_LIMITS` (5 requests/s, 1 at a time) and
:data:`POLITE_LIMITS` (10 requests/s, 3 at a time, for requests that give a
``mailto``). They are defaults, not constants: pass your own :class:`Limits`.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

from claimcheck.errors import ConfigurationError

__all__ = [
    "POLITE_LIMITS",
    "PUBLIC_LIMITS",
    "Breaker",
    "Failure",
    "Limits",
    "Throttle",
    "backoff_delay",
    "parse_retry_after",
    "retry_delay",
]


@dataclass(frozen=True, slots=True)
class Limits:
    """How hard claimcheck may press a registry.

    Parameters
    ----------
    rate:
        Requests started per second, at most (over any one-second window).
    concurrency:
        Requests in flight at once, at most.
    retries:
        Further attempts after a ``429`` or ``5xx`` (a timeout is retried once
        at most), before the DOI is left ``unchecked``.
    backoff_base:
        Seconds before the first retry; doubled each attempt, with jitter.
    backoff_max:
        The longest single wait. A ``Retry-After`` longer than this is not
        waited for: the DOIs are left ``unchecked (rate-limited)``.
    margin:
        Headroom against network jitter: ``rate`` requests are spread over
        ``1 + margin`` seconds, so that a server counting arrivals still sees
        no more than ``rate`` in any second when some requests travel slower
        than others.

    Examples
    --------
    >>> Limits(rate=2, concurrency=1, retries=0)
    <Limits 2/s, 1 at a time, 0 retries>
    """

    rate: float = 5.0
    concurrency: int = 1
    retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 16.0
    margin: float = 0.1

    def __post_init__(self) -> None:
        if not self.rate > 0 or math.isinf(self.rate):
            raise ConfigurationError(
                f"Limits.rate must be a positive number of requests/s, not {self.rate!r}"
            )
        if self.concurrency < 1:
            raise ConfigurationError(f"Limits.concurrency must be at least 1, not {self.concurrency!r}")
        if self.retries < 0:
            raise ConfigurationError(f"Limits.retries must be 0 or more, not {self.retries!r}")
        if self.backoff_base < 0 or self.backoff_max < self.backoff_base:
            raise ConfigurationError("Limits needs 0 <= backoff_base <= backoff_max")
        if not 0 <= self.margin <= 1:
            raise ConfigurationError(f"Limits.margin must be between 0 and 1, not {self.margin!r}")

    def __repr__(self) -> str:
        return f"<Limits {self.rate:g}/s, {self.concurrency} at a time, {self.retries} retries>"


#: Crossref's public pool (no ``mailto``), as recorded in June 2026.
PUBLIC_LIMITS = Limits(rate=5.0, concurrency=1)
#: Crossref's polite pool (``mailto`` given), as recorded in June 2026.
POLITE_LIMITS = Limits(rate=10.0, concurrency=3)


class Throttle:
    """Holds threads back so that :class:`Limits` are never exceeded.

    At most ``concurrency`` callers are inside :meth:`slot` at once, and no
    more than ``rate`` of them enter in any window of ``1 + margin`` seconds
    (see :class:`Limits`). :meth:`pause` holds every caller back, e.g. after a
    ``429``.

    Examples
    --------
    >>> throttle = Throttle(Limits(rate=100, concurrency=2))
    >>> with throttle.slot():
    ...     pass  # send one request here
    """

    def __init__(
        self,
        limits: Limits,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limits = limits
        self._burst = max(1, math.floor(limits.rate))
        self._window = self._burst / limits.rate * (1 + limits.margin)
        self._starts: deque[float] = deque(maxlen=self._burst)
        self._slots = threading.BoundedSemaphore(limits.concurrency)
        self._lock = threading.Lock()
        self._paused_until = -math.inf
        self._clock = clock
        self._sleep = sleep

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Wait for a free slot and for the rate to allow one more start."""
        with self._slots:
            self._wait_turn()
            yield

    def pause(self, seconds: float) -> None:
        """Start nothing for ``seconds`` from now (callers already inside go on)."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)

    def _wait_turn(self) -> None:
        while True:
            with self._lock:
                now = self._clock()
                wait = self._paused_until - now
                if len(self._starts) == self._burst:
                    wait = max(wait, self._starts[0] + self._window - now)
                if wait <= 0:
                    self._starts.append(now)
                    return
            self._sleep(wait)

    def __repr__(self) -> str:
        return f"<Throttle {self.limits.rate:g}/s, {self.limits.concurrency} at a time>"


class Breaker:
    """A circuit breaker for one host, for one audit.

    It trips after a connection error, or after ``timeouts`` timeouts in a row
    (an answer in between resets the count); from then on :attr:`reason`
    (``"PubMed unreachable (connection error)"``) is the answer to every
    further question for that host, without a request.

    >>> b = Breaker("PubMed")
    >>> b.record("timeout"); b.reason is None
    True
    >>> b.record("timeout"); b.reason
    'PubMed unreachable (timeout)'
    """

    def __init__(self, host: str, *, timeouts: int = 2) -> None:
        self.host, self.timeouts = host, timeouts
        self.reason: str | None = None
        self._in_a_row = 0
        self._lock = threading.Lock()

    def record(self, outcome: str | None) -> None:
        """After each request: ``None`` (an answer came), ``"timeout"``, or ``"connection error"``."""
        with self._lock:
            if outcome is None:
                self._in_a_row = 0
                return
            self._in_a_row = self._in_a_row + 1 if outcome == "timeout" else self.timeouts
            if self._in_a_row >= self.timeouts and self.reason is None:
                self.reason = f"{self.host} unreachable ({outcome})"

    def __repr__(self) -> str:
        return f"<Breaker {self.host} {'open: ' + self.reason if self.reason else 'closed'}>"


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a request brought no answer.

    ``reason`` becomes the ``unchecked`` reason (``timeout``, ``rate-limited``,
    ``server error (503)``, ...); ``status`` is the HTTP status when there was
    one; ``retryable`` says whether trying again may help; ``unreachable``
    that the service cannot be reached at all, so other requests need not try.

    Examples
    --------
    >>> Failure("rate-limited", 429, retry_after=2.0, retryable=True)
    <Failure rate-limited (HTTP 429)>
    """

    reason: str
    status: int | None = None
    retry_after: float | None = None
    retryable: bool = False
    unreachable: bool = False

    def __repr__(self) -> str:
        status = f" (HTTP {self.status})" if self.status is not None else ""
        return f"<Failure {self.reason}{status}>"


def retry_delay(failure: Failure, attempt: int, limits: Limits) -> float | None:
    """Seconds to wait before trying again after ``failure``, or ``None`` to give up.

    ``attempt`` counts the retries already made. A timeout or a malformed body
    is retried once at most (each costs a whole timeout); ``429`` and ``5xx`` up to
    ``limits.retries`` times.

    Examples
    --------
    >>> retry_delay(Failure("not found", 404), 0, Limits()) is None
    True
    >>> retry_delay(Failure("server error (503)", 503, retry_after=1.5, retryable=True), 0, Limits())
    1.5
    """
    once = failure.reason in ("timeout", "malformed response")
    allowed = min(1, limits.retries) if once else limits.retries
    if not failure.retryable or attempt >= allowed:
        return None
    return backoff_delay(attempt, limits, failure.retry_after)


def backoff_delay(
    attempt: int,
    limits: Limits,
    retry_after: float | None = None,
    *,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Seconds to wait before retry number ``attempt + 1``, or ``None`` to give up.

    ``Retry-After`` wins when the server sent one (``None`` when it asks for
    longer than ``limits.backoff_max``); otherwise exponential backoff with
    "equal jitter": between half and all of ``backoff_base * 2**attempt``,
    capped at ``backoff_max``.

    Examples
    --------
    >>> backoff_delay(2, Limits(backoff_base=0.5), rand=lambda: 1.0)
    2.0
    >>> backoff_delay(0, Limits(), retry_after=3.0)
    3.0
    """
    if retry_after is not None:
        return max(0.0, retry_after) if retry_after <= limits.backoff_max else None
    cap = min(limits.backoff_max, limits.backoff_base * 2**attempt)
    return cap / 2 + rand() * cap / 2


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or HTTP date).

    Examples
    --------
    >>> parse_retry_after("2")
    2.0
    >>> parse_retry_after("soon") is None
    True
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # only for an HTTP-date Retry-After (socket, email)

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())
