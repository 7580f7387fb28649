"""Limits, Throttle, backoff and Retry-After, with a fake clock where timing matters."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from claimcheck.errors import ConfigurationError
from claimcheck.registry.throttle import (
    POLITE_LIMITS,
    PUBLIC_LIMITS,
    Failure,
    Limits,
    Throttle,
    backoff_delay,
    parse_retry_after,
    retry_delay,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_crossref_presets() -> None:
    assert (PUBLIC_LIMITS.rate, PUBLIC_LIMITS.concurrency) == (5.0, 1)
    assert (POLITE_LIMITS.rate, POLITE_LIMITS.concurrency) == (10.0, 3)
    assert repr(POLITE_LIMITS) == "<Limits 10/s, 3 at a time, 3 retries>"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"rate": 0},
        {"rate": float("inf")},
        {"concurrency": 0},
        {"retries": -1},
        {"backoff_base": 20},
        {"margin": 2},
    ],
)
def test_bad_limits_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigurationError):
        Limits(**kwargs)  # type: ignore[arg-type]


def test_no_more_than_rate_starts_in_any_second() -> None:
    clock = FakeClock()
    throttle = Throttle(Limits(rate=5, concurrency=1, margin=0), clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(16):
        with throttle.slot():
            starts.append(clock.now)
    for i in range(len(starts) - 5):
        assert starts[i + 5] - starts[i] >= 1.0
    assert starts[:5] == [0.0] * 5  # a burst within the limit is allowed
    assert starts[-1] == pytest.approx(3.0)


def test_margin_spreads_the_rate_over_a_longer_window() -> None:
    clock = FakeClock()
    throttle = Throttle(Limits(rate=10, margin=0.1), clock=clock, sleep=clock.sleep)
    for _ in range(11):
        with throttle.slot():
            pass
    assert clock.now == pytest.approx(1.1)


def test_fractional_rate() -> None:
    clock = FakeClock()
    throttle = Throttle(Limits(rate=0.5, margin=0), clock=clock, sleep=clock.sleep)
    for _ in range(3):
        with throttle.slot():
            pass
    assert clock.now == pytest.approx(4.0)


def test_pause_holds_everybody() -> None:
    clock = FakeClock()
    throttle = Throttle(Limits(rate=100), clock=clock, sleep=clock.sleep)
    throttle.pause(2.5)
    with throttle.slot():
        assert clock.now == pytest.approx(2.5)


def test_concurrency_is_bounded_across_threads() -> None:
    throttle = Throttle(Limits(rate=1000, concurrency=2))
    inside, peak, lock = 0, 0, threading.Lock()

    def work() -> None:
        nonlocal inside, peak
        with throttle.slot():
            with lock:
                inside += 1
                peak = max(peak, inside)
            time.sleep(0.02)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == 2


def test_backoff_grows_with_jitter_and_a_cap() -> None:
    limits = Limits(backoff_base=0.5, backoff_max=3.0)
    assert backoff_delay(0, limits, rand=lambda: 0.0) == 0.25
    assert backoff_delay(0, limits, rand=lambda: 1.0) == 0.5
    assert backoff_delay(3, limits, rand=lambda: 1.0) == 3.0  # 4.0 capped
    assert backoff_delay(0, limits, retry_after=2.0) == 2.0
    assert backoff_delay(0, limits, retry_after=60.0) is None  # too long: give up


def test_retry_delay_rules() -> None:
    limits = Limits(retries=3, backoff_base=0.1)
    busy = Failure("server error (503)", 503, retryable=True)
    assert retry_delay(busy, 2, limits) is not None
    assert retry_delay(busy, 3, limits) is None
    timeout = Failure("timeout", retryable=True)
    assert retry_delay(timeout, 0, limits) is not None
    assert retry_delay(timeout, 1, limits) is None  # a timeout is retried once
    assert retry_delay(Failure("not found", 404), 0, limits) is None


def test_parse_retry_after() -> None:
    now = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=7), usegmt=True), now=now) == 7.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=7), usegmt=True), now=now) == 0.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("later") is None
