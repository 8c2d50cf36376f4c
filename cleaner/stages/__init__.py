"""Pipeline stages. Each is a function `(doc, ctx) -> None` that labels blocks; none deletes text."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.config import Config
from cleaner.rulebook import RuleBook


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage may read besides the document: the settings and the compiled rules."""

    config: Config
    book: RuleBook
