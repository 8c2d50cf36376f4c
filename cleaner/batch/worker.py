"""Clean one task of a batch: the code every worker runs, local process, pool or Dask.

It never raises: a document that fails becomes an error record, so one bad page never
stops a batch. With an output folder the worker writes the document's file itself (the
bytes never travel back); otherwise it returns the rendered line for the parent to write
in input order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError
from cleaner.inputs import Task
from cleaner.model import Article
from cleaner.outputs import record_line, render, target_path, write_atomically
from cleaner.pipeline import Cleaner


@dataclass(frozen=True)
class TaskOptions:
    """What a worker needs to know about the run."""

    output_format: str = "jsonl"
    output_dir: Path | None = None
    explain: bool = False


@dataclass
class Outcome:
    """What a worker sends back for one document: its output (a JSONL line or a rendered
    document) or an error, and counts."""

    seq: int
    name: str = ""
    line: str | None = None
    error: dict[str, Any] | None = None
    removals: dict[str, int] = field(default_factory=dict)
    #: removals per rule id (what the rule packs removed)
    rules: dict[str, int] = field(default_factory=dict)
    size: int = 0


def process_task(task: Task, cleaner: Cleaner, options: TaskOptions) -> Outcome:
    """Clean one document and write or return its output; never raises."""
    name = task.path + (f" [{task.id}]" if task.id is not None else "")
    try:
        data = task_data(task, cleaner.config.max_input_bytes)
        article = cleaner.clean(data, url=task.url)  # honours Config.timeout, in any thread
        record = make_record(task, article, explain=options.explain)
        removals = dict(Counter(r.stage for r in article.removed))
        rules = dict(Counter(r.rule for r in article.removed if r.rule))
        if options.output_dir is not None:
            _write(target_path(options.output_dir, task.rel, options.output_format),
                   render(record, article, options.output_format))
            return Outcome(task.seq, name, removals=removals, rules=rules, size=task.size)
        if options.output_format == "jsonl":
            line = record_line(record)
        else:
            line = render(record, article, options.output_format)
        return Outcome(task.seq, name, line=line, removals=removals, rules=rules, size=task.size)
    except Exception as error:  # noqa: BLE001 - one bad document must never stop a batch
        return Outcome(task.seq, name, error=error_record(task.path, task.id, error), size=task.size)


def _write(target: Path, content: str) -> None:
    try:
        write_atomically(target, content)
    except OSError as error:  # e.g. a folder stands where the file goes: never overwritten
        raise CleanerError(f"cannot write {target}: {error.strerror or error}") from None


def task_data(task: Task, limit: int) -> bytes | str:
    """The document's bytes: carried by the task (records), or read from its file, refusing
    a file larger than `limit` before reading it."""
    if task.data is not None:
        return task.data
    path = Path(task.path)
    size = path.stat().st_size
    if size > limit:
        raise CleanerError(f"file is {size} bytes; the limit is {limit}")
    return path.read_bytes()


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
