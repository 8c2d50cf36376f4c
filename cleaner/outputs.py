"""Where cleaned documents go, and how they are printed: the one place that renders records.

- `columns` turns an `Article` into the integrations' columns (`METADATA_COLUMNS`);
- `render` turns a record into txt, json or md; `record_line` into a JSONL line;
- `OutputNames` gives every document of a run its own output file, deterministically;
- `write_atomically` writes a file so that readers never see half of it;
- `DocumentStream` prints several txt/json/md documents on standard output so that they
  can be told apart (a JSON array; a `==> name <==` line before each text, as `head` does).
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from cleaner import watchdog
from cleaner.errors import CleanerError
from cleaner.model import Article

SUFFIX = {"txt": ".txt", "json": ".json", "md": ".md"}
#: The metadata the integrations add beside the text (as `clean_<name>`), and `explain` prints.
METADATA_COLUMNS = ("title", "authors", "date", "source", "site", "language", "captions", "tags")


def columns(article: Article | None, error: str | None = None) -> dict[str, Any]:
    """`text`, the metadata columns and `error`, as plain values; empty ones with no article."""
    if article is None:
        return {"text": "", **dict.fromkeys(METADATA_COLUMNS), "error": error}
    return {"text": article.text, **{name: getattr(article, name) for name in METADATA_COLUMNS}, "error": error}


def record_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def render(record: dict[str, Any], article: Article, output_format: str) -> str:
    """One document in `txt`, `json` or `md`, ending with a newline."""
    if output_format == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    if output_format == "md":
        return article.to_markdown()
    return article.text + "\n"


def target_path(output_dir: Path, rel: PurePosixPath, output_format: str) -> Path:
    """Where a document's output goes; refuses anything that would land outside `output_dir`."""
    parts = _parts(rel)
    if not parts or rel.is_absolute():
        raise CleanerError(f"unsafe output name {str(rel)!r}")
    target = output_dir.joinpath(*parts)
    target = target.with_name(target.name + SUFFIX[output_format])
    root = os.path.realpath(output_dir)
    real = os.path.realpath(target)
    if os.path.commonpath([root, real]) != root:
        raise CleanerError(f"output path {str(rel)!r} would leave the output folder")
    return target


def _parts(rel: PurePosixPath) -> list[str]:
    return [p for p in rel.parts if p not in ("", ".", "..", "/")]


class OutputNames:
    """Hands out output names so that no two documents of a run share a file.

    Inputs keep their whole name (`a.html` → `a.html.txt`), so most names are distinct by
    construction; what can still meet (two records with one id, ids that sanitise alike such
    as `a/b` and `a_b`, names differing only in case on a case-insensitive disk) gets `~2`,
    `~3`... in input order, so a run gives the same names for any `--jobs` and a resumed run
    finds the outputs it wrote. Names are compared casefolded.
    """

    def __init__(self, output_format: str) -> None:
        self.suffix = SUFFIX[output_format]
        self.files: set[str] = set()
        self.folders: set[str] = set()

    def claim(self, rel: PurePosixPath) -> PurePosixPath:
        """The name this document's output gets; raises `CleanerError` for a clash no
        renaming resolves (its folder is another document's file)."""
        parts = _parts(rel)
        if not parts:
            return rel  # target_path reports the unsafe name
        folders = ["/".join(parts[:n]).casefold() for n in range(1, len(parts))]
        for folder in folders:
            if folder in self.files:
                raise CleanerError(f"output folder {folder!r} is already another document's output file")
        leaf, number = parts[-1], 1
        while True:
            name = leaf if number == 1 else f"{leaf}~{number}"
            key = "/".join([*parts[:-1], name + self.suffix]).casefold()
            if key not in self.files and key not in self.folders:
                break
            number += 1
        self.files.add(key)
        self.folders.update(folders)
        return PurePosixPath(*parts[:-1], name)


def write_atomically(target: Path, content: str) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with watchdog.writing:  # a worker whose batch died exits before or after this, not during
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(content)
            os.replace(temporary, target)
        finally:
            if temporary.exists():
                temporary.unlink()


class DocumentStream:
    """txt, json or md documents on one stream. One document prints as itself; from the
    second on, they are told apart: json becomes one JSON array of the records, txt and md
    get a `==> name <==` line before each document and a blank line between them."""

    def __init__(self, out: TextIO, output_format: str) -> None:
        self.out, self.format = out, output_format
        self.first: tuple[str, str] | None = None
        self.count = 0

    def add(self, text: str, name: str) -> None:
        self.count += 1
        if self.count == 1:
            self.first = (text, name)  # held until we know whether a second one follows
            return
        if self.count == 2:
            assert self.first is not None
            if self.format == "json":
                self.out.write("[\n")
            self._write(*self.first, lead="")
        self._write(text, name, lead=",\n" if self.format == "json" else "\n")
        self.out.flush()

    def _write(self, text: str, name: str, lead: str) -> None:
        if self.format == "json":
            self.out.write(lead + text.rstrip("\n"))
        else:
            self.out.write(f"{lead}==> {name} <==\n{text}")

    def close(self) -> None:
        if self.count == 1 and self.first is not None:
            self.out.write(self.first[0])
        elif self.count > 1 and self.format == "json":
            self.out.write("\n]\n")
        self.out.flush()
