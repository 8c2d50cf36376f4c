"""Where outcomes go, in input order: one interface for JSONL streams, documents on
standard output and output folders, with the errors file beside them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TextIO

from cleaner.batch.options import BatchOptions
from cleaner.batch.worker import Outcome
from cleaner.outputs import DocumentStream, record_line, write_atomically


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
            if self.errors_file is not None:  # an output folder: written at the end
                self.collected.append(record)
            return  # standard output: the summary prints the failures
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
