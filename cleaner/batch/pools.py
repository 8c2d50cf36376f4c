"""Pools: an ordered, bounded map of chunks of tasks to chunks of outcomes.

Every pool (one in-process worker, a process pool, a Dask cluster in
`cleaner.batch.dask`) implements `TaskPool`: `map(chunks)` yields each chunk's
outcomes in input order, with a bounded number of chunks in flight. The batch runner only
knows that protocol.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from cleaner import watchdog
from cleaner.batch.options import WINDOW_PER_JOB, BatchOptions
from cleaner.batch.worker import Outcome, TaskOptions, error_record, process_task
from cleaner.config import Config
from cleaner.inputs import Task
from cleaner.pipeline import Cleaner


class TaskPool(Protocol):
    def map(self, chunks: Iterable[list[Task]]) -> Iterator[list[Outcome]]:
        """Each chunk's outcomes, in the order the chunks came."""
        ...


# ------------------------------------------------------------------------------ workers

_STATE: dict[str, Any] = {}


def _init_worker(config: Config, options: TaskOptions, main_pid: int) -> None:
    """Each worker process builds its cleaner once; rule packs compile on first use."""
    _STATE["cleaner"] = Cleaner(config)
    _STATE["options"] = options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    watchdog.exit_with(main_pid)


def process_chunk(chunk: list[Task]) -> list[Outcome]:
    return [process_task(task, _STATE["cleaner"], _STATE["options"]) for task in chunk]


# ------------------------------------------------------------------------------ the run


class Pool:
    """An ordered, bounded map over chunks: in-process for one job, else a process pool
    that is rebuilt if a worker dies (its chunk's documents become errors)."""

    def __init__(self, config: Config, options: BatchOptions) -> None:
        self.config, self.options = config, options
        self.local = options.jobs <= 1
        self.executor: ProcessPoolExecutor | None = None
        if self.local:
            self.cleaner = Cleaner(config)

    def _new_executor(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
        if context.get_start_method() == "forkserver":
            context.set_forkserver_preload(["cleaner.batch.pools"])
        return ProcessPoolExecutor(max_workers=self.options.jobs, mp_context=context, initializer=_init_worker,
                                   initargs=(self.config, self.options.task, os.getpid()))

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[list[Outcome]]:
        if self.local:
            for chunk in chunks:
                yield [process_task(task, self.cleaner, self.options.task) for task in chunk]
            return
        window = max(2, self.options.jobs * WINDOW_PER_JOB)
        pending: deque[tuple[list[Task], Future[list[Outcome]]]] = deque()
        self.executor = self._new_executor()
        try:
            for chunk in chunks:
                pending.append((chunk, self._submit(chunk)))
                while len(pending) >= window:
                    yield self._collect(pending)
            while pending:
                yield self._collect(pending)
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, chunk: list[Task]) -> Future[list[Outcome]]:
        assert self.executor is not None
        try:
            return self.executor.submit(process_chunk, chunk)
        except BrokenProcessPool:
            self.executor = self._new_executor()
            return self.executor.submit(process_chunk, chunk)

    def _collect(self, pending: deque[tuple[list[Task], Future[list[Outcome]]]]) -> list[Outcome]:
        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            # a worker died (out of memory, a crash in C code): this chunk is lost; the
            # chunks still pending were on the same pool, so send them to a new one
            self.executor = self._new_executor()
            for n, (other, _future) in enumerate(list(pending)):
                pending[n] = (other, self._submit(other))
            return [Outcome(t.seq, t.path, error=error_record(t.path, t.id, RuntimeError("worker process died")),
                            size=t.size) for t in chunk]




def pool_for(config: Config, options: BatchOptions) -> TaskPool:
    """The pool the options ask for: Dask, a process pool, or this process."""
    if options.dask:
        from cleaner.batch.dask import DaskPool  # imported only when asked: Dask is an extra

        return DaskPool(options.dask, config, options)
    return Pool(config, options)
