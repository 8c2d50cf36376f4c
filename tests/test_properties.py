"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import os
import re

from expectations import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import CleanerError, clean
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
SETTINGS = settings(max_examples=int(os.environ.get("CLEANER_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
