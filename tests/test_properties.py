"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import json
import os
import re

from expectations import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cleaner import CleanerError, clean
from cleaner.cli import app
from cleaner.stages.normalize import normalize_text

# Lines from our fixture pages: realistic material for documents hypothesis assembles.
LINES = sorted(
    {line for page in (FIXTURES / "pages").glob("*.txt") for line in page.read_text("utf-8").splitlines() if line}
)
SPACE = re.compile(r"\s+")

documents = st.one_of(
    st.text(max_size=2000),
    st.lists(st.sampled_from(LINES), max_size=40).map("\n".join),
    st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=80), st.just("")), max_size=30).map("\n".join),
)
#: 2,000 examples per property in CI (`make test`); CLEANER_EXAMPLES=10000 for a longer hunt.
EXAMPLES = int(os.environ.get("CLEANER_EXAMPLES", "2000"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Article paragraphs from our clean fixture pages (nothing in them may ever be removed).
PARAGRAPHS = sorted({
    line
    for page in (FIXTURES / "pages").glob("clean_*.txt")
    for line in page.read_text("utf-8").splitlines()
    if len(line) >= 120
})


def squash(text: str) -> str:
    return SPACE.sub(" ", normalize_text(text)).strip()


@SETTINGS
@given(st.one_of(documents, st.binary(max_size=3000)))
def test_clean_never_raises(data):
    try:
        clean(data)
    except CleanerError:
        pass


@SETTINGS
@given(documents)
def test_idempotent(text):
    once = clean(text).text
    assert clean(once).text == once


@SETTINGS
@given(documents)
def test_body_is_made_of_input_text_in_input_order(text):
    source = squash(text)
    position = 0
    for block in clean(text).text.split("\n\n"):
        if not block:
            continue
        found = source.find(squash(block), position)
        assert found >= 0, block
        position = found


@SETTINGS
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=8, unique=True), st.sampled_from(["\n", "\n\n"]))
def test_a_clean_article_comes_back_whole(paragraphs, separator):
    """Articles assembled from clean paragraphs (several languages, any order): nothing is removed."""
    text = separator.join(paragraphs)
    article = clean(text)
    assert article.text == text
    assert article.removed == []


@settings(max_examples=max(EXAMPLES // 10, 50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_cli_gives_the_library_result(text):
    """The command line on stdin (JSONL out) prints exactly what the library returns."""
    result = CliRunner().invoke(app, ["clean", "-", "--format", "jsonl", "-q"], input=text.encode("utf-8", "replace"))
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 0:
        record = json.loads(result.stdout.splitlines()[0]) if result.stdout.strip() else {"text": ""}
        assert record["text"] == clean(text.encode("utf-8", "replace")).text
