"""A hang guard for the "stays linear on hostile input" tests.

Not a speed test (speed lives in ``benchmarks/``): the bound is tens of times what the
call takes on a loaded 2-core machine, so it only fires when the work explodes (a
quadratic or backtracking pattern on 200 kB takes minutes to hours, not seconds).
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

#: Seconds a hostile-input call may take before it counts as hung.
HANG_SECONDS = 60.0


@contextlib.contextmanager
def returns_within(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail with ``TimeoutError`` when the block runs longer than ``seconds`` (POSIX, main thread)."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds:.0f} s: the work is not linear")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
