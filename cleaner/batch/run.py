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

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cleaner.batch.options import CHUNK_SIZE, BatchOptions
from cleaner.batch.pools import TaskPool, pool_for
from cleaner.batch.sinks import Sink
from cleaner.batch.worker import Outcome
from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.inputs import InputError, Task, discover, expand, read_stdin
from cleaner.outputs import OutputNames, target_path


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
    #: inputs that are not documents (an image, a JSON sidecar, a WARC redirect), by reason;
    #: each one is a line in the errors file (counts only here: a crawl can skip millions)
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    #: the run was stopped (Ctrl-C) before it finished
    interrupted: bool = False

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


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
    pool = pool_for(config, options)  # first: a cluster that cannot be reached leaves no partial output
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


def _take(result: Outcome | InputError, summary: Summary, sink: Sink) -> None:
    if isinstance(result, InputError):
        record = result.record()
        if result.skipped:
            summary.skipped[result.reason] += 1
        else:
            summary.errors.append(record)
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


def _feed(items: Iterator[Task | InputError], pool: TaskPool) -> Iterator[list[Outcome | InputError]]:
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
