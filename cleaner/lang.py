"""Language detection with py3langid (its model ships in the wheel: no download)."""

from __future__ import annotations

import py3langid

#: Characters of text given to the classifier: enough for a stable guess, cheap per page.
SAMPLE_CHARS = 400
MIN_SAMPLE_CHARS = 40


def sample_for_language(lines: list[str]) -> str:
    """The longest lines first: prose tells the language better than menus do."""
    picked: list[str] = []
    size = 0
    for line in sorted(lines, key=len, reverse=True):
        picked.append(line)
        size += len(line)
        if size >= SAMPLE_CHARS:
            break
    return " ".join(picked)[:SAMPLE_CHARS]


def detect_language(lines: list[str]) -> str | None:
    sample = sample_for_language(lines)
    if len(sample) < MIN_SAMPLE_CHARS or sum(c.isalpha() for c in sample) < MIN_SAMPLE_CHARS // 2:
        return None
    language, _score = py3langid.classify(sample)
    return str(language)
