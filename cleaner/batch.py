"""The batch runner: many documents, every core, nothing lost.

Documents stream through a process pool in chunks, with a bounded number of
chunks in flight, so memory stays flat however many files there are. Results
come back in input order, so the output is the same bytes whatever `jobs` is.

Nothing is lost, skipped without a word, overwritten or half-written:
- every document gets its own output name (`cleaner.outputs.OutputNames`);
- per-document outputs are written to a temporary file and renamed into place;
- a JSONL output file is written as `FILE.partial` and renamed when complete;
- every failure (unreadable, undecodable, too large, too slow) and every skip (an image,
  a WARC redirect) becomes a line in the errors file, and the run goes on;
- `resume` skips documents whose output is complete, so a killed run can be
  re-run to the same result;
- workers exit with the main process, however it dies (`cleaner.watchdog`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from cleaner import watchdog
from cleaner.config import Config
from cleaner.errors import CleanerError, DocumentTimeout
from cleaner.inputs import InputError, ReadOptions, Task, discover, expand, read_stdin
from cleaner.outputs import DocumentStream, OutputNames, record_line, target_path, write_atomically
from cleaner.pipeline import Cleaner
from cleaner.worker import Outcome, TaskOptions, error_record, process_task

__all__ = ["BatchOptions", "DocumentTimeout", "Summary", "run"]

#: Documents per chunk sent to a worker: big enough to amortise the round trip, small
#: enough that a chunk never holds much memory.
CHUNK_SIZE = 16
#: Chunks in flight per worker: enough to keep every core busy, few enough to keep memory flat.
WINDOW_PER_JOB = 4


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs. The per-document time limit is `Config.timeout`."""

    output_format: str = "jsonl"  # txt | json | md | jsonl
    output_dir: Path | None = None
    output_file: Path | None = None  # jsonl only; None means standard output
    explain: bool = False
    jobs: int = 1
    resume: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    #: None: local processes; "local": a distributed.LocalCluster; "tcp://HOST:PORT": a scheduler
    dask: str | None = None

    @property
    def task(self) -> TaskOptions:
        return TaskOptions(self.output_format, self.output_dir, self.explain)


@dataclass
class Summary:
    documents: int = 0
    #: documents a resumed run found already done
    resumed: int = 0
    bytes: int = 0
    removals: Counter[str] = field(default_factory=Counter)
    #: removals per rule id
    rules: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: inputs that are not documents (an image, a JSON sidecar, a WARC redirect), with the reason
    skipped: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    #: the run was stopped (Ctrl-C) before it finished
    interrupted: bool = False

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


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


def iter_items(inputs: list[str], options: BatchOptions, config: Config,
               stdin: Callable[[], bytes] = read_stdin) -> Iterator[Task | InputError]:
    """Every document, skip or input error, in a stable order; documents are numbered."""
    seq = 0
    for found in discover(inputs, options.read.glob, exclude=options.output_dir):
        if isinstance(found, InputError):
            yield found
            continue
        path, rel = found
        data = stdin() if str(path) == "-" else None
        for item in expand(path, rel, options.read, seq, stdin_data=data, limit=config.max_input_bytes):
            if isinstance(item, Task):
                seq = item.seq + 1
            yield item


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
            context.set_forkserver_preload(["cleaner.batch"])
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


