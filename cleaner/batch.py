"""The batch runner: many documents, every core, nothing lost.

Documents stream through a process pool in chunks, with a bounded number of
chunks in flight, so memory stays flat however many files there are. Results
come back in input order, so the output is the same bytes whatever `jobs` is.

Nothing is lost or half-written:
- per-document outputs are written to a temporary file and renamed into place;
- a JSONL output file is written as `FILE.partial` and renamed when complete;
- every failure (unreadable, undecodable, too large, too slow) becomes a line in
  the errors file, and the run goes on;
- `resume` skips documents whose output is complete, so a killed run can be
  re-run to the same result.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.inputs import FieldNames, InputError, Task, discover, expand, read_stdin
from cleaner.model import Article
from cleaner.pipeline import Cleaner

SUFFIX = {"txt": ".txt", "json": ".json", "md": ".md"}
#: Documents per chunk sent to a worker: big enough to amortise the round trip, small
#: enough that a chunk never holds much memory.
CHUNK_SIZE = 16
#: Chunks in flight per worker: enough to keep every core busy, few enough to keep memory flat.
WINDOW_PER_JOB = 4


class DocumentTimeout(CleanerError):
    """A document took longer than the per-document time limit."""


@dataclass(frozen=True)
class BatchOptions:
    output_format: str = "jsonl"  # txt | json | md | jsonl
    output_dir: Path | None = None
    output_file: Path | None = None  # jsonl only; None means standard output
    explain: bool = False
    jobs: int = 1
    timeout: float | None = 60.0
    resume: bool = False
    glob: str | None = None
    fields: FieldNames = field(default_factory=FieldNames)
    #: None: local processes; "local": a distributed.LocalCluster; "tcp://HOST:PORT": a scheduler
    dask: str | None = None


@dataclass
class Summary:
    documents: int = 0
    skipped: int = 0
    bytes: int = 0
    removals: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: inputs that are not documents (JSON sidecars): named in the summary, not failures
    ignored: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


@dataclass
class Outcome:
    """What a worker sends back for one document: a JSONL line or an error, and counts."""

    seq: int
    line: str | None = None
    error: dict[str, Any] | None = None
    removals: dict[str, int] = field(default_factory=dict)
    size: int = 0


# ------------------------------------------------------------------------------ workers

_STATE: dict[str, Any] = {}


def _init_worker(config: Config, options: BatchOptions) -> None:
    """Each worker process builds its cleaner once; rule packs compile on first use."""
    _STATE["cleaner"] = Cleaner(config)
    _STATE["options"] = options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def process_chunk(chunk: list[Task]) -> list[Outcome]:
    return [process_task(task, _STATE["cleaner"], _STATE["options"]) for task in chunk]


def process_task(task: Task, cleaner: Cleaner, options: BatchOptions) -> Outcome:
    """Clean one document and write or return its output; never raises."""
    try:
        data = task.data if task.data is not None else _read(task, cleaner.config.max_input_bytes)
        with time_limit(options.timeout):
            article = cleaner.clean(data, url=task.url)
        record = make_record(task, article, explain=options.explain)
        removals = dict(Counter(r.stage for r in article.removed))
        if options.output_dir is not None:
            write_document(options.output_dir, task.rel, record, article, options.output_format)
            return Outcome(task.seq, removals=removals, size=task.size)
        if options.output_format == "jsonl":
            line = json.dumps(record, ensure_ascii=False)
        else:
            line = render(record, article, options.output_format).rstrip("\n")
        return Outcome(task.seq, line=line, removals=removals, size=task.size)
    except Exception as error:  # noqa: BLE001 - one bad document must never stop a batch
        return Outcome(task.seq, error=error_record(task.path, task.id, error), size=task.size)


def _read(task: Task, limit: int) -> bytes:
    path = Path(task.path)
    size = path.stat().st_size
    if size > limit:
        raise CleanerError(f"file is {size} bytes; the limit is {limit}")
    return path.read_bytes()


class time_limit:
    """Raise `DocumentTimeout` in the main thread after `seconds` (no-op elsewhere or when None)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.armed = bool(seconds) and threading.current_thread() is threading.main_thread() and hasattr(
            signal, "setitimer"
        )

    def __enter__(self) -> None:
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds or 0.0)

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    def _expired(self, signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than {self.seconds:g} s")


def error_record(path: str, ident: str | None, error: BaseException) -> dict[str, Any]:
    reason = str(error) or error.__class__.__name__
    if isinstance(error, OSError) and error.strerror:
        reason = f"cannot read: {error.strerror}"
    record: dict[str, Any] = {"path": path}
    if ident is not None:
        record["id"] = ident
    record.update({"error": error.__class__.__name__, "reason": reason})
    return record


def make_record(task: Task, article: Article, *, explain: bool) -> dict[str, Any]:
    """`path` (and `id`), the fields passed through from the input record, then ours."""
    record: dict[str, Any] = {"path": task.path}
    if task.id is not None:
        record["id"] = task.id
    record.update({k: v for k, v in task.extra.items() if k not in ("path", "id")})
    record.update(article.to_dict(explain=explain))
    return record


# ------------------------------------------------------------------------------ outputs


def target_path(output_dir: Path, rel: PurePosixPath, output_format: str) -> Path:
    """Where a document's output goes; refuses anything that would land outside `output_dir`."""
    parts = [p for p in rel.parts if p not in ("", ".", "..")]
    if not parts or rel.is_absolute():
        raise CleanerError(f"unsafe output name {str(rel)!r}")
    target = output_dir.joinpath(*parts)
    target = target.with_name(target.name + SUFFIX[output_format])
    root = os.path.realpath(output_dir)
    real = os.path.realpath(target)
    if os.path.commonpath([root, real]) != root:
        raise CleanerError(f"output path {str(rel)!r} would leave the output folder")
    return target


def render(record: dict[str, Any], article: Article, output_format: str) -> str:
    if output_format == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    if output_format == "md":
        return render_markdown(article)
    return article.text + "\n"


def render_markdown(article: Article) -> str:
    lines = []
    if article.title:
        lines += [f"# {article.title}", ""]
    facts = [", ".join(article.authors), article.date or "", article.source or article.site or ""]
    facts = [f for f in facts if f]
    if facts:
        lines += ["*" + " · ".join(facts) + "*", ""]
    lines.append(article.text)
    return "\n".join(lines).rstrip() + "\n"


def write_atomically(target: Path, content: str) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def write_document(output_dir: Path, rel: PurePosixPath, record: dict[str, Any], article: Article, output_format: str) -> None:
    write_atomically(target_path(output_dir, rel, output_format), render(record, article, output_format))


# ------------------------------------------------------------------------------ the run


def iter_items(inputs: list[str], options: BatchOptions, stdin: Callable[[], bytes] = read_stdin) -> Iterator[Task | InputError]:
    """Every document (or input error) in a stable order, numbered."""
    seq = 0
    for found in discover(inputs, options.glob, exclude=options.output_dir):
        if isinstance(found, InputError):
            yield found
            continue
        path, rel = found
        data = stdin() if str(path) == "-" else None
        for item in expand(path, rel, options.fields, seq, stdin_data=data):
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
            _init_worker_local(config, options)

    def _new_executor(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
        if context.get_start_method() == "forkserver":
            context.set_forkserver_preload(["cleaner.batch"])
        return ProcessPoolExecutor(
            max_workers=self.options.jobs, mp_context=context, initializer=_init_worker, initargs=(self.config, self.options)
        )

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[list[Outcome]]:
        if self.local:
            for chunk in chunks:
                yield [process_task(task, _STATE["cleaner"], self.options) for task in chunk]
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
            return [Outcome(t.seq, error=error_record(t.path, t.id, RuntimeError("worker process died")), size=t.size)
                    for t in chunk]


def _init_worker_local(config: Config, options: BatchOptions) -> None:
    _STATE["cleaner"] = Cleaner(config)
    _STATE["options"] = options


class JsonlSink:
    """Ordered JSONL lines (and error lines) to a file or standard output.

    A file is written as `FILE.partial` and renamed when the run completes; its errors go to
    `FILE.errors.jsonl` the same way. With `resume`, the complete lines already in the
    partial files are kept and that many documents are skipped: the input order is stable,
    so the finished file is the same bytes as an uninterrupted run's.
    """

    def __init__(self, output_file: Path | None, errors_file: Path | None, resume: bool, stdout: Any) -> None:
        self.output_file, self.errors_file = output_file, errors_file
        self.done = 0
        if output_file is None:
            self.out, self.err = stdout, None
            return
        assert errors_file is not None
        self.out_partial = output_file.with_name(output_file.name + ".partial")
        self.err_partial = errors_file.with_name(errors_file.name + ".partial")
        output_file.parent.mkdir(parents=True, exist_ok=True)
        if resume:
            self.done = _keep_complete_lines(self.out_partial) + _keep_complete_lines(self.err_partial)
        mode = "a" if resume else "w"
        self.out = open(self.out_partial, mode, encoding="utf-8")  # noqa: SIM115 - closed in close()
        self.err = open(self.err_partial, mode, encoding="utf-8")  # noqa: SIM115

    def line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def error(self, record: dict[str, Any]) -> None:
        if self.err is not None:
            self.err.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.err.flush()

    def close(self, complete: bool) -> None:
        if self.output_file is None:
            return
        self.out.close()
        assert self.err is not None
        self.err.close()
        if complete:
            os.replace(self.out_partial, self.output_file)
            assert self.errors_file is not None
            os.replace(self.err_partial, self.errors_file)


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
    """Clean every input; returns the summary. Writes outputs as it goes."""
    started = time.perf_counter()
    summary = Summary()
    sink: JsonlSink | None = None
    dir_errors: list[dict[str, Any]] = []
    if options.output_dir is None:
        errors_file = None
        if options.output_file is not None:
            errors_file = options.output_file.with_name(options.output_file.name + ".errors.jsonl")
        sink = JsonlSink(options.output_file, errors_file, options.resume, stdout)
    skip = sink.done if sink is not None else 0
    summary.skipped = skip
    complete = False
    try:
        ordered = _ordered_items(iter_items(inputs, options, stdin), skip, options, summary)
        if options.dask:
            from cleaner.integrations.dask import DaskPool

            pool: Any = DaskPool(options.dask, config, options)
        else:
            pool = Pool(config, options)
        for item_or_chunk in _feed(ordered, pool):
            for result in item_or_chunk:
                if isinstance(result, InputError) and result.ignored:
                    # logged like an error (a resumed JSONL run counts one line per input item),
                    # but not a failure: the exit status stays 0
                    summary.ignored.append(f"{result.path}: {result.reason}")
                    if sink is not None:
                        sink.error({"path": result.path, "error": "NotADocument", "reason": result.reason})
                elif isinstance(result, InputError):
                    record = {"path": result.path, **({"id": result.id} if result.id else {}),
                              "error": "InputError", "reason": result.reason}
                    _record_error(record, summary, sink, dir_errors)
                elif result.error is not None:
                    summary.bytes += result.size
                    _record_error(result.error, summary, sink, dir_errors)
                else:
                    summary.documents += 1
                    summary.bytes += result.size
                    summary.removals.update(result.removals)
                    if sink is not None and result.line is not None:
                        sink.line(result.line)
                if on_progress:
                    on_progress(1)
        complete = True
    finally:
        if sink is not None:
            sink.close(complete)
        if options.output_dir is not None and complete:
            lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in dir_errors)
            write_atomically(options.output_dir / "errors.jsonl", lines)
        summary.seconds = time.perf_counter() - started
    return summary


def _record_error(record: dict[str, Any], summary: Summary, sink: JsonlSink | None, dir_errors: list[dict[str, Any]]) -> None:
    summary.errors.append(record)
    if sink is not None:
        sink.error(record)
    else:
        dir_errors.append(record)


def _ordered_items(items: Iterator[Task | InputError], skip: int, options: BatchOptions, summary: Summary) -> Iterator[Task | InputError]:
    """Drop what a resumed run already has: the first `skip` items (JSONL file), or documents
    whose output file exists (output folder)."""
    for n, item in enumerate(items):
        if n < skip:
            continue
        if options.resume and options.output_dir is not None and isinstance(item, Task):
            try:
                if target_path(options.output_dir, item.rel, options.output_format).exists():
                    summary.skipped += 1
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
