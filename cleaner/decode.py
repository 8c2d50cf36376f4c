"""Turn raw input (str or bytes, maybe gzipped) into text, and tell HTML from text."""

from __future__ import annotations

import codecs
import re
import zlib
from itertools import islice

import regex
from charset_normalizer import from_bytes

from cleaner.errors import InputTooLarge, UndecodableInput

_GZIP_MAGIC = b"\x1f\x8b"
_DECLARED_CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", regex.IGNORECASE)
_XML_ENCODING = regex.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
# (leading control characters and BOMs aside: normalizing drops them, and the cleaned text
# must be read the same way as the input it came from)
_HTML_START = regex.compile(r"^[\s\x00-\x1f\ufeff]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", regex.IGNORECASE | regex.DOTALL)
_HTML_TAG = regex.compile(r"<(?:p|div|span|a|article|section|h[1-6]|br|li|ul|table|td|meta|script|title|img)\b[^>]{0,500}>", regex.IGNORECASE)
# any tag, opening or closing, for the share of lines that hold markup
_ANY_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]{0,500})?/?>")
_BINARY_CHARS = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f]")  # replacement marks and controls
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing to inflate past `limit` bytes (no zip bombs)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise UndecodableInput(f"corrupt gzip data ({error})") from None
    if len(out) > limit:
        raise InputTooLarge(f"gzipped input inflates past the limit of {limit} bytes")
    if not inflater.eof and not inflater.unconsumed_tail:
        raise UndecodableInput("truncated gzip data")
    return out


def decode_bytes(data: bytes, limit: int) -> str:
    """Decode with the BOM, then as UTF-8 when the bytes are valid UTF-8, then the declared
    charset, then a detected one.

    Valid UTF-8 wins over a declaration: pages declaring ISO-8859-1 or gb2312 over UTF-8 text
    are common (a template's header copied, a server default), while text in another
    encoding that happens to be valid UTF-8 is vanishingly rare outside plain ASCII, which
    reads the same either way."""
    if data[:2] == _GZIP_MAGIC:
        data = gunzip(data, limit)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    wide = _utf16_without_bom(data[:4096])
    if wide:
        return data.decode(wide, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace")


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text with no BOM: mostly-Latin text leaves a NUL in every other byte (and is
    valid UTF-8 as it stands, so UTF-8 must not be tried first)."""
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _declared_charset(head: bytes) -> str | None:
    found = _XML_ENCODING.match(head) or _DECLARED_CHARSET.search(head)
    if not found:
        return None
    name = found.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_like_html(text: str) -> bool:
    """Starts like an HTML document, or is markup throughout: three HTML tags at least, and
    a tag on at least half the lines that hold text.

    Why the share: flattened pages about the web (documentation of HTML, React or XML,
    a tutorial quoting `<div>`) hold tags in their prose and code lines, often many, but on
    a small share of their lines (under a third on every flattened dev page); an HTML
    fragment (a feed's or a CMS field's markup) carries its text inside its tags, on nearly
    every line. Read as HTML, such a flattened page lost everything but its code examples."""
    if _HTML_START.match(text[:4096]):
        return True
    if len(list(islice(_HTML_TAG.finditer(text), 3))) < 3:
        return False
    lines = [line for line in text.splitlines() if line and not line.isspace()]
    tagged = sum(1 for line in lines if "<" in line and _ANY_TAG.search(line))
    return tagged * 2 >= len(lines)


def looks_binary(text: str, *, decoded: bool = False) -> bool:
    """Mostly control characters (or, when decoding bytes put them there, replacement marks):
    not text at all. Replacement marks in a str the caller passed are its text, not a sign of
    binary: cleaned output keeps them, and cleaning it again must not turn it into nothing."""
    sample = text[:4096]
    if not sample:
        return False
    pattern = _BINARY_CHARS if decoded else _CONTROL_CHARS
    return len(pattern.findall(sample)) / len(sample) > 0.1
