"""Article heads of our own (fixtures/heads/*.toml), text and HTML, in the six packed
languages: the title, authors and date cleaning reports, and the lines the body keeps.

Each case is a page head written for these tests, not taken from a dev corpus: bylines in
every shape the packs know, names beside dates, all-caps subheadings that are no byline,
browser titles with and without a printed headline, JSON-LD credits, logo headings."""

from __future__ import annotations

import sys

import pytest
from expectations import FIXTURES
from typer.testing import CliRunner

from cleaner import clean
from cleaner.cli import app

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEADS_DIR = FIXTURES / "heads"
HEADS = [head for path in sorted(HEADS_DIR.glob("*.toml")) for head in tomllib.loads(path.read_text("utf-8"))["head"]]


def test_enough_heads_in_every_packed_language():
    assert len(HEADS) >= 30
    prefixes = {head["name"].split("-")[0] for head in HEADS}
    assert {"en", "de", "fr", "es", "it", "pt", "html"} <= prefixes


@pytest.mark.parametrize("head", HEADS, ids=lambda h: h["name"])
def test_head(head):
    article = clean(head["input"].strip())
    if "title" in head:
        assert article.title == head["title"]
    if head.get("no_title"):
        assert article.title is None
    if "authors" in head:
        assert article.authors == head["authors"]
    if "agencies" in head:
        assert article.agencies == head["agencies"]
    if "date" in head:
        assert (article.date or "")[:10] == head["date"]
    lines = article.text.splitlines()
    for line in head.get("keeps", []):
        assert line in lines, line


def test_heads_through_the_cli(tmp_path):
    """The same reading reaches JSONL records: a byline's names are the record's authors."""
    head = next(h for h in HEADS if h["name"] == "en-byline-with-update-time")
    source = tmp_path / "page.txt"
    source.write_text(head["input"].strip(), "utf-8")
    result = CliRunner().invoke(app, ["clean", str(source), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"authors": ["Scott Levine"]' in result.output


def test_a_hostile_title_is_taken_whole():
    """A `<title>` of thousands of separated parts is not split (its runs of parts would be
    millions); the page still cleans, with that title and its body."""
    title = " | ".join(["part"] * 20_000)
    page = f"<html><head><title>{title}</title></head><body><p>{'A sentence of the article. ' * 20}</p></body></html>"
    article = clean(page)
    assert article.title == title
    assert "A sentence of the article." in article.text
