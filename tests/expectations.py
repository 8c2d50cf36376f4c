"""Compare an `Article` with a labelled expectation (seed or fixture JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from cleaner import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "fixtures"
META_FIELDS = ("title", "authors", "date", "source", "site", "language", "agencies", "editors")


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def problems(spec: dict, article: Article, *, exact_body: bool) -> list[str]:
    """Everything that differs from the expectation; empty when the article is right."""
    found: list[str] = []
    body = norm(article.text)
    for line in spec["lines"]:
        text = norm(line["text"])
        present = text in body
        if line["label"] == "body" and not present:
            found.append(f"lost body line {line['line']}: {text[:70]!r}")
        if line["label"] != "body" and present and len(text) >= 8:
            found.append(f"{line['label']} line {line['line']} left in body: {text[:70]!r}")
    expected = spec["expected"]
    if exact_body and article.text != expected["body"]:
        found.append("body text differs from the expected body")
    for name in META_FIELDS:
        if name not in expected:
            continue
        want, got = expected[name], getattr(article, name)
        if isinstance(want, list):
            if [w.casefold() for w in want] != [g.casefold() for g in got]:
                found.append(f"{name}: {got!r} != {want!r}")
        elif want is not None and norm(got) != norm(want):
            found.append(f"{name}: {got!r} != {want!r}")
    for caption in expected.get("captions", []):
        if not any(norm(caption) in norm(c) or norm(c) in norm(caption) for c in article.captions):
            found.append(f"caption missing: {caption[:60]!r}")
    for tag in expected.get("tags", []):
        if tag.casefold() not in [t.casefold() for t in article.tags]:
            found.append(f"tag missing: {tag!r} (got {article.tags!r})")
    return found
