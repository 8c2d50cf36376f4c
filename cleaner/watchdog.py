"""Worker processes end when the process that started the batch ends, however it ends.

A process pool's workers sit waiting on a queue that they themselves hold open, so when the
main process is killed (`kill -9`, the out-of-memory killer, a CI timeout) nothing tells them
to stop: they, and the forkserver that forked them, would live on under PID 1 with the rule
packs loaded. Each worker therefore watches the main process from a daemon thread and exits
the moment it is gone. On Linux the thread waits on a pidfd (the kernel wakes it when the
process exits, zombie or not: no polling); elsewhere it checks every half second.

A worker never exits halfway through writing an output: writers hold `writing` (a lock the
watchdog takes before exiting), so an output file is either complete or absent, with no
temporary file left beside it.
"""

from __future__ import annotations

import os
import select
import threading
import time

POLL_SECONDS = 0.5
#: held while an output file is written; the watchdog waits for it before exiting
writing = threading.Lock()


def exit_with(pid: int) -> None:
    """Exit this process (status 1, no clean-up: it is an orphan) once `pid` has exited."""
    threading.Thread(target=_watch, args=(pid,), name=f"cleaner-watchdog-{pid}", daemon=True).start()


def _watch(pid: int) -> None:
    try:
        _wait_pidfd(pid)
    except (AttributeError, OSError):  # no pidfd_open (not Linux, old kernel, seccomp)
        while _alive(pid):
            time.sleep(POLL_SECONDS)
    writing.acquire()
    os._exit(1)


def _wait_pidfd(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return  # already gone
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        while not poller.poll():
            pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process stays a zombie until its parent reaps it: that is gone too
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return True
