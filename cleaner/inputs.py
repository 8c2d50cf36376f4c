"""Find the documents behind the command line's inputs.

An input is a file, a folder (walked recursively, in sorted order so runs are
deterministic), or `-` for standard input. A file holds one page (`.txt`,
`.md`, `.html`, `.htm`), one JSON object or a list of them (`.json`), one record
per line (`.jsonl`), or HTTP responses (`.warc`); any of them may be gzipped.

Each document becomes a `Task`. Single-page files are read by the worker that
cleans them (parallel reads, nothing large crosses process boundaries); records
from JSONL and WARC files are read here, one at a time, and carry their data.
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

PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm")
RECORD_SUFFIXES = (".json", ".jsonl", ".warc")
ALL_SUFFIXES = PAGE_SUFFIXES + RECORD_SUFFIXES


@dataclass(frozen=True)
class FieldNames:
    """Where JSON records keep their text, HTML and id (`--text-field` and friends)."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"


@dataclass
class Task:
    """One document to clean.

    `rel` is where its output goes, relative to the output folder, without suffix;
    `path` is what records call it; `data` is None for a page file the worker reads.
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
    """An input that yields no document at all (unreadable folder, broken JSONL line...).

    `ignored` marks inputs that are not documents rather than broken ones: a `.json` file in
    a scraped folder with neither a text nor an HTML field is a sidecar (metadata, labels),
    reported in the summary but not counted as a failure.
    """

    path: str
    reason: str
    id: str | None = None
    ignored: bool = False


def kind_of(name: str) -> str | None:
    """The suffix that decides how a file is read, `.gz` aside; None if we do not read it."""
    lowered = name.lower()
    lowered = lowered.removesuffix(".gz")
    for suffix in ALL_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    return None


def stem_of(name: str) -> str:
    lowered = name.lower()
    cut = 3 if lowered.endswith(".gz") else 0
    kind = kind_of(name) or ""
    return name[: len(name) - cut - len(kind)] if kind else name


def discover(paths: list[str], glob: str | None = None, exclude: Path | None = None) -> Iterator[tuple[Path, PurePosixPath] | InputError]:
    """(file, output path relative to the output folder) for every readable input file."""
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
    entries: list[tuple[Path, PurePosixPath]] = []
    for folder, dirs, files in os.walk(root, onerror=None, followlinks=False):
        here = Path(folder)
        if excluded is not None and (here.resolve() == excluded or excluded in here.resolve().parents):
            dirs[:] = []
            continue
        dirs.sort()
        for name in files:
            if kind_of(name) is None or (glob and not fnmatch.fnmatch(name, glob)):
                continue
            file = here / name
            entries.append((file, PurePosixPath(file.relative_to(root).as_posix())))
    entries.sort(key=lambda item: item[1].as_posix())
    yield from entries


def open_maybe_gzip(path: Path) -> BinaryIO:
    handle = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if handle.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=handle)  # type: ignore[return-value]
    return handle


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def expand(path: Path, rel: PurePosixPath, fields: FieldNames, seq_start: int, stdin_data: bytes | None = None) -> Iterator[Task | InputError]:
    """The tasks of one input file, numbered from `seq_start`."""
    kind = "-" if str(path) == "-" else kind_of(path.name)
    name = "-" if str(path) == "-" else str(path)
    if kind == "-":
        data = stdin_data if stdin_data is not None else b""
        if _looks_like_jsonl(data):
            yield from _records(io.BytesIO(data), name, PurePosixPath("stdin"), fields, seq_start)
        else:
            yield Task(seq_start, name, PurePosixPath("stdin"), data=data, size=len(data))
        return
    if kind in PAGE_SUFFIXES:
        try:
            size = path.stat().st_size
        except OSError as error:
            yield InputError(name, f"cannot read: {error.strerror}")
            return
        yield Task(seq_start, name, rel.with_name(stem_of(rel.name)), size=size)
        return
    base = rel.with_name(stem_of(rel.name))
    try:
        handle = open_maybe_gzip(path)
    except OSError as error:
        yield InputError(name, f"cannot read: {error.strerror}")
        return
    with handle:
        if kind == ".warc":
            yield from _warc_records(handle, name, base, seq_start)
        elif kind == ".json":
            yield from _json_file(handle, name, base, fields, seq_start)
        else:
            yield from _records(handle, name, base, fields, seq_start)


def _looks_like_jsonl(data: bytes) -> bool:
    head = data.lstrip()[:1]
    return head == b"{"


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
            item.ignored = True
            item.id = None
        yield item


def _warc_records(handle: BinaryIO, name: str, base: PurePosixPath, seq: int) -> Iterator[Task | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in content_type.lower() and content_type:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            body = record.content_stream().read()
            yield Task(seq, name, base / safe_name(record_id or uri or str(seq)), data=body, id=record_id or uri,
                       url=uri or None, extra={"warc_target_uri": uri, "warc_record_id": record_id}, size=len(body))
            seq += 1
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        yield InputError(name, f"not a readable WARC file: {error}")


def safe_name(ident: str) -> str:
    """A record id as one safe file name: no separators, no `..`, no hidden or empty names."""
    cleaned = "".join(c if c.isalnum() or c in "-_.=@" else "_" for c in ident)[:150].strip(".")
    return cleaned or "_"
