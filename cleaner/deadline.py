"""A per-document time limit that works in any thread.

`clean()` is called from scrapers' threads, Dask workers and Hugging Face map processes,
where the alarm signal cannot reach (it only interrupts the main thread). So the limit is a
deadline the pipeline checks itself: between stages, every few hundred blocks inside the
long loops, and inside every rule regex (the `regex` module's own `timeout`). Where the
call runs in the main thread and no one else uses the interval timer, an alarm is armed at
the deadline as an extra, so that pure-Python code in a third-party library (trafilatura's
extraction, the date parser) is interrupted too. A single call into C code (lxml parsing a
page) cannot be interrupted; `benchmarks/deadline.py` measures how late that can make the
error, and the README gives the figure.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator
from types import FrameType, TracebackType
from typing import TypeVar

from cleaner.errors import DocumentTimeout

#: Loops over blocks check the clock once every this many blocks: a check costs ~50 ns,
#: and a block costs microseconds, so this keeps the overhead far below 1 %.
CHECK_EVERY = 256
#: Once the alarm has rung it rings again this often (seconds) until the call ends: its
#: exception may be raised where Python only reports it and goes on (inside a finalizer the
#: garbage collector runs at that moment, or a library's broad `except`), and the next ring
#: raises it again.
ALARM_REPEAT = 0.05
T = TypeVar("T")


class Deadline:
    """When the current document must be done. `Deadline(None)` never expires."""

    __slots__ = ("at", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None
        self.at = time.monotonic() + self.seconds if self.seconds else None

    def expired(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def check(self) -> None:
        """Raise `DocumentTimeout` once the deadline has passed."""
        if self.at is not None and time.monotonic() >= self.at:
            raise self.error()

    def remaining(self) -> float | None:
        """Seconds left (at least a microsecond, as `regex` timeouts want), or None for no limit."""
        if self.at is None:
            return None
        return max(self.at - time.monotonic(), 1e-6)

    def error(self) -> DocumentTimeout:
        return DocumentTimeout(f"took longer than {self.seconds:g} s")


NO_DEADLINE = Deadline(None)


class alarm_at:
    """Arm SIGALRM at the deadline while the block runs, where that is safe: in the main
    thread, on a platform with `setitimer`, and only if no interval timer is already set
    (a caller's own alarm is never replaced). Elsewhere it does nothing: the deadline
    checks still hold."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.armed = False

    def __enter__(self) -> None:
        remaining = self.deadline.remaining()
        if (remaining is None or threading.current_thread() is not threading.main_thread()
                or not hasattr(signal, "setitimer") or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
            return
        self.previous = signal.signal(signal.SIGALRM, self._expired)
        signal.setitimer(signal.ITIMER_REAL, remaining, ALARM_REPEAT)
        self.armed = True

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            self.armed = False

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        raise self.deadline.error()


def checked(items: Iterable[T], deadline: Deadline) -> Iterator[T]:
    """`items`, checking the deadline every `CHECK_EVERY` of them (for the long loops)."""
    if deadline.at is None:
        yield from items
        return
    for n, item in enumerate(items):
        if not n % CHECK_EVERY:
            deadline.check()
        yield item
