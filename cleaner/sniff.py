"""Tell how a file is read from its first bytes, not its name.

Scraped folders hold `.php`, `.shtml`, `.aspx` and extension-less pages, exports named
`.txt` that are JSON Lines, and WARC files piped through standard input. So the batch
runner looks at the content: magic bytes (gzip, images, archives, fonts...), then the first
non-blank characters (`WARC/1.x`, `{"key":`, `[`, `<?xml`, anything else is a page, HTML or
text, which the cleaner itself tells apart). The name is only a tie-breaker where content
cannot decide (a one-line JSON object is a `.json` document or a one-record `.jsonl`), and
names a few kinds of web asset that are text but never pages (stylesheets, scripts).

A file that is not a document is `SKIP` with the reason the summary prints; nothing is
passed over without one.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

#: Bytes read to decide (inflated bytes, for gzip): a few pages' heads, one disk block or two.
HEAD_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"


class Kind(str, Enum):
    PAGE = "page"  # one page: HTML or text
    JSON = "json"  # one JSON object, or a list of them
    JSONL = "jsonl"  # one JSON object per line
    WARC = "warc"  # WARC records
    SKIP = "skip"  # not a document; `Sniffed.reason` says what it is


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    reason: str = ""
    gzipped: bool = False


#: Magic bytes of formats that are never pages, with the name the summary gives them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or an Office/EPUB file)"),
    (b"\x7fELF", "executable"),
    (b"BZh91AY&SY", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00\x01\x00\x00\x00", "font"),
    (b"OggS\x00", "Ogg media"),
    (b"ID3\x03", "MP3 audio"),
    (b"ID3\x04", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"\x00\x00\x01\x00", "icon"),
)
#: Text files of a mirrored site that are never pages (by name: their content is code).
_ASSET_SUFFIXES = {
    ".css": "stylesheet", ".js": "script", ".mjs": "script", ".map": "source map", ".svg": "SVG image",
    ".ico": "icon", ".woff": "web font", ".woff2": "web font", ".ttf": "font", ".otf": "font",
}
_RECORD_START = re.compile(rb'^\{\s*"')
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
#: Data with more control bytes than this share is binary, not a page.
BINARY_SHARE = 0.3
_XML_ROOT = re.compile(r"<(?!\?|!--)(?:!doctype\s+)?([A-Za-z][\w:.-]*)", re.IGNORECASE)
_XML_NOT_PAGES = {"rss": "RSS feed", "feed": "Atom feed", "urlset": "sitemap", "sitemapindex": "sitemap", "svg": "SVG image"}


def sniff_file(path: Path) -> Sniffed:
    """How to read this file; raises `OSError` when it cannot be opened."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    return sniff(head, path.name)


def sniff(head: bytes, name: str = "") -> Sniffed:
    """How to read data that starts with `head`; `name` (a file name, or "") breaks ties."""
    if head[:2] == GZIP_MAGIC:
        inner_name = name[:-3] if name.lower().endswith(".gz") else name
        try:
            inner = zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
        except zlib.error:
            # corrupt data: read as a page, so that decoding reports what is wrong with it
            return Sniffed(Kind.PAGE, gzipped=True)
        found = sniff(inner, inner_name) if inner[:2] != GZIP_MAGIC else Sniffed(Kind.PAGE)
        return Sniffed(found.kind, found.reason, gzipped=True)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return Sniffed(Kind.SKIP, f"not a page: {what}")
    suffix = _suffix(name)
    if suffix in _ASSET_SUFFIXES:
        return Sniffed(Kind.SKIP, f"not a page: {_ASSET_SUFFIXES[suffix]} ({suffix})")
    text = _head_text(head)
    if text is None:
        return Sniffed(Kind.SKIP, "not a page: binary data")
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("WARC/"):
        return Sniffed(Kind.WARC)
    if start[:1] == "[" and start[1:].lstrip()[:1] in ("{", "]", ""):
        return Sniffed(Kind.JSON)
    if start[:1] == "{" and _RECORD_START.match(start.encode("utf-8", "replace")):
        return Sniffed(_object_kind(start, suffix))
    if start.startswith("<?xml"):
        return _xml(start)
    return Sniffed(Kind.PAGE)


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _head_text(head: bytes) -> str | None:
    """The head as text, or None for data that is mostly control bytes and not UTF-16 text.
    Anything less clear-cut is read as a page: the cleaner then judges it (and gives an
    empty result with a note for binary it recognises), as the library would."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom) and not head.startswith(codecs.BOM_UTF32_LE):
            return head[2:].decode(encoding, "replace")
    if b"\x00" not in head:
        return head.decode("utf-8", "replace")
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = max(1, len(head) // 2)
    if odd > 0.3 * half and even < 0.05 * half:
        return head.decode("utf-16-le", "replace")
    if even > 0.3 * half and odd < 0.05 * half:
        return head.decode("utf-16-be", "replace")
    if len(_CONTROL_BYTES.findall(head)) > BINARY_SHARE * len(head):
        return None
    return head.decode("utf-8", "replace")


def _object_kind(start: str, suffix: str) -> Kind:
    """`{"...`: JSON Lines, or one (maybe pretty-printed) JSON document.

    A first line that is a whole JSON object, or too long to end within the head (a record
    holding a page of HTML), is a record per line; a first line that does not close (`{`
    alone, `{"id": 1,`) is one document over several lines. `.json` keeps a one-line
    object a document: a scraper's metadata sidecar is one, not a one-record stream.
    """
    if suffix == ".json":
        return Kind.JSON
    first, newline, _rest = start.partition("\n")
    if not newline:
        return Kind.JSONL  # one line, or a line longer than the head
    try:
        json.loads(first)
    except ValueError:
        return Kind.JSON
    return Kind.JSONL


def _xml(start: str) -> Sniffed:
    """XHTML is a page; feeds, sitemaps and SVG are not."""
    root = _XML_ROOT.search(start, 5)
    name = root.group(1).lower().split(":")[-1] if root else ""
    if name in _XML_NOT_PAGES:
        return Sniffed(Kind.SKIP, f"not a page: {_XML_NOT_PAGES[name]}")
    return Sniffed(Kind.PAGE)
