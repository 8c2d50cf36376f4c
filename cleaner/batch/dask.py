"""The batch runner on a Dask cluster: `cleaner clean --dask local|tcp://HOST:PORT`.

`--dask local` starts a `distributed.LocalCluster` of `--jobs` worker processes; an address
uses a running scheduler. `DaskPool` sends the runner's chunks of documents to the cluster
instead of the local process pool; the results come back in input order and are written by
the same code, so the outputs are the same bytes as a local run. `Config.timeout` holds on
the workers as in a local run (a deadline checked inside the pipeline, not a signal). File
inputs are read by the workers: on several machines they must see the same paths (a shared
or network filesystem); JSONL records and standard input travel with the tasks.
"""

from __future__ import annotations

import importlib
import logging
import re
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from cleaner.batch.worker import process_task
from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner

#: Chunks in flight per worker: enough to keep workers busy, bounded memory in the client.
WINDOW_PER_WORKER = 4
#: How long to wait for a scheduler named with --dask tcp://... before giving up.
CONNECT_SECONDS = 5
_ADDRESS = re.compile(r"^(?:tcp|tls|ws|wss|ucx|inproc)://[^\s/]+$")


class DaskUnavailable(CleanerError):
    """--dask cannot run: the extra is not installed, or the address is bad or unreachable."""


def check_address(address: str) -> None:
    """Refuse what `--dask` cannot use, before any document is read."""
    if address != "local" and not _ADDRESS.match(address):
        raise DaskUnavailable(f"--dask takes 'local' or a scheduler address such as tcp://HOST:8786, not {address!r}")
    try:
        importlib.import_module("distributed")
    except ImportError:
        raise DaskUnavailable("--dask needs the Dask extra: pip install 'cleaner[dask]'") from None


@lru_cache(maxsize=8)
def _cleaner_for(config: Config) -> Cleaner:
    """One cleaner per worker process and configuration (its rule packs compile once)."""
    return Cleaner(config)


def _run_chunk(chunk: list[Any], config: Config, options: Any) -> list[Any]:
    """One chunk of the batch runner's tasks, on a worker (same code as a local worker)."""
    cleaner = _cleaner_for(config)  # honours config.timeout: the deadline works in worker threads
    return [process_task(task, cleaner, options) for task in chunk]


class DaskPool:
    """The batch runner's `Pool` on a Dask cluster: ordered, with a bounded window."""

    def __init__(self, address: str, config: Config, options: Any) -> None:
        check_address(address)
        from distributed import Client, LocalCluster

        self.config, self.options = config, options.task
        self.cluster = None
        if address == "local":
            with _sigint_ignored():  # the workers inherit it: Ctrl-C is the client's to handle
                self.cluster = LocalCluster(n_workers=max(1, options.jobs), threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(address, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError) as error:
                raise DaskUnavailable(f"cannot reach the Dask scheduler at {address} within {CONNECT_SECONDS} s "
                                      f"({type(error).__name__})") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, chunks: Iterable[list[Any]]) -> Iterator[list[Any]]:
        window = max(2, self.workers * WINDOW_PER_WORKER)
        pending: deque[Any] = deque()
        finished = False
        try:
            for chunk in chunks:
                pending.append(self.client.submit(_run_chunk, chunk, self.config, self.options, pure=False))
                while len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
            finished = True
        finally:
            self.close(restore_logging=finished)

    def close(self, restore_logging: bool = True) -> None:
        """Close quietly: after Ctrl-C the cluster's own shutdown messages are noise, and so
        are the tracebacks its event loop logs for callbacks cut short (tornado's logger).
        After an interrupted batch the loggers stay quiet (`restore_logging` False): the
        client's event loop thread can still log such a traceback after `close` returns."""
        quiet = [logging.getLogger(name) for name in _SHUTDOWN_LOGGERS]
        levels = [logger.level for logger in quiet]
        for logger in quiet:
            logger.setLevel(logging.CRITICAL)
        try:
            self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        finally:
            if restore_logging:
                for logger, level in zip(quiet, levels):
                    logger.setLevel(level)


#: The loggers a Dask cluster's shutdown speaks through.
_SHUTDOWN_LOGGERS = ("distributed", "tornado")


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