class Sink:
    """Where outcomes go, in input order: JSONL lines to a file or standard output, txt/json/md
    documents to standard output, and the errors file (failures and skips, one line each).

    A JSONL file is written as `FILE.partial` and renamed when the run completes; its errors
    go to `FILE.errors.jsonl` the same way, created only when there is something to say.
    With `resume`, the complete lines already in the partial files are kept and that many
    items are passed over: the input order is stable, so the finished file is the same bytes
    as an uninterrupted run's. With an output folder, the errors file is
    `DIR/errors.jsonl`, written at the end.
    """

    def __init__(self, options: BatchOptions, stdout: TextIO) -> None:
        self.options = options
        self.done = 0
        self.collected: list[dict[str, Any]] = []  # errors of a folder run, written at the end
        self.stream: DocumentStream | None = None
        self.out: TextIO | None = None
        self.err: TextIO | None = None
        self.output_file = options.output_file
        if options.output_dir is not None:
            self.errors_file: Path | None = options.output_dir / "errors.jsonl"
            return
        if self.output_file is None:
            self.errors_file = None
            if options.output_format == "jsonl":
                self.out = stdout
            else:
                self.stream = DocumentStream(stdout, options.output_format)
            return
        self.errors_file = self.output_file.with_name(self.output_file.name + ".errors.jsonl")
        self.out_partial = _partial(self.output_file)
        self.err_partial = _partial(self.errors_file)
        self.output_file.parent.mkdir(parents=True, exist_ok=True)
        if options.resume:
            self.done = _keep_complete_lines(self.out_partial) + _keep_complete_lines(self.err_partial)
        self.out = open(self.out_partial, "a" if options.resume else "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        if not options.resume and self.err_partial.exists():
            self.err_partial.unlink()

    def document(self, outcome: Outcome) -> None:
        if outcome.line is None:
            return
        if self.stream is not None:
            self.stream.add(outcome.line, outcome.name)
        elif self.out is not None:
            self.out.write(outcome.line + "\n")
            self.out.flush()

    def problem(self, record: dict[str, Any]) -> None:
        if self.output_file is None:
            self.collected.append(record)
            return
        if self.err is None:
            self.err = open(self.err_partial, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self.err.write(record_line(record) + "\n")
        self.err.flush()

    def close(self, complete: bool) -> None:
        if self.stream is not None:
            self.stream.close()
        if self.output_file is not None:
            assert self.out is not None and self.errors_file is not None
            self.out.close()
            if self.err is not None:
                self.err.close()
            if complete:
                os.replace(self.out_partial, self.output_file)
                _finish_errors(self.err_partial, self.errors_file)
        elif self.errors_file is not None and complete:  # an output folder
            if self.collected:
                write_atomically(self.errors_file, "".join(record_line(e) + "\n" for e in self.collected))
            elif self.errors_file.exists():
                self.errors_file.unlink()  # an earlier run's errors are not this run's


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def _finish_errors(partial: Path, final: Path) -> None:
    """Put the errors in place if there are any; otherwise leave no errors file (and no stale one)."""
    if partial.exists() and partial.stat().st_size:
        os.replace(partial, final)
        return
    for path in (partial, final):
        if path.exists():
            path.unlink()


def _keep_complete_lines(path: Path) -> int:
    """Count the complete lines of a partial file, cutting off a half-written last line."""
    if not path.exists():
        return 0
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end != len(data):
        with open(path, "r+b") as handle:
            handle.truncate(end)
    return data[:end].count(b"\n")


def run(
    inputs: list[str],
    config: Config,
    options: BatchOptions,
    *,
    stdout: Any,
    on_progress: Callable[[int], None] | None = None,
    stdin: Callable[[], bytes] = read_stdin,
) -> Summary:
    """Clean every input; returns the summary (`interrupted` set if Ctrl-C stopped it).
    Writes outputs as it goes."""
    started = time.perf_counter()
    summary = Summary()
    pool = _pool(config, options)  # first: a cluster that cannot be reached leaves no partial output
    sink = Sink(options, stdout)
    summary.resumed = sink.done
    complete = False
    try:
        items = _resumed(_named(iter_items(inputs, options, config, stdin), options), sink.done, options, summary)
        for results in _feed(items, pool):
            for result in results:
                _take(result, summary, sink)
                if on_progress:
                    on_progress(1)
        complete = True
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        sink.close(complete)
        summary.seconds = time.perf_counter() - started
    return summary


def _pool(config: Config, options: BatchOptions) -> Any:
    if options.dask:
        from cleaner.integrations.dask import DaskPool

        return DaskPool(options.dask, config, options)
    return Pool(config, options)


def _take(result: Outcome | InputError, summary: Summary, sink: Sink) -> None:
    if isinstance(result, InputError):
        record = result.record()
        (summary.skipped if result.skipped else summary.errors).append(record)
        sink.problem(record)
    elif result.error is not None:
        summary.bytes += result.size
        summary.errors.append(result.error)
        sink.problem(result.error)
    else:
        summary.documents += 1
        summary.bytes += result.size
        summary.removals.update(result.removals)
        summary.rules.update(result.rules)
        sink.document(result)


def _named(items: Iterator[Task | InputError], options: BatchOptions) -> Iterator[Task | InputError]:
    """Give each document of a folder run its own output name (see `OutputNames`)."""
    if options.output_dir is None:
        yield from items
        return
    names = OutputNames(options.output_format)
    for item in items:
        if isinstance(item, Task):
            try:
                item.rel = names.claim(item.rel)
            except CleanerError as error:
                yield InputError(item.path, str(error), id=item.id)
                continue
        yield item


def _resumed(items: Iterator[Task | InputError], skip: int, options: BatchOptions, summary: Summary) -> Iterator[Task | InputError]:
    """Drop what a resumed run already has: the first `skip` items (JSONL file), or documents
    whose output file exists (output folder)."""
    for n, item in enumerate(items):
        if n < skip:
            continue
        if options.resume and options.output_dir is not None and isinstance(item, Task):
            try:
                if target_path(options.output_dir, item.rel, options.output_format).exists():
                    summary.resumed += 1
                    continue
            except CleanerError:
                pass  # the worker reports the unsafe name as this document's error
        yield item


def _feed(items: Iterator[Task | InputError], pool: Pool) -> Iterator[list[Outcome | InputError]]:
    """Send tasks to the pool in chunks, keeping input errors in their place in the order."""
    staged: deque[list[Task | InputError]] = deque()

    def task_chunks() -> Iterator[list[Task]]:
        for chunk in chunked(items, CHUNK_SIZE):
            staged.append(chunk)
            yield [i for i in chunk if isinstance(i, Task)]

    for outcomes in pool.map(task_chunks()):
        chunk = staged.popleft()
        results = iter(outcomes)
        yield [next(results) if isinstance(i, Task) else i for i in chunk]
