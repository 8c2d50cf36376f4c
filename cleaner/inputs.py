"""Find the documents behind the command line's inputs.

An input is a file, a folder (walked recursively, in sorted order so runs are
deterministic), or `-` for standard input. What a file holds is read off its content
(`cleaner.sniff`), whatever its name: one page (HTML or text), one JSON object or a list of
them, one record per line (JSON Lines), or WARC records; any of them may be gzipped.

Each document becomes a `Task`; everything else becomes an `InputError`, either a failure
(unreadable file, broken JSON line) or a skip (an image in a scraped folder, a 404 in a
WARC), with its reason. Nothing found is passed over without one of the two.

Single-page files are read by the worker that cleans them (parallel reads, nothing large
crosses process boundaries); records from JSONL and WARC files are read here, one at a
time, and carry their data.
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from cleaner.sniff import HEAD_BYTES, Kind, Sniffed, sniff, sniff_file

#: WARC responses become documents when their HTTP status is this and their type is a page's.
WARC_OK_STATUS = "200"
WARC_PAGE_TYPES = ("html", "text/plain", "xml")


@dataclass(frozen=True)
class FieldNames:
    """Where JSON records keep their text, HTML and id (`--text-field` and friends)."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are found and read: the JSON field names, the `--glob` filter, and
    `warc_all` (every WARC response and resource record, whatever its status or type)."""

    fields: FieldNames = field(default_factory=FieldNames)
    glob: str | None = None
    warc_all: bool = False


@dataclass
class Task:
    """One document to clean.

    `rel` is where its output goes, relative to the output folder, without the format's
    suffix; `path` is what records call it; `data` is None for a page file the worker reads.
    """

    seq: int
    path: str
    rel: PurePosixPath
    data: bytes | str | None = None
    id: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    size: int = 0


@dataclass
class InputError:
    """An input that yields no document: a failure (unreadable folder, broken JSONL line),
    or, with `skipped`, something that is not a document (an image, a JSON sidecar with no
    text field, a WARC redirect), reported in the summary but not counted as a failure."""

    path: str
    reason: str
    id: str | None = None
    skipped: bool = False

    def record(self) -> dict[str, Any]:
        """The line the errors file gets."""
        return {"path": self.path, **({"id": self.id} if self.id else {}),
                "error": "Skipped" if self.skipped else "InputError", "reason": self.reason}


def discover(paths: list[str], glob: str | None = None, exclude: Path | None = None) -> Iterator[tuple[Path, PurePosixPath] | InputError]:
    """(file, output path relative to the output folder) for every input file, in order.

    The output path keeps the file's whole name: `a.html`, `a.txt` and `a.htm.gz` in one
    folder are three documents with three outputs. Hidden files and folders of a walk
    (`.git`, `.DS_Store`) are skipped, each named once.
    """
    excluded = exclude.resolve() if exclude else None
    for raw in paths:
        if raw == "-":
            yield Path("-"), PurePosixPath("stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, glob, excluded)
        elif path.exists() or path.is_symlink():
            yield path, PurePosixPath(path.name)
        else:
            yield InputError(raw, "no such file or folder")


def _walk(root: Path, glob: str | None, excluded: Path | None) -> Iterator[tuple[Path, PurePosixPath] | InputError]:
    entries: list[tuple[str, tuple[Path, PurePosixPath] | InputError]] = []
    problems: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=problems.append, followlinks=False):
        here = Path(folder)
        if excluded is not None and (here.resolve() == excluded or excluded in here.resolve().parents):
            dirs[:] = []
            continue
        for name in sorted(d for d in dirs if d.startswith(".")):
            hidden = here / name
            entries.append((hidden.relative_to(root).as_posix(), InputError(str(hidden), "hidden folder, not walked", skipped=True)))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if glob and not fnmatch.fnmatch(name, glob):
                continue
            file = here / name
            rel = file.relative_to(root).as_posix()
            if name.startswith("."):
                entries.append((rel, InputError(str(file), "hidden file", skipped=True)))
            else:
                entries.append((rel, (file, PurePosixPath(rel))))
    entries.sort(key=lambda item: item[0])
    for problem in problems:
        yield InputError(str(problem.filename or root), f"cannot read folder: {problem.strerror}")
    for _key, entry in entries:
        yield entry


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def expand(path: Path, rel: PurePosixPath, options: ReadOptions, seq: int, *, stdin_data: bytes | None = None,
           limit: int = 0) -> Iterator[Task | InputError]:
    """The tasks of one input (a file, or standard input's bytes), numbered from `seq`."""
    if str(path) == "-":
        yield from _expand_bytes(stdin_data or b"", "-", rel, options, seq, limit)
        return
    name = str(path)
    try:
        found = sniff_file(path)
        size = path.stat().st_size
    except OSError as error:
        yield InputError(name, f"cannot read: {error.strerror or error}")
        return
    if found.kind is Kind.SKIP:
        yield InputError(name, found.reason, skipped=True)
        return
    if found.kind is Kind.PAGE:
        yield Task(seq, name, rel, size=size)
        return
    try:
        handle = _open(path, found)
    except OSError as error:
        yield InputError(name, f"cannot read: {error.strerror or error}")
        return
    with handle:
        yield from _records_of(found.kind, handle, name, rel, options, seq)


def _open(path: Path, found: Sniffed) -> BinaryIO:
    handle = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    return gzip.GzipFile(fileobj=handle) if found.gzipped else handle  # type: ignore[return-value]


def _expand_bytes(data: bytes, name: str, rel: PurePosixPath, options: ReadOptions, seq: int,
                  limit: int) -> Iterator[Task | InputError]:
    found = sniff(data[:HEAD_BYTES])
    if found.kind is Kind.SKIP:
        yield InputError(name, found.reason, skipped=True)
        return
    if found.kind is Kind.PAGE:
        yield Task(seq, name, rel, data=data, size=len(data))
        return
    stream: BinaryIO = io.BytesIO(data)
    if found.gzipped:  # read as a stream: every gzip member (a WARC gzips record by record)
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    yield from _records_of(found.kind, stream, name, rel, options, seq)


def _records_of(kind: Kind, handle: BinaryIO, name: str, base: PurePosixPath, options: ReadOptions,
                seq: int) -> Iterator[Task | InputError]:
    if kind is Kind.WARC:
        yield from _warc_records(handle, name, base, seq, options.warc_all)
    elif kind is Kind.JSON:
        yield from _json_file(handle, name, base, options.fields, seq)
    else:
        yield from _records(handle, name, base, options.fields, seq)


def _record_task(record: Any, name: str, base: PurePosixPath, fields: FieldNames, seq: int, number: int) -> Task | InputError:
    if not isinstance(record, dict):
        return InputError(name, f"record {number} is not a JSON object", id=str(number))
    ident = record.get(fields.id)
    ident = str(ident) if ident is not None else str(number)
    html = record.get(fields.html)
    text = record.get(fields.text)
    data = html if isinstance(html, str) and html else text
    if not isinstance(data, str):
        return InputError(name, f"record {ident} has no string field {fields.html!r} or {fields.text!r}", id=ident)
    url = record.get(fields.url) if isinstance(record.get(fields.url), str) else None
    extra = {k: v for k, v in record.items() if k not in (fields.text, fields.html)}
    return Task(seq, name, base / safe_name(ident), data=data, id=ident, url=url, extra=extra, size=len(data))


def _records(handle: BinaryIO, name: str, base: PurePosixPath, fields: FieldNames, seq: int) -> Iterator[Task | InputError]:
    number = 0
    try:
        for raw in handle:
            number += 1
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError as error:
                yield InputError(name, f"line {number}: not valid JSON ({error.__class__.__name__})", id=str(number))
                continue
            item = _record_task(record, name, base, fields, seq, number)
            if isinstance(item, Task):
                seq += 1
            yield item
    except (OSError, EOFError) as error:
        yield InputError(name, f"stopped reading at line {number}: {error}")


def _json_file(handle: BinaryIO, name: str, base: PurePosixPath, fields: FieldNames, seq: int) -> Iterator[Task | InputError]:
    try:
        data = json.loads(handle.read())
    except (ValueError, OSError, EOFError) as error:
        yield InputError(name, f"not valid JSON ({error.__class__.__name__})")
        return
    items = data if isinstance(data, list) else [data]
    single = not isinstance(data, list)
    for number, record in enumerate(items, 1):
        item = _record_task(record, name, base, fields, seq, number)
        if isinstance(item, Task):
            if single:
                item.rel = base
            seq += 1
        elif single:
            # a JSON file with no text field is a scraper's sidecar (metadata, labels)
            item.skipped = True
            item.id = None
            item.reason = f"JSON holds no document (no {fields.html!r} or {fields.text!r} field)"
        yield item


def _warc_records(handle: BinaryIO, name: str, base: PurePosixPath, seq: int, take_all: bool) -> Iterator[Task | InputError]:
    """Responses with HTTP 200 and a page's content type, and resource records, are documents;
    other responses (redirects, errors, images) are skipped with their status and type.
    Requests, metadata and the crawl's own records are not documents at all."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(handle):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            ident = record_id or uri or str(seq)
            why_not = None if take_all else _warc_skip_reason(record)
            if why_not:
                yield InputError(name, why_not, id=ident, skipped=True)
                continue
            body = record.content_stream().read()
            yield Task(seq, name, base / safe_name(ident), data=body, id=ident,
                       url=uri or None, extra={"warc_target_uri": uri, "warc_record_id": record_id}, size=len(body))
            seq += 1
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        yield InputError(name, f"not a readable WARC file: {error}")


def _warc_skip_reason(record: Any) -> str | None:
    if record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
        status = None
    else:
        headers = record.http_headers
        content_type = (headers.get_header("Content-Type") if headers else "") or ""
        status = headers.get_statuscode() if headers else None
        if status != WARC_OK_STATUS:
            return f"WARC response with HTTP status {status or 'missing'}"
    lowered = content_type.lower()
    if content_type and not any(kind in lowered for kind in WARC_PAGE_TYPES):
        return f"WARC {record.rec_type} of type {content_type.split(';')[0].strip()}, not a page"
    return None


def safe_name(ident: str) -> str:
    """A record id as one safe file name: no separators, no `..`, no hidden or empty names.
    Different ids can give the same name (`a/b`, `a_b`); the batch runner tells them apart."""
    cleaned = "".join(c if c.isalnum() or c in "-_.=@" else "_" for c in ident)[:150].strip(".")
    return cleaned or "_"
